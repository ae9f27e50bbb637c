import WebSocket from 'ws';
import type { TerminalServerMessage } from '@rde-portal/plugin-rde-common';

/**
 * A terminal WebSocket client that speaks the browser's protocol (binary data, JSON control,
 * acknowledgements), decodes UTF-8 as a stream, and lets tests wait for output.
 */
export class TerminalClient {
  readonly socket: WebSocket;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  text = '';
  bytes = 0;
  readonly control: TerminalServerMessage[] = [];
  readonly closed: Promise<{ code: number }>;
  autoAck = true;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise(resolve =>
      socket.once('close', code => resolve({ code })),
    );
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        this.bytes += data.length;
        this.text += this.decoder.decode(data, { stream: true });
        if (this.autoAck) this.ack(data.length);
      } else {
        this.control.push(JSON.parse(data.toString()));
      }
    });
  }

  /**
   * Opens a terminal socket. Rejects with `Unexpected server response: <status>` when the server
   * refuses the upgrade.
   */
  static connect(url: string, origin: string): Promise<TerminalClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { origin });
      socket.once('open', () => resolve(new TerminalClient(socket)));
      socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () =>
          reject(
            Object.assign(
              new Error(`refused: ${res.statusCode} ${body.trim()}`),
              { status: res.statusCode },
            ),
          ),
        );
      });
      socket.once('error', reject);
    });
  }

  send(text: string | Buffer): void {
    this.socket.send(typeof text === 'string' ? Buffer.from(text) : text, {
      binary: true,
    });
  }

  ack(bytes: number): void {
    this.socket.send(JSON.stringify({ type: 'ack', bytes }));
  }

  resize(cols: number, rows: number): void {
    this.socket.send(JSON.stringify({ type: 'resize', cols, rows }));
  }

  /** Waits until the decoded output matches; fails with what arrived after `timeoutMs`. */
  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const matches = () =>
      typeof pattern === 'string'
        ? this.text.includes(pattern)
        : pattern.test(this.text);
    while (!matches()) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${pattern}; output so far:\n${this.text.slice(
            -2000,
          )}`,
        );
      }
      await new Promise(r => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}
