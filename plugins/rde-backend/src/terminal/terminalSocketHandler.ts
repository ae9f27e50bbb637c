import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type {
  AuditorService,
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { TERMINAL_SOCKET_PATH } from '@rde-portal/plugin-rde-common';
import type { AgentGateway } from '../tunnel';
import { relayTerminal } from './TerminalRelay';
import { isAllowedOrigin } from '../config/readTerminalAllowedOrigins';

/** Largest message a browser may send on the terminal socket (a paste chunk), bytes. */
const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;

/** Options of {@link createTerminalSocketHandler}. */
export interface TerminalSocketOptions {
  logger: LoggerService;
  /** Records every attempt, allowed or refused, as a `terminal-session` event (DESIGN §1.3). */
  auditor: AuditorService;
  gateway: AgentGateway;
  /** Consumes a one-time terminal ticket; undefined when unknown, expired or already used. */
  consumeTicket(
    ticket: string,
  ): Promise<
    | { userRef: string; workspaceId: string; cols: number; rows: number }
    | undefined
  >;
  /** Looks a workspace up by id. */
  getWorkspace(
    id: string,
  ): Promise<
    { id: string; owner: string; cluster: string; status: string } | undefined
  >;
  /** Origins (scheme://host[:port]) a browser may open a terminal from; see readTerminalAllowedOrigins. */
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
  return {
    path: TERMINAL_SOCKET_PATH,
    authPolicy: 'unauthenticated',
    handler: async ({ request, socket, head }) => {
      const { logger, gateway } = options;
      const origin = request.headers.origin;
      const meta = { clientIp: clientAddress(request), origin: origin ?? null };
      const audit = await options.auditor.createEvent({
        eventId: 'terminal-session',
        severityLevel: 'medium',
        meta,
      });
      const refuseAudited = (
        status: number,
        message: string,
        detail: string,
      ) => {
        logger.warn(
          `Refused a terminal connection from ${meta.clientIp}: ${detail}`,
        );
        refuse(socket, status, message);
        audit
          .fail({ error: new Error(detail), meta: { status } })
          .catch(() => {});
      };

      if (!isAllowedOrigin(origin, options.allowedOrigins)) {
        refuseAudited(
          403,
          'This origin may not open terminals.',
          `origin ${origin ?? '(none)'} is not allowed`,
        );
        return;
      }
      const ticket = new URL(
        request.url ?? '/',
        'http://localhost',
      ).searchParams.get('ticket');
      const bound = ticket ? await options.consumeTicket(ticket) : undefined;
      if (!bound) {
        refuseAudited(
          401,
          'The terminal ticket is missing, invalid, expired or already used; request a new one.',
          'ticket missing, invalid, expired or already used',
        );
        return;
      }
      const who = { userRef: bound.userRef, workspaceId: bound.workspaceId };
      const workspace = await options.getWorkspace(bound.workspaceId);
      if (!workspace || workspace.owner !== bound.userRef) {
        refuseAudited(
          403,
          'This workspace is not yours.',
          `${bound.userRef} does not own workspace ${bound.workspaceId}`,
        );
        return;
      }
      if (workspace.status !== 'running') {
        refuseAudited(
          409,
          `The workspace is ${workspace.status}; start it first.`,
          `workspace ${workspace.id} is ${workspace.status}`,
        );
        return;
      }
      let session;
      try {
        session = await gateway.openTerminal(workspace.cluster, workspace.id, {
          cols: bound.cols,
          rows: bound.rows,
        });
      } catch (error) {
        refuseAudited(
          503,
          (error as Error).message,
          `could not open a terminal: ${(error as Error).message}`,
        );
        return;
      }
      if (socket.destroyed) {
        session.channel.reset('browser went away before the terminal opened');
        audit
          .fail({
            error: new Error('browser went away before the terminal opened'),
            meta: who,
          })
          .catch(() => {});
        return;
      }
      server.handleUpgrade(request, socket, head, ws => {
        logger.info(
          `Terminal session ${session.id} opened by ${bound.userRef} on workspace ${workspace.id} from ${meta.clientIp}`,
        );
        audit
          .success({ meta: { ...who, sessionId: session.id } })
          .catch(() => {});
        session.channel.once('close', () =>
          logger.info(`Terminal session ${session.id} closed`),
        );
        relayTerminal(ws, session, logger);
      });
    },
  };
}

// The socket's peer only: forwarded-for headers are ignored until trusted proxies are configurable.
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
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
