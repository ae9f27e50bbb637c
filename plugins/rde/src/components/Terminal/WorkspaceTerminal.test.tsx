import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { rdeApiRef } from '../../api/RdeApi';
import { FakeRdeApi, makeWorkspace } from '../../testUtils/FakeRdeApi';
import { WorkspaceTerminal } from './WorkspaceTerminal';

// xterm.js needs a real layout engine; the component's wiring is what is tested here.
type Listener<T> = (value: T) => void;
class MockTerminal {
  static instances: MockTerminal[] = [];
  cols = 80;
  rows = 24;
  textarea?: HTMLTextAreaElement;
  writes: Array<{ data: string | Uint8Array; callback?: () => void }> = [];
  reset = jest.fn();
  focus = jest.fn();
  dispose = jest.fn();
  private dataListeners: Listener<string>[] = [];
  private binaryListeners: Listener<string>[] = [];
  private resizeListeners: Listener<{ cols: number; rows: number }>[] = [];
  constructor(public options: unknown) {
    MockTerminal.instances.push(this);
  }
  loadAddon() {}
  open(container: HTMLElement) {
    this.textarea = document.createElement('textarea');
    container.appendChild(this.textarea);
  }
  write(data: string | Uint8Array, callback?: () => void) {
    this.writes.push({ data, callback });
  }
  onData(listener: Listener<string>) {
    this.dataListeners.push(listener);
    return { dispose: () => {} };
  }
  onBinary(listener: Listener<string>) {
    this.binaryListeners.push(listener);
    return { dispose: () => {} };
  }
  onResize(listener: Listener<{ cols: number; rows: number }>) {
    this.resizeListeners.push(listener);
    return { dispose: () => {} };
  }
  type(data: string) {
    this.dataListeners.forEach(l => l(data));
  }
  resizeTo(cols: number, rows: number) {
    this.cols = cols;
    this.rows = rows;
    this.resizeListeners.forEach(l => l({ cols, rows }));
  }
  text() {
    return this.writes
      .map(w =>
        typeof w.data === 'string' ? w.data : new TextDecoder().decode(w.data),
      )
      .join('');
  }
}

jest.mock('@xterm/xterm', () => ({
  Terminal: jest.fn((options: unknown) => new MockTerminal(options)),
}));
jest.mock('@xterm/addon-fit', () => ({
  FitAddon: jest.fn(() => ({ fit: jest.fn(), dispose: jest.fn() })),
}));

class MockSocket {
  static instances: MockSocket[] = [];
  readyState = 0;
  binaryType = 'blob';
  sent: Array<string | Uint8Array> = [];
  private listeners = new Map<string, Array<(event: any) => void>>();
  constructor(public url: string) {
    MockSocket.instances.push(this);
  }
  addEventListener(type: string, listener: (event: any) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string | Uint8Array) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  emit(type: string, event: any) {
    act(() => {
      this.listeners.get(type)?.forEach(l => l(event));
    });
  }
  serverOpen() {
    this.readyState = 1;
    this.emit('open', {});
  }
  serverSend(data: string | ArrayBuffer) {
    this.emit('message', { data });
  }
  serverClose(code: number, reason = '') {
    this.readyState = 3;
    this.emit('close', { code, reason });
  }
  controls() {
    return this.sent
      .filter(m => typeof m === 'string')
      .map(m => JSON.parse(m as string));
  }
  binary() {
    return this.sent.filter(m => typeof m !== 'string') as Uint8Array[];
  }
}

describe('WorkspaceTerminal', () => {
  const originalWebSocket = global.WebSocket;
  beforeEach(() => {
    MockTerminal.instances = [];
    MockSocket.instances = [];
    (global as any).WebSocket = MockSocket;
  });
  afterEach(() => {
    (global as any).WebSocket = originalWebSocket;
  });

  async function renderTerminal(
    api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo' })],
    }),
  ) {
    await renderInTestApp(<WorkspaceTerminal workspaceId="id-demo" />, {
      apis: [[rdeApiRef, api]],
    });
    await waitFor(() => expect(MockSocket.instances).toHaveLength(1));
    return {
      api,
      term: MockTerminal.instances[0],
      socket: MockSocket.instances[0],
    };
  }

  it('connects with a fresh ticket and speaks the protocol', async () => {
    const { api, term, socket } = await renderTerminal();
    const container = screen.getByTestId('rde-terminal');
    expect(container).toHaveAttribute('data-status', 'connecting');
    expect(screen.getByTestId('rde-terminal-input')).toHaveAttribute(
      'aria-label',
      'Terminal input',
    );
    expect(api.createTerminalTicket).toHaveBeenCalledWith('id-demo', {
      cols: 80,
      rows: 24,
    });
    expect(socket.url).toBe(
      'ws://backend.test/api/rde/terminal?ticket=ticket-1',
    );
    expect(socket.binaryType).toBe('arraybuffer');

    socket.serverOpen();
    socket.serverSend(JSON.stringify({ type: 'ready', sessionId: 's1' }));
    expect(container).toHaveAttribute('data-status', 'open');
    expect(screen.getByText('Connected')).toBeInTheDocument();
    expect(term.focus).toHaveBeenCalled();

    // Keystrokes go out as UTF-8 binary frames.
    act(() => term.type('echo é€\r'));
    expect(socket.binary().map(b => new TextDecoder().decode(b))).toEqual([
      'echo é€\r',
    ]);
    expect([...socket.binary()[0]]).toEqual([
      ...new TextEncoder().encode('echo é€\r'),
    ]);

    // Output is written, and acknowledged once xterm rendered it.
    const output = new TextEncoder().encode('é€ ok\r\n');
    socket.serverSend(output.buffer.slice(0) as ArrayBuffer);
    expect(term.writes).toHaveLength(1);
    expect(socket.controls().filter(m => m.type === 'ack')).toEqual([]);
    await act(async () => {
      term.writes[0].callback!();
      await Promise.resolve();
    });
    expect(socket.controls().filter(m => m.type === 'ack')).toEqual([
      { type: 'ack', bytes: output.byteLength },
    ]);

    // A new fit is sent as a resize.
    act(() => term.resizeTo(132, 43));
    expect(socket.controls().filter(m => m.type === 'resize')).toEqual([
      { type: 'resize', cols: 132, rows: 43 },
    ]);
  });

  it('shows the exit code and reconnects with a new ticket', async () => {
    const { api, term, socket } = await renderTerminal();
    socket.serverOpen();
    socket.serverSend(JSON.stringify({ type: 'ready', sessionId: 's1' }));
    socket.serverSend(JSON.stringify({ type: 'exit', code: 0 }));
    socket.serverClose(1000);

    expect(term.text()).toContain('[process exited with code 0]');
    expect(screen.getByText(/The shell ended/)).toBeInTheDocument();
    expect(screen.getByTestId('rde-terminal')).toHaveAttribute(
      'data-status',
      'exited',
    );

    fireEvent.click(screen.getByTestId('rde-terminal-reconnect'));
    await waitFor(() => expect(MockSocket.instances).toHaveLength(2));
    expect(term.reset).toHaveBeenCalled();
    expect(api.createTerminalTicket).toHaveBeenCalledTimes(2);
    expect(MockSocket.instances[1].url).toContain('ticket=ticket-2');
  });

  it('says in words why it could not connect', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo' })],
    });
    api.createTerminalTicket.mockRejectedValueOnce(
      new Error('Workspace demo is not running'),
    );
    await renderInTestApp(<WorkspaceTerminal workspaceId="id-demo" />, {
      apis: [[rdeApiRef, api]],
    });
    expect(
      await screen.findByText(
        'Could not open a terminal: Workspace demo is not running',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('rde-terminal-reconnect')).toBeInTheDocument();
  });

  it('reports a dropped connection and offers to reconnect', async () => {
    const { socket } = await renderTerminal();
    socket.serverOpen();
    socket.serverSend(JSON.stringify({ type: 'ready', sessionId: 's1' }));
    socket.serverClose(1006);
    expect(
      screen.getByText('The connection to the terminal was lost.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('rde-terminal-reconnect')).toBeInTheDocument();
  });
});
