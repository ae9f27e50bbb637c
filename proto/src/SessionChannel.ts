import { EventEmitter } from 'node:events';
import type {
  SessionFrame,
  SessionFrame__Output,
} from './generated/rde/v1/SessionFrame';

/**
 * The gRPC duplex a session rides on: a client or server `Session` call of `rde.v1.Tunnel`.
 */
export interface SessionFrameStream {
  write(frame: SessionFrame): boolean;
  end(): void;
  on(event: 'data', listener: (frame: SessionFrame__Output) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'close', listener: () => void): this;
}

/** Largest payload of one data frame: 32 KiB (DESIGN §4). */
export const MAX_FRAME_BYTES = 32 * 1024;

/**
 * Options of a {@link SessionChannel}.
 */
export interface SessionChannelOptions {
  /**
   * Bytes this side grants the peer up front, and the most it will ever hold unconsumed
   * (received but not yet passed to {@link SessionChannel.consumed}). The peer learned this value
   * out of band (OpenSession.initial_credit or Opened.initial_credit).
   */
  receiveWindow: number;
  /** Bytes the peer granted this side up front. */
  initialSendCredit: number;
  /** Largest payload of one data frame, bytes; default {@link MAX_FRAME_BYTES}. */
  maxFrameBytes?: number;
}

/** Why a session ended. */
export interface SessionCloseInfo {
  /** `exit`: the process ended; `reset`: either side aborted; `closed`: the stream went away. */
  reason: 'exit' | 'reset' | 'closed';
  message?: string;
}

/**
 * One tunnel session over its own gRPC stream, with per-direction credit-based flow control
 * (DESIGN §4): data is sent only within credit the peer granted; the receiver grants credit back
 * only for bytes its final consumer drained ({@link consumed}). So neither side buffers more
 * than the window it granted, and a slow consumer stalls its own session only.
 *
 * Events: `data` (Buffer), `resize` (cols, rows), `end` (peer half-closed), `exit` (code,
 * signal), `opened` (sessionId), `drain` (send queue emptied below the high-water mark), `close`
 * ({@link SessionCloseInfo}), always last and once.
 */
export class SessionChannel extends EventEmitter {
  private readonly stream: SessionFrameStream;
  private readonly maxFrameBytes: number;
  private readonly receiveWindow: number;
  private sendCredit: number;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private peerCredit: number;
  private consumedNotGranted = 0;
  private finAfterFlush = false;
  private exitAfterFlush: { code: number; signal: string } | undefined;
  private closed = false;
  private wantsDrain = false;
  private flushScheduled = false;

  constructor(stream: SessionFrameStream, options: SessionChannelOptions) {
    super();
    this.stream = stream;
    this.maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
    this.receiveWindow = options.receiveWindow;
    this.peerCredit = options.receiveWindow;
    this.sendCredit = options.initialSendCredit;
    stream.on('data', frame => this.onFrame(frame));
    stream.on('end', () => this.finish({ reason: 'closed' }));
    stream.on('error', error =>
      this.finish({ reason: 'closed', message: error.message }),
    );
    stream.on('close', () => this.finish({ reason: 'closed' }));
  }

  /** Whether the session has ended. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Bytes queued locally, waiting for credit. */
  get queuedBytes(): number {
    return this.pendingBytes;
  }

  /**
   * Queues bytes for the peer and sends what credit allows. Returns false when the local queue
   * holds a frame or more: the producer should pause until `drain`.
   */
  write(data: Buffer): boolean {
    if (this.closed || this.finAfterFlush || this.exitAfterFlush) {
      return false;
    }
    if (data.length > 0) {
      this.pending.push(data);
      this.pendingBytes += data.length;
      this.scheduleFlush();
    }
    const ok = this.pendingBytes < this.maxFrameBytes;
    if (!ok) {
      this.wantsDrain = true;
    }
    return ok;
  }

  /**
   * Reports that the final consumer drained `bytes` of received data, so the peer may send that
   * many more. Credit goes back in batches of a quarter window to keep credit frames rare.
   */
  consumed(bytes: number): void {
    if (this.closed || bytes <= 0) {
      return;
    }
    this.consumedNotGranted += bytes;
    if (
      this.consumedNotGranted >= this.receiveWindow / 4 ||
      this.peerCredit < this.receiveWindow / 2
    ) {
      const grant = this.consumedNotGranted;
      this.consumedNotGranted = 0;
      this.peerCredit += grant;
      this.stream.write({ credit: grant });
    }
  }

  /** Sends a terminal size change (columns, rows). */
  resize(cols: number, rows: number): void {
    if (!this.closed) {
      this.stream.write({ resize: { cols, rows } });
    }
  }

  /** Sends the first frame of an agent-side session. */
  opened(sessionId: string): void {
    this.stream.write({
      opened: { sessionId, initialCredit: this.receiveWindow },
    });
  }

  /** Half-closes: no more data from this side once the queue is flushed. */
  fin(): void {
    this.finAfterFlush = true;
    this.flush();
  }

  /** Reports the process's exit once queued data is flushed, then ends the stream. */
  exit(code: number, signal = ''): void {
    this.exitAfterFlush = { code, signal };
    this.flush();
  }

  /** Aborts the session in both directions; queued data is dropped. */
  reset(message: string): void {
    if (this.closed) {
      return;
    }
    this.stream.write({ reset: { reason: message } });
    this.finish({ reason: 'reset', message });
    this.stream.end();
  }

  // Writes made in the same turn of the event loop (e.g. several PTY reads) leave as one frame:
  // fewer messages through gRPC, the relay and the browser, at the cost of one setImmediate.
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.pendingBytes > 0 && this.sendCredit > 0 && !this.closed) {
      const budget = Math.min(this.sendCredit, this.maxFrameBytes);
      const frame = this.take(budget);
      this.sendCredit -= frame.length;
      this.stream.write({ data: frame });
    }
    if (this.pendingBytes === 0 && !this.closed) {
      if (this.exitAfterFlush) {
        const { code, signal } = this.exitAfterFlush;
        this.stream.write({ exit: { code, signal } });
        this.finish({ reason: 'exit' });
        this.stream.end();
        return;
      }
      if (this.finAfterFlush) {
        this.finAfterFlush = false;
        this.stream.write({ fin: {} });
      }
    }
    if (this.wantsDrain && this.pendingBytes < this.maxFrameBytes) {
      this.wantsDrain = false;
      this.emit('drain');
    }
  }

  private take(budget: number): Buffer {
    const first = this.pending[0];
    if (first.length <= budget && this.pending.length === 1) {
      this.pending.shift();
      this.pendingBytes -= first.length;
      return first;
    }
    if (first.length >= budget) {
      const head = first.subarray(0, budget);
      if (first.length === budget) {
        this.pending.shift();
      } else {
        this.pending[0] = first.subarray(budget);
      }
      this.pendingBytes -= budget;
      return head;
    }
    const parts: Buffer[] = [];
    let size = 0;
    while (this.pending.length > 0 && size < budget) {
      const next = this.pending[0];
      const room = budget - size;
      if (next.length <= room) {
        parts.push(next);
        size += next.length;
        this.pending.shift();
      } else {
        parts.push(next.subarray(0, room));
        this.pending[0] = next.subarray(room);
        size += room;
      }
    }
    this.pendingBytes -= size;
    return Buffer.concat(parts, size);
  }

  private onFrame(frame: SessionFrame__Output): void {
    if (this.closed) {
      return;
    }
    switch (frame.body) {
      case 'data': {
        const data = frame.data!;
        this.peerCredit -= data.length;
        if (this.peerCredit < 0) {
          this.reset('peer sent more data than it was granted');
          return;
        }
        this.emit('data', data);
        return;
      }
      case 'credit':
        this.sendCredit += frame.credit ?? 0;
        this.flush();
        return;
      case 'resize':
        this.emit('resize', frame.resize?.cols ?? 0, frame.resize?.rows ?? 0);
        return;
      case 'fin':
        this.emit('end');
        return;
      case 'opened':
        this.sendCredit += frame.opened?.initialCredit ?? 0;
        this.emit('opened', frame.opened?.sessionId ?? '');
        this.flush();
        return;
      case 'exit':
        this.emit(
          'exit',
          frame.exit?.code ?? -1,
          frame.exit?.signal || undefined,
        );
        this.finish({ reason: 'exit' });
        this.stream.end();
        return;
      case 'reset':
        this.finish({ reason: 'reset', message: frame.reset?.reason });
        this.stream.end();
        return;
      default:
        return;
    }
  }

  private finish(info: SessionCloseInfo): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.emit('close', info);
  }
}
