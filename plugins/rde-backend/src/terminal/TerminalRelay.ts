import type { WebSocket, RawData } from 'ws';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  TERMINAL_SIZE_LIMITS,
  type TerminalClientMessage,
  type TerminalServerMessage,
} from '@rde-portal/plugin-rde-common';
import type { TerminalSession } from '../tunnel';

/**
 * Relays one browser terminal WebSocket to its tunnel session (DESIGN §3 "Relays"), in memory
 * only: no byte is stored or logged.
 *
 * Output credit goes back to the agent only when the browser acknowledges rendered bytes
 * (`{type:'ack'}`), so a browser that falls behind stalls its own PTY (`yes` blocks) instead of
 * growing the backend's memory; acknowledgements beyond what was sent are clamped. Input the
 * agent has no credit for pauses the socket. When either side goes away the other is ended: a
 * closed browser resets the session, which ends the PTY on the agent.
 */
export function relayTerminal(
  socket: WebSocket,
  session: TerminalSession,
  logger: LoggerService,
): void {
  const { channel } = session;
  let unacknowledged = 0;
  let exited = false;
  let inputPaused = false;

  const sendControl = (message: TerminalServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  sendControl({ type: 'ready', sessionId: session.id });

  channel.on('data', (data: Buffer) => {
    unacknowledged += data.length;
    socket.send(data, { binary: true });
  });
  channel.on('exit', (code: number, signal?: string) => {
    exited = true;
    sendControl({ type: 'exit', code: code < 0 ? null : code, signal });
  });
  channel.on('close', (info: { reason: string; message?: string }) => {
    if (!exited && socket.readyState === socket.OPEN) {
      sendControl({
        type: 'error',
        message: `The terminal session ended: ${
          info.message ?? 'the connection to the workspace was lost'
        }`,
      });
    }
    socket.close(exited ? 1000 : 1011);
  });

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      if (!channel.write(toBuffer(data)) && !inputPaused) {
        // Frames already read still arrive while paused; one resume is enough for all of them.
        inputPaused = true;
        socket.pause();
        channel.once('drain', () => {
          inputPaused = false;
          socket.resume();
        });
      }
      return;
    }
    const message = parseClientMessage(data.toString());
    if (!message) {
      sendControl({
        type: 'error',
        message:
          'Unrecognised control message: expected {"type":"resize","cols","rows"} or {"type":"ack","bytes"}',
      });
      return;
    }
    if (message.type === 'resize') {
      channel.resize(message.cols, message.rows);
    } else {
      const bytes = Math.min(message.bytes, unacknowledged);
      unacknowledged -= bytes;
      channel.consumed(bytes);
    }
  });
  socket.on('close', () => {
    if (!channel.isClosed) channel.reset('browser went away');
  });
  socket.on('error', error => {
    logger.warn(
      `Terminal socket of session ${session.id} failed: ${error.message}`,
    );
  });
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * Parses and validates a text frame from the browser; undefined when it is not a well-formed
 * {@link TerminalClientMessage} within {@link TERMINAL_SIZE_LIMITS}.
 */
export function parseClientMessage(
  text: string,
): TerminalClientMessage | undefined {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { minCols, maxCols, minRows, maxRows } = TERMINAL_SIZE_LIMITS;
  if (
    value?.type === 'resize' &&
    Number.isInteger(value.cols) &&
    Number.isInteger(value.rows) &&
    value.cols >= minCols &&
    value.cols <= maxCols &&
    value.rows >= minRows &&
    value.rows <= maxRows
  ) {
    return { type: 'resize', cols: value.cols, rows: value.rows };
  }
  if (
    value?.type === 'ack' &&
    Number.isSafeInteger(value.bytes) &&
    value.bytes >= 0
  ) {
    return { type: 'ack', bytes: value.bytes };
  }
  return undefined;
}
