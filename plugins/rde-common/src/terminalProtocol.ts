/**
 * The browser ⇄ backend terminal WebSocket protocol.
 *
 * - Binary frames carry terminal bytes in both directions (UTF-8 as the PTY emits it; a frame may
 *   end inside a multi-byte character, so decode with a streaming decoder).
 * - Text frames carry JSON control messages: {@link TerminalClientMessage} from the browser,
 *   {@link TerminalServerMessage} from the backend.
 * - Flow control: the backend sends at most {@link TERMINAL_OUTPUT_WINDOW_BYTES} bytes the browser
 *   has not acknowledged; the browser acknowledges bytes with `{type:'ack'}` once its terminal
 *   has rendered them (xterm's write callback). A client that never acknowledges stalls its own
 *   session only (DESIGN §4).
 *
 * @public
 */
export type TerminalClientMessage =
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ack'; bytes: number };

/**
 * Control messages from the backend on the terminal WebSocket.
 *
 * @public
 */
export type TerminalServerMessage =
  | { type: 'ready'; sessionId: string }
  | { type: 'exit'; code: number | null; signal?: string }
  | { type: 'error'; message: string };

/**
 * Bytes of terminal output the backend may have in flight to one browser before it waits for
 * acknowledgements: 1 MiB, enough for 20 MB/s at 50 ms round-trip (DESIGN §9).
 *
 * @public
 */
export const TERMINAL_OUTPUT_WINDOW_BYTES = 1024 * 1024;

/**
 * Plugin-relative path of the terminal WebSocket; the ticket goes in the `ticket` query parameter.
 *
 * @public
 */
export const TERMINAL_SOCKET_PATH = '/terminal';

/**
 * Terminal size limits accepted by resize messages and ticket requests (columns, rows).
 *
 * @public
 */
export const TERMINAL_SIZE_LIMITS = {
  minCols: 2,
  maxCols: 1000,
  minRows: 1,
  maxRows: 500,
};
