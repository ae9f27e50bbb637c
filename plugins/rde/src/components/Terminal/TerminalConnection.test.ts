/**
 * @jest-environment node
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import {
  TerminalConnection,
  type TerminalConnectionStatus,
} from './TerminalConnection';

interface ServerConnection {
  socket: ServerSocket;
  url: URL;
  binary: Buffer[];
  control: any[];
}

async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

describe('TerminalConnection', () => {
  let server: WebSocketServer;
  let baseUrl: string;
  let connections: ServerConnection[];
  let tickets: number;

  beforeEach(async () => {
    connections = [];
    tickets = 0;
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket, request) => {
      const connection: ServerConnection = {
        socket,
        url: new URL(request.url!, baseUrl),
        binary: [],
        control: [],
      };
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          connection.binary.push(data as Buffer);
        } else {
          connection.control.push(JSON.parse(data.toString()));
        }
      });
      connections.push(connection);
    });
  });

  afterEach(async () => {
    for (const client of server.clients) {
      client.terminate();
    }
    await new Promise(resolve => server.close(resolve));
  });

  function setup(overrides?: {
    write?: (data: Uint8Array, done: () => void) => void;
    resolveUrl?: (size: { cols: number; rows: number }) => Promise<string>;
  }) {
    const statuses: TerminalConnectionStatus[] = [];
    const written: Uint8Array[] = [];
    const pendingDone: Array<() => void> = [];
    const sizes: Array<{ cols: number; rows: number }> = [];
    const connection = new TerminalConnection({
      resolveUrl:
        overrides?.resolveUrl ??
        (async size => {
          sizes.push(size);
          tickets += 1;
          return `${baseUrl}/terminal?ticket=${encodeURIComponent(
            `ticket-${tickets}+/=`,
          )}`;
        }),
      write:
        overrides?.write ??
        ((data, done) => {
          written.push(data);
          pendingDone.push(done);
        }),
      onStatus: status => statuses.push(status),
    });
    const state = () => connection.status.state;
    return { connection, statuses, written, pendingDone, sizes, state };
  }

  async function openSession(t: ReturnType<typeof setup>, index = 0) {
    await t.connection.connect({ cols: 80, rows: 24 });
    await waitFor(() => connections.length > index, 'the server connection');
    const server_ = connections[index];
    server_.socket.send(
      JSON.stringify({ type: 'ready', sessionId: `s${index}` }),
    );
    await waitFor(() => t.state() === 'open', 'the ready message');
    return server_;
  }

  it('redeems a fresh ticket of the current size for every connection', async () => {
    const t = setup();
    await openSession(t, 0);
    expect(connections[0].url.pathname).toBe('/terminal');
    expect(connections[0].url.searchParams.get('ticket')).toBe('ticket-1+/=');
    expect(t.sizes).toEqual([{ cols: 80, rows: 24 }]);
    expect(t.statuses.map(s => s.state)).toEqual(['connecting', 'open']);

    t.connection.resize({ cols: 120, rows: 40 });
    await t.connection.connect();
    await waitFor(() => connections.length === 2, 'the second connection');
    expect(connections[1].url.searchParams.get('ticket')).toBe('ticket-2+/=');
    expect(t.sizes[1]).toEqual({ cols: 120, rows: 40 });
    t.connection.dispose();
  });

  it('writes output and acknowledges it only after it was rendered', async () => {
    const t = setup();
    const remote = await openSession(t);

    remote.socket.send(Buffer.from('hello '));
    remote.socket.send(Buffer.from('wörld'));
    await waitFor(() => t.written.length === 2, 'two writes');
    expect(Buffer.from(t.written[0]).toString()).toBe('hello ');
    expect(Buffer.from(t.written[1]).toString()).toBe('wörld');

    // Nothing is acknowledged before the renderer says it is done.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(remote.control.filter(m => m.type === 'ack')).toEqual([]);

    // Callbacks of one render pass are acknowledged in one message.
    t.pendingDone[0]();
    t.pendingDone[1]();
    t.pendingDone[1](); // a callback called twice counts once
    await waitFor(
      () => remote.control.some(m => m.type === 'ack'),
      'the acknowledgement',
    );
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(remote.control.filter(m => m.type === 'ack')).toEqual([
      { type: 'ack', bytes: Buffer.byteLength('hello wörld') },
    ]);

    remote.socket.send(Buffer.alloc(70000, 0x61));
    await waitFor(() => t.written.length === 3, 'the large write');
    t.pendingDone[2]();
    await waitFor(
      () => remote.control.filter(m => m.type === 'ack').length === 2,
      'the second acknowledgement',
    );
    expect(remote.control.filter(m => m.type === 'ack')[1]).toEqual({
      type: 'ack',
      bytes: 70000,
    });
    t.connection.dispose();
  });

  it('sends input as UTF-8 binary frames, queueing what is typed before ready', async () => {
    const t = setup();
    await t.connection.connect({ cols: 80, rows: 24 });
    await waitFor(() => connections.length === 1, 'the server connection');
    const remote = connections[0];

    t.connection.sendInput('early ');
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(remote.binary).toEqual([]);

    remote.socket.send(JSON.stringify({ type: 'ready', sessionId: 's' }));
    await waitFor(() => t.state() === 'open', 'ready');
    t.connection.sendInput('échø €😀\r');
    t.connection.sendBinaryString('\x1b[M\xff\x80');
    await waitFor(() => remote.binary.length === 3, 'three input frames');
    expect(remote.binary[0].toString('utf8')).toBe('early ');
    expect(remote.binary[1]).toEqual(Buffer.from('échø €😀\r', 'utf8'));
    expect([...remote.binary[2]]).toEqual([0x1b, 0x5b, 0x4d, 0xff, 0x80]);
    t.connection.dispose();
  });

  it('sends resize messages when the size changes', async () => {
    const t = setup();
    await t.connection.connect({ cols: 80, rows: 24 });
    await waitFor(() => connections.length === 1, 'the server connection');
    const remote = connections[0];

    // A resize before ready is sent once the session is ready.
    t.connection.resize({ cols: 100, rows: 30 });
    t.connection.resize({ cols: 0, rows: 0 }); // a hidden container: ignored
    remote.socket.send(JSON.stringify({ type: 'ready', sessionId: 's' }));
    await waitFor(() => remote.control.length === 1, 'the first resize');
    expect(remote.control[0]).toEqual({ type: 'resize', cols: 100, rows: 30 });

    t.connection.resize({ cols: 100, rows: 30 }); // unchanged: nothing sent
    t.connection.resize({ cols: 5000, rows: 10.7 }); // clamped to the limits
    await waitFor(() => remote.control.length === 2, 'the second resize');
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(remote.control).toEqual([
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'resize', cols: 1000, rows: 10 },
    ]);
    t.connection.dispose();
  });

  it('reports the exit code and keeps it when the socket closes', async () => {
    const t = setup();
    const remote = await openSession(t);
    remote.socket.send(JSON.stringify({ type: 'exit', code: 3 }));
    remote.socket.close(1000, 'session ended');
    await waitFor(() => t.state() === 'exited', 'the exit');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(t.connection.status).toEqual({ state: 'exited', code: 3 });
  });

  it('reports backend errors in words', async () => {
    const t = setup();
    const remote = await openSession(t);
    remote.socket.send(
      JSON.stringify({ type: 'error', message: 'The agent went away' }),
    );
    remote.socket.close(1011);
    await waitFor(() => t.state() === 'error', 'the error');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(t.connection.status).toEqual({
      state: 'error',
      message: 'The agent went away',
    });
  });

  it('reports a lost connection', async () => {
    const t = setup();
    const remote = await openSession(t);
    remote.socket.terminate();
    await waitFor(() => t.state() === 'closed', 'the close');
    expect(t.connection.status).toEqual({
      state: 'closed',
      message: 'The connection to the terminal was lost.',
    });
  });

  it('reports a refused connection', async () => {
    const t = setup({
      resolveUrl: async () => 'ws://127.0.0.1:1/terminal?ticket=x',
    });
    await t.connection.connect({ cols: 80, rows: 24 });
    await waitFor(() => t.state() === 'closed', 'the failure');
    expect(t.connection.status).toEqual({
      state: 'closed',
      message:
        'Could not connect to the terminal: the connection was refused or failed.',
    });
  });

  it('reports a ticket that could not be issued', async () => {
    const t = setup({
      resolveUrl: async () => {
        throw new Error('Workspace is not running');
      },
    });
    await t.connection.connect({ cols: 80, rows: 24 });
    expect(t.connection.status).toEqual({
      state: 'error',
      message: 'Could not open a terminal: Workspace is not running',
    });
  });

  it('does not acknowledge output of an earlier connection on the new one', async () => {
    const t = setup();
    const first = await openSession(t, 0);
    first.socket.send(Buffer.from('old output'));
    await waitFor(() => t.written.length === 1, 'the old output');

    await t.connection.connect();
    await waitFor(() => connections.length === 2, 'the second connection');
    const second = connections[1];
    second.socket.send(JSON.stringify({ type: 'ready', sessionId: 's1' }));
    await waitFor(() => t.state() === 'open', 'ready again');

    t.pendingDone[0]();
    second.socket.send(Buffer.from('new'));
    await waitFor(() => t.written.length === 2, 'the new output');
    t.pendingDone[1]();
    await waitFor(
      () => second.control.some(m => m.type === 'ack'),
      'the new acknowledgement',
    );
    expect(second.control.filter(m => m.type === 'ack')).toEqual([
      { type: 'ack', bytes: 3 },
    ]);
    t.connection.dispose();
  });
});
