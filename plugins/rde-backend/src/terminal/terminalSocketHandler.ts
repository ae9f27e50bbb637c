import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type {
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { TERMINAL_SOCKET_PATH } from '@rde-portal/plugin-rde-common';
import type { AgentGateway } from '../tunnel';
import { relayTerminal } from './TerminalRelay';

/** Largest message a browser may send on the terminal socket (a paste chunk), bytes. */
const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;

/** Options of {@link createTerminalSocketHandler}. */
export interface TerminalSocketOptions {
  logger: LoggerService;
  gateway: AgentGateway;
  /** Consumes a one-time terminal ticket; undefined when unknown, expired or already used. */
  consumeTicket(
    ticket: string,
  ): Promise<{ userRef: string; workspaceId: string; cols: number; rows: number } | undefined>;
  /** Looks a workspace up by id. */
  getWorkspace(
    id: string,
  ): Promise<{ id: string; owner: string; cluster: string; status: string } | undefined>;
  /** Origins (scheme://host[:port]) a browser may open a terminal from. */
  allowedOrigins: string[];
}

/**
 * The terminal WebSocket at `/api/rde/terminal?ticket=…` (DESIGN §1.3, §3). Authentication is
 * the one-time ticket, never a bearer token in the URL, so the route is `unauthenticated` for
 * the framework and checks, before the upgrade completes: the `Origin` header against the
 * allowed origins (cross-site WebSocket hijacking), the ticket (consumed atomically), that the
 * ticket's user owns the workspace and that it is running. Refusals are plain HTTP answers
 * (403, 401, 409, 503) with a message; then a PTY is opened through the tunnel and relayed.
 */
export function createTerminalSocketHandler(
  options: TerminalSocketOptions,
): HttpRouterServiceWebSocketHandler {
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  const allowed = new Set(options.allowedOrigins.map(normaliseOrigin));
  return {
    path: TERMINAL_SOCKET_PATH,
    authPolicy: 'unauthenticated',
    handler: async ({ request, socket, head }) => {
      const { logger, gateway } = options;
      const origin = request.headers.origin;
      if (!origin || !allowed.has(normaliseOrigin(origin))) {
        logger.warn(`Refused a terminal connection from ${clientAddress(request)}: origin ${origin ?? '(none)'} is not allowed`);
        refuse(socket, 403, 'This origin may not open terminals.');
        return;
      }
      const ticket = new URL(request.url ?? '/', 'http://localhost').searchParams.get('ticket');
      const bound = ticket ? await options.consumeTicket(ticket) : undefined;
      if (!bound) {
        logger.warn(`Refused a terminal connection from ${clientAddress(request)}: ticket missing, invalid, expired or already used`);
        refuse(socket, 401, 'The terminal ticket is missing, invalid, expired or already used; request a new one.');
        return;
      }
      const workspace = await options.getWorkspace(bound.workspaceId);
      if (!workspace || workspace.owner !== bound.userRef) {
        refuse(socket, 403, 'This workspace is not yours.');
        return;
      }
      if (workspace.status !== 'running') {
        refuse(socket, 409, `The workspace is ${workspace.status}; start it first.`);
        return;
      }
      let session;
      try {
        session = await gateway.openTerminal(workspace.cluster, workspace.id, {
          cols: bound.cols,
          rows: bound.rows,
        });
      } catch (error) {
        refuse(socket, 503, (error as Error).message);
        return;
      }
      if (socket.destroyed) {
        session.channel.reset('browser went away before the terminal opened');
        return;
      }
      server.handleUpgrade(request, socket, head, ws => {
        logger.info(
          `Terminal session ${session.id} opened by ${bound.userRef} on workspace ${workspace.id} from ${clientAddress(request)}`,
        );
        session.channel.once('close', () =>
          logger.info(`Terminal session ${session.id} closed`),
        );
        relayTerminal(ws, session, logger);
      });
    },
  };
}

function normaliseOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  409: 'Conflict',
  503: 'Service Unavailable',
};

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = Buffer.from(`${message}\n`);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n` +
      'Connection: close\r\n\r\n' +
      body.toString(),
  );
}
