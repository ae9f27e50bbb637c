import {
  TERMINAL_SIZE_LIMITS,
  type TerminalClientMessage,
  type TerminalServerMessage,
} from '@rde-portal/plugin-rde-common';
import type { TerminalSize } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';

/**
 * Where a {@link TerminalConnection} is.
 *
 * @public
 */
export type TerminalConnectionStatus =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'open'; sessionId: string }
  | { state: 'exited'; code: number | null; signal?: string }
  | { state: 'closed'; message: string }
  | { state: 'error'; message: string };

/**
 * What a {@link TerminalConnection} needs from its surroundings.
 *
 * @public
 */
export interface TerminalConnectionOptions {
  /**
   * Returns the WebSocket URL of a new terminal session. Called once for every connection,
   * so that each one redeems a fresh one-time ticket issued for the given size.
   */
  resolveUrl(size: TerminalSize): Promise<string>;
  /**
   * Renders terminal output. `done` must be called once the bytes are rendered (xterm's
   * write callback): only then are they acknowledged to the backend.
   */
  write(data: Uint8Array, done: () => void): void;
  /** Called on every change of {@link TerminalConnection.status}. */
  onStatus?(status: TerminalConnectionStatus): void;
  /** Creates the socket; the global `WebSocket` by default. */
  createWebSocket?(url: string): WebSocket;
}

/** Bytes of input kept while the session is not ready yet; more is dropped. */
const MAX_QUEUED_INPUT_BYTES = 64 * 1024;

/** One WebSocket and the accounting that belongs to it. */
interface Session {
  socket?: WebSocket;
  ready: boolean;
  /** Rendered bytes not acknowledged yet. */
  unacked: number;
  ackScheduled: boolean;
  /** Input typed before the session was ready. */
  queuedInput: Uint8Array[];
  queuedBytes: number;
  /** The size the backend knows: the ticket's, then the last resize sent. */
  size: TerminalSize;
  /** The backend's last `error` message, reported when the socket closes. */
  serverError?: string;
}

/**
 * Clamps a size to what the backend accepts; undefined for a size that is no size at all
 * (a hidden container measures 0 × 0).
 */
function normalizeSize(size: TerminalSize): TerminalSize | undefined {
  if (!Number.isFinite(size.cols) || !Number.isFinite(size.rows)) {
    return undefined;
  }
  if (size.cols < 1 || size.rows < 1) {
    return undefined;
  }
  const { minCols, maxCols, minRows, maxRows } = TERMINAL_SIZE_LIMITS;
  return {
    cols: Math.min(maxCols, Math.max(minCols, Math.floor(size.cols))),
    rows: Math.min(maxRows, Math.max(minRows, Math.floor(size.rows))),
  };
}

function describeClose(event: CloseEvent, wasReady: boolean): string {
  const reason = event.reason ? `: ${event.reason}` : '';
  if (!wasReady && event.code === 1006) {
    return 'Could not connect to the terminal: the connection was refused or failed.';
  }
  if (event.code === 1006) {
    return 'The connection to the terminal was lost.';
  }
  return `The terminal connection closed${reason} (code ${event.code}).`;
}

/**
 * The browser side of the terminal WebSocket protocol (`terminalProtocol.ts` in
 * `@rde-portal/plugin-rde-common`), free of any UI: fetches a URL with a fresh ticket for each
 * connection, hands output to a renderer and acknowledges it only once rendered, sends input as
 * UTF-8 binary frames, and sends resizes.
 *
 * @public
 */
export class TerminalConnection {
  private readonly options: TerminalConnectionOptions;
  private readonly encoder = new TextEncoder();
  private session?: Session;
  private currentStatus: TerminalConnectionStatus = { state: 'idle' };
  private desiredSize: TerminalSize = { cols: 80, rows: 24 };
  private disposed = false;

  constructor(options: TerminalConnectionOptions) {
    this.options = options;
  }

  /** Where the connection is now. */
  get status(): TerminalConnectionStatus {
    return this.currentStatus;
  }

  /**
   * Opens a new session of the given size, closing any current one first. Resolves once the
   * socket is being opened; failures are reported through the status.
   */
  async connect(size?: TerminalSize): Promise<void> {
    if (this.disposed) {
      return;
    }
    if (size) {
      this.desiredSize = normalizeSize(size) ?? this.desiredSize;
    }
    this.closeSession(1000, 'reconnecting');
    const session: Session = {
      ready: false,
      unacked: 0,
      ackScheduled: false,
      queuedInput: [],
      queuedBytes: 0,
      size: { ...this.desiredSize },
    };
    this.session = session;
    this.setStatus({ state: 'connecting' });

    let url: string;
    try {
      url = await this.options.resolveUrl(session.size);
    } catch (error) {
      if (this.session === session) {
        this.session = undefined;
        this.setStatus({
          state: 'error',
          message: `Could not open a terminal: ${errorMessage(error)}`,
        });
      }
      return;
    }
    if (this.session !== session) {
      return; // closed or replaced while the ticket was being issued
    }

    let socket: WebSocket;
    try {
      socket = this.options.createWebSocket
        ? this.options.createWebSocket(url)
        : new WebSocket(url);
    } catch (error) {
      this.session = undefined;
      this.setStatus({
        state: 'error',
        message: `Could not connect to the terminal: ${errorMessage(error)}`,
      });
      return;
    }
    socket.binaryType = 'arraybuffer';
    session.socket = socket;

    socket.addEventListener('message', event =>
      this.handleMessage(session, event as MessageEvent),
    );
    socket.addEventListener('close', event =>
      this.handleClose(session, event as CloseEvent),
    );
  }

  /** Sends keyboard input (xterm's `onData`) as a UTF-8 binary frame. */
  sendInput(data: string): void {
    if (data.length > 0) {
      this.sendBytes(this.encoder.encode(data));
    }
  }

  /**
   * Sends xterm's `onBinary` data: a string whose characters are single bytes (mouse reports in
   * some encodings), one byte per character.
   */
  sendBinaryString(data: string): void {
    if (data.length === 0) {
      return;
    }
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      bytes[i] = data.charCodeAt(i) & 0xff;
    }
    this.sendBytes(bytes);
  }

  /**
   * Records the terminal's size and tells the backend when it changed. Before the session is
   * ready the size is sent once it is; it also becomes the size of the next connection's ticket.
   */
  resize(size: TerminalSize): void {
    const normalized = normalizeSize(size);
    if (!normalized) {
      return;
    }
    this.desiredSize = normalized;
    const session = this.session;
    if (session?.ready) {
      this.sendSize(session);
    }
  }

  /** Closes the session for good; no status changes are reported afterwards. */
  dispose(): void {
    this.closeSession(1000, 'closed by the user');
    this.disposed = true;
  }

  /** Closes the current session, reporting it as closed. */
  close(): void {
    if (this.session) {
      this.closeSession(1000, 'closed by the user');
      this.setStatus({ state: 'closed', message: 'Disconnected.' });
    }
  }

  private handleMessage(session: Session, event: MessageEvent): void {
    if (this.session !== session) {
      return;
    }
    const { data } = event;
    if (typeof data === 'string') {
      this.handleControl(session, data);
      return;
    }
    let bytes: Uint8Array;
    if (
      data instanceof ArrayBuffer ||
      // an ArrayBuffer of another realm (iframes, test environments)
      Object.prototype.toString.call(data) === '[object ArrayBuffer]'
    ) {
      bytes = new Uint8Array(data as ArrayBuffer);
    } else if (ArrayBuffer.isView(data)) {
      bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } else {
      return; // binaryType is arraybuffer; nothing else arrives
    }
    const length = bytes.byteLength;
    if (length === 0) {
      return;
    }
    let acknowledged = false;
    this.options.write(bytes, () => {
      if (!acknowledged) {
        acknowledged = true;
        this.acknowledge(session, length);
      }
    });
  }

  private handleControl(session: Session, text: string): void {
    let message: TerminalServerMessage;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    switch (message?.type) {
      case 'ready':
        session.ready = true;
        this.setStatus({ state: 'open', sessionId: message.sessionId });
        this.sendSize(session);
        for (const chunk of session.queuedInput) {
          session.socket?.send(chunk);
        }
        session.queuedInput = [];
        session.queuedBytes = 0;
        break;
      case 'exit':
        session.ready = false;
        this.setStatus({
          state: 'exited',
          code: message.code,
          ...(message.signal ? { signal: message.signal } : {}),
        });
        break;
      case 'error':
        session.serverError = message.message;
        this.setStatus({ state: 'error', message: message.message });
        break;
      default:
        break;
    }
  }

  private handleClose(session: Session, event: CloseEvent): void {
    if (this.session !== session) {
      return;
    }
    this.session = undefined;
    const state = this.currentStatus.state;
    if (state === 'exited' || state === 'error') {
      return; // the reason is already on display
    }
    this.setStatus({
      state: 'closed',
      message: session.serverError ?? describeClose(event, session.ready),
    });
  }

  private acknowledge(session: Session, bytes: number): void {
    if (this.session !== session) {
      return; // output of an earlier connection
    }
    session.unacked += bytes;
    if (session.ackScheduled) {
      return;
    }
    session.ackScheduled = true;
    // Write callbacks of one render pass arrive together; acknowledge them in one message.
    queueMicrotask(() => {
      session.ackScheduled = false;
      const unacked = session.unacked;
      if (unacked > 0 && this.session === session) {
        session.unacked = 0;
        this.sendControl(session, { type: 'ack', bytes: unacked });
      }
    });
  }

  private sendBytes(bytes: Uint8Array): void {
    const session = this.session;
    if (!session) {
      return;
    }
    if (session.ready) {
      session.socket?.send(bytes);
    } else if (
      session.queuedBytes + bytes.byteLength <=
      MAX_QUEUED_INPUT_BYTES
    ) {
      session.queuedInput.push(bytes);
      session.queuedBytes += bytes.byteLength;
    }
  }

  private sendSize(session: Session): void {
    const size = this.desiredSize;
    if (size.cols === session.size.cols && size.rows === session.size.rows) {
      return;
    }
    session.size = { ...size };
    this.sendControl(session, {
      type: 'resize',
      cols: size.cols,
      rows: size.rows,
    });
  }

  private sendControl(session: Session, message: TerminalClientMessage): void {
    const socket = session.socket;
    if (socket && socket.readyState === 1 /* OPEN */) {
      socket.send(JSON.stringify(message));
    }
  }

  private closeSession(code: number, reason: string): void {
    const session = this.session;
    this.session = undefined;
    const socket = session?.socket;
    if (socket && socket.readyState <= 1 /* CONNECTING or OPEN */) {
      try {
        socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  private setStatus(status: TerminalConnectionStatus): void {
    this.currentStatus = status;
    if (!this.disposed) {
      this.options.onStatus?.(status);
    }
  }
}
