import * as grpc from '@grpc/grpc-js';
import type * as http2 from 'node:http2';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  isLoopbackHost,
  loadTunnelDefinition,
  MAX_FRAME_BYTES,
  TUNNEL_METADATA,
  type AgentMessage__Output,
  type ControlMessage,
  type SessionFrame,
  type SessionFrame__Output,
} from '@rde-portal/tunnel';
import { AgentConnection, agentOfflineError } from './AgentConnection';
import type {
  AgentGateway,
  TerminalSession,
  WorkspaceCommand,
  WorkspaceObservation,
} from './AgentGateway';

/** Checks agent tokens; the agent token store implements it. */
export interface AgentTokenVerifier {
  /** Resolves the token's id and cluster, or undefined for an unknown or revoked token. */
  verify(
    token: string,
  ): Promise<{ tokenId: string; cluster: string } | undefined>;
  markUsed(tokenId: string): Promise<void>;
}

/** Records when a cluster's agent was last seen; the cluster store implements it. */
export interface ClusterPresence {
  ensure(name: string): Promise<void>;
  markSeen(name: string, at?: Date): Promise<void>;
}

/** Options of {@link TunnelServer}. */
export interface TunnelServerOptions {
  config: Config;
  logger: LoggerService;
  tokens: AgentTokenVerifier;
  clusters: ClusterPresence;
  /** Heartbeat and token re-check interval, ms; default 15 000. */
  heartbeatIntervalMs?: number;
}

const DEFAULT_PORT = 7100;
const HEARTBEAT_INTERVAL_MS = 15_000;
/**
 * HTTP/2 receive window the server advertises, bytes. Node's default of 64 KiB caps
 * agent → control-plane throughput at window ÷ RTT (DESIGN §4, "known trap").
 */
export const TUNNEL_RECEIVE_WINDOW = 8 * 1024 * 1024;

/**
 * grpc-js's server keeps Node's 64 KiB HTTP/2 window and has no option to change it; this widens
 * the connection and stream windows of every session the server accepts (and turns off Nagle). It wraps grpc-js's
 * internal `createHttp2Server` (1.14); a test asserts the window really grows, so an upgrade
 * that drops the hook fails loudly.
 */
export function widenReceiveWindows(server: grpc.Server, bytes: number): void {
  const internal = server as unknown as {
    createHttp2Server(credentials: grpc.ServerCredentials): http2.Http2Server;
  };
  const original = internal.createHttp2Server;
  if (typeof original !== 'function') {
    throw new Error(
      'grpc-js no longer has createHttp2Server; update widenReceiveWindows',
    );
  }
  internal.createHttp2Server = credentials => {
    const http2Server = original.call(server, credentials);
    // Keystrokes are tiny writes: never let Nagle hold one back behind an unacknowledged segment.
    http2Server.on('connection', (socket: Socket) => socket.setNoDelay(true));
    http2Server.on('session', (session: http2.ServerHttp2Session) => {
      session.settings({ initialWindowSize: Math.min(bytes, 2 ** 31 - 1) });
      session.setLocalWindowSize(bytes);
    });
    return http2Server;
  };
}

/**
 * The control plane's end of the tunnel (DESIGN §3, §4): a gRPC server on its own port that
 * agents dial. It authenticates each call with an agent token, keeps a registry of connected
 * agents per cluster, and implements {@link AgentGateway} on top of them. TLS is required unless
 * it listens on loopback.
 */
export class TunnelServer implements AgentGateway {
  private readonly server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_FRAME_BYTES + 1024 * 64,
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
  } as grpc.ServerOptions);
  private readonly agents = new Map<string, AgentConnection[]>();
  private port: number | undefined;
  private readonly heartbeatIntervalMs: number;

  constructor(private readonly options: TunnelServerOptions) {
    this.heartbeatIntervalMs =
      options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
    widenReceiveWindows(this.server, TUNNEL_RECEIVE_WINDOW);
    const { service } = loadTunnelDefinition();
    this.server.addService(service, {
      Control: (
        call: grpc.ServerDuplexStream<AgentMessage__Output, ControlMessage>,
      ) => this.onControl(call),
      Session: (
        call: grpc.ServerDuplexStream<SessionFrame__Output, SessionFrame>,
      ) => this.onSession(call),
    });
  }

  /**
   * Binds the port from `rde.tunnel.listen` (default 127.0.0.1:7100; port 0 picks a free one).
   *
   * @throws Error when TLS is not configured for a non-loopback host, or the port is taken.
   */
  async start(): Promise<void> {
    const { config, logger } = this.options;
    const host =
      config.getOptionalString('rde.tunnel.listen.host') ?? '127.0.0.1';
    const port =
      config.getOptionalNumber('rde.tunnel.listen.port') ?? DEFAULT_PORT;
    const tls = config.getOptionalConfig('rde.tunnel.tls');
    let credentials: grpc.ServerCredentials;
    if (tls) {
      credentials = grpc.ServerCredentials.createSsl(
        null,
        [
          {
            cert_chain: readFileSync(tls.getString('certFile')),
            private_key: readFileSync(tls.getString('keyFile')),
          },
        ],
        false,
      );
    } else if (isLoopbackHost(host)) {
      credentials = grpc.ServerCredentials.createInsecure();
    } else {
      throw new Error(
        `rde.tunnel.listen.host is ${host}, which is not loopback: configure rde.tunnel.tls.certFile and keyFile`,
      );
    }
    const address = host.includes(':')
      ? `[${host}]:${port}`
      : `${host}:${port}`;
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(address, credentials, (error, bound) =>
        error
          ? reject(
              new Error(
                `Cannot listen for agents on ${address}: ${error.message}`,
              ),
            )
          : resolve(bound),
      ),
    );
    logger.info(
      `Tunnel listening for agents on ${host}:${this.port} (${
        tls ? 'TLS' : 'plain text, loopback only'
      })`,
    );
  }

  /** The bound port, once started. */
  get boundPort(): number | undefined {
    return this.port;
  }

  /** Asks agents to reconnect elsewhere, then closes every connection. */
  async stop(): Promise<void> {
    for (const connections of this.agents.values()) {
      for (const connection of connections) {
        connection.send({
          drain: {
            reason: 'control plane shutting down',
            reconnectAfterMs: 1000,
          },
        });
        connection.close('control plane shutting down');
      }
    }
    this.agents.clear();
    await new Promise<void>(resolve => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  isOnline(cluster: string): boolean {
    return (this.agents.get(cluster)?.length ?? 0) > 0;
  }

  async runCommand(
    cluster: string,
    command: WorkspaceCommand,
    options?: { timeoutMs?: number; idempotencyKey?: string },
  ): Promise<WorkspaceObservation> {
    return this.connectionFor(cluster).runCommand(command, {
      timeoutMs: options?.timeoutMs ?? 60_000,
      idempotencyKey:
        options?.idempotencyKey ??
        `${command.action}:${command.workspaceId}:${Date.now()}`,
    });
  }

  async openTerminal(
    cluster: string,
    workspaceId: string,
    size: { cols: number; rows: number },
  ): Promise<TerminalSession> {
    return this.connectionFor(cluster).openTerminal(workspaceId, size);
  }

  private connectionFor(cluster: string): AgentConnection {
    const connections = this.agents.get(cluster);
    const newest = connections?.[connections.length - 1];
    if (!newest) throw agentOfflineError(cluster);
    return newest;
  }

  private async authenticate(call: {
    metadata: grpc.Metadata;
    getPeer(): string;
  }): Promise<{ tokenId: string; cluster: string; token: string } | undefined> {
    const header = call.metadata.get(TUNNEL_METADATA.authorization)[0];
    const match =
      typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
    const verified = match
      ? await this.options.tokens.verify(match[1])
      : undefined;
    if (!verified) {
      this.options.logger.warn(
        `Refused a tunnel call from ${call.getPeer()}: ${
          match ? 'unknown or revoked agent token' : 'no agent token'
        }`,
      );
      return undefined;
    }
    return { ...verified, token: match![1] };
  }

  private async onControl(
    call: grpc.ServerDuplexStream<AgentMessage__Output, ControlMessage>,
  ): Promise<void> {
    const { logger, clusters, tokens } = this.options;
    const identity = await this.authenticate(call);
    if (!identity) {
      call.emit('error', {
        code: grpc.status.UNAUTHENTICATED,
        details:
          'Unknown or revoked agent token: create a new token for this cluster and restart the agent with it',
      });
      return;
    }
    let connection: AgentConnection | undefined;
    const helloTimer = setTimeout(() => {
      if (!connection) {
        call.emit('error', {
          code: grpc.status.DEADLINE_EXCEEDED,
          details: 'No Hello within 10 s',
        });
      }
    }, 10_000);
    let heartbeat: NodeJS.Timeout | undefined;
    const cleanup = (reason: string) => {
      clearTimeout(helloTimer);
      clearInterval(heartbeat);
      if (!connection) return;
      const current = connection;
      connection = undefined;
      current.close(reason);
      const list = (this.agents.get(current.cluster) ?? []).filter(
        c => c !== current,
      );
      if (list.length > 0) this.agents.set(current.cluster, list);
      else this.agents.delete(current.cluster);
      clusters.markSeen(current.cluster).catch(() => {});
    };
    call.on('data', (message: AgentMessage__Output) => {
      if (connection) {
        connection.onMessage(message);
        return;
      }
      if (message.body !== 'hello' || !message.hello) {
        call.emit('error', {
          code: grpc.status.FAILED_PRECONDITION,
          details: 'The first message must be Hello',
        });
        return;
      }
      const hello = message.hello;
      if (hello.cluster !== identity.cluster) {
        logger.warn(
          `Refused agent: its token is for cluster '${identity.cluster}', it claimed '${hello.cluster}'`,
        );
        call.emit('error', {
          code: grpc.status.PERMISSION_DENIED,
          details: `This agent token belongs to cluster '${identity.cluster}', not '${hello.cluster}'`,
        });
        return;
      }
      clearTimeout(helloTimer);
      connection = new AgentConnection(
        hello.cluster,
        hello.instanceId,
        call,
        logger,
      );
      this.agents.set(hello.cluster, [
        ...(this.agents.get(hello.cluster) ?? []),
        connection,
      ]);
      connection.send({
        welcome: {
          connectionId: connection.id,
          heartbeatIntervalMs: this.heartbeatIntervalMs,
          maxFrameBytes: MAX_FRAME_BYTES,
        },
      });
      // Each heartbeat also re-checks the token, so revoking it disconnects a connected agent
      // within one interval.
      heartbeat = setInterval(async () => {
        connection?.send({
          heartbeat: {
            nonce: Date.now(),
            isReply: false,
            sentAtMs: Date.now(),
          },
        });
        const still = await tokens.verify(identity.token).catch(() => identity);
        if (!still && connection) {
          logger.warn(
            `Disconnecting the agent of cluster '${identity.cluster}': its token was revoked`,
          );
          call.emit('error', {
            code: grpc.status.UNAUTHENTICATED,
            details: 'The agent token was revoked',
          });
          cleanup('agent token revoked');
        }
      }, this.heartbeatIntervalMs);
      heartbeat.unref();
      logger.info(
        `Agent of cluster '${hello.cluster}' connected (${
          hello.driver
        } driver, v${hello.agentVersion}) from ${call.getPeer()}`,
      );
      Promise.all([
        clusters
          .ensure(hello.cluster)
          .then(() => clusters.markSeen(hello.cluster)),
        tokens.markUsed(identity.tokenId),
      ]).catch(error =>
        logger.warn(`Could not record the agent connection: ${error.message}`),
      );
    });
    call.on('end', () => cleanup('agent closed the control stream'));
    call.on('error', () => cleanup('control stream failed'));
    call.on('cancelled', () => cleanup('control stream cancelled'));
    call.on('close', () => cleanup('control stream closed'));
  }

  private async onSession(
    call: grpc.ServerDuplexStream<SessionFrame__Output, SessionFrame>,
  ): Promise<void> {
    const identity = await this.authenticate(call);
    if (!identity) {
      call.emit('error', {
        code: grpc.status.UNAUTHENTICATED,
        details: 'Unknown or revoked agent token',
      });
      return;
    }
    const sessionId = String(
      call.metadata.get(TUNNEL_METADATA.sessionId)[0] ?? '',
    );
    const accepted = (this.agents.get(identity.cluster) ?? []).some(
      connection => connection.acceptSession(sessionId, call),
    );
    if (!accepted) {
      call.emit('error', {
        code: grpc.status.NOT_FOUND,
        details: `No session ${sessionId} is awaiting this agent`,
      });
    }
  }
}
