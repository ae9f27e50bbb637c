import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import {
  isLoopbackHost,
  loadTunnelDefinition,
  SessionChannel,
  TUNNEL_METADATA,
  type AgentMessage,
  type Command__Output,
  type CommandResult,
  type ControlMessage__Output,
  type OpenSession__Output,
} from '@rde-portal/tunnel';
import { Backoff } from './backoff';
import { endPty } from './drivers/LocalDriver';
import type {
  WorkspaceDriver,
  WorkspaceState,
} from './drivers/WorkspaceDriver';
import type { AgentLogger } from './logger';
import { workspaceSpecFromProto } from './workspaceSpecFromProto';

/** Bytes the agent lets the control plane send on one session before it grants more. */
const SESSION_RECEIVE_WINDOW = 256 * 1024;
/** Results of this many recent commands are kept for idempotent retries. */
const IDEMPOTENCY_CACHE_SIZE = 1000;

/** How the agent reaches the control plane. */
export interface TunnelAgentOptions {
  /** `grpc://host:port` (plain; loopback only) or `grpcs://host:port` (TLS). */
  url: string;
  /** The cluster's agent token; sent as `authorization: Bearer …`, never logged. */
  token: string;
  cluster: string;
  driver: WorkspaceDriver;
  logger: AgentLogger;
  /** PEM of a CA to trust for `grpcs://` besides the system's. */
  caPem?: Buffer;
  version?: string;
  /** Reconnect delays; tests shorten them. */
  backoff?: Backoff;
}

interface Session {
  channel: SessionChannel;
  end(reason: string): void;
}

/**
 * The agent's side of the tunnel (DESIGN §4, §5): dials out, keeps one control stream open,
 * reconnects with jittered exponential backoff, runs lifecycle commands through its driver and
 * opens one Session stream per terminal the control plane asks for.
 */
export class TunnelAgent {
  private readonly options: TunnelAgentOptions;
  private readonly instanceId = randomUUID();
  private readonly backoff: Backoff;
  private readonly sessions = new Map<string, Session>();
  private readonly commandResults = new Map<string, Promise<CommandResult>>();
  private client: grpc.Client | undefined;
  private control:
    | grpc.ClientDuplexStream<AgentMessage, ControlMessage__Output>
    | undefined;
  private stopped = false;
  private draining = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private connected = false;
  private connectedListeners: Array<() => void> = [];

  constructor(options: TunnelAgentOptions) {
    this.options = options;
    this.backoff = options.backoff ?? new Backoff();
    const target = parseUrl(options.url);
    if (!target.tls && !isLoopbackHost(target.host)) {
      throw new Error(
        `Refusing plain-text ${options.url}: use grpcs:// for a control plane that is not on loopback`,
      );
    }
  }

  /** Starts dialling; returns at once. */
  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Resolves once the control plane welcomed this agent (now, if it already has). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise(resolve => this.connectedListeners.push(resolve));
  }

  /** Stops dialling, ends every session and terminal, and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.endAllSessions('agent stopping');
    this.control?.cancel();
    this.client?.close();
    await this.options.driver.shutdown();
  }

  private connect(): void {
    if (this.stopped) return;
    const { url, cluster, logger, caPem } = this.options;
    const target = parseUrl(url);
    const credentials = target.tls
      ? grpc.credentials.createSsl(caPem ?? null)
      : grpc.credentials.createInsecure();
    const { Client } = loadTunnelDefinition();
    const client = new Client(`${target.host}:${target.port}`, credentials, {
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.max_reconnect_backoff_ms': 1000,
      'grpc-node.flow_control_window': 4 * 1024 * 1024,
    });
    this.client = client;
    const metadata = this.metadata();
    const call = (client as any).Control(metadata) as grpc.ClientDuplexStream<
      AgentMessage,
      ControlMessage__Output
    >;
    this.control = call;
    let welcomed = false;
    let lastHeard = Date.now();
    let heartbeat: NodeJS.Timeout | undefined;

    call.write({
      hello: {
        cluster,
        agentVersion: this.options.version ?? '0.1.0',
        driver: this.options.driver.name,
        instanceId: this.instanceId,
      },
    });

    call.on('data', (message: ControlMessage__Output) => {
      lastHeard = Date.now();
      switch (message.body) {
        case 'welcome': {
          welcomed = true;
          this.backoff.reset();
          const interval = message.welcome!.heartbeatIntervalMs || 15_000;
          heartbeat = setInterval(() => {
            if (Date.now() - lastHeard > 3 * interval) {
              logger.warn(
                'control plane silent for 3 heartbeats; reconnecting',
              );
              call.cancel();
              return;
            }
            call.write({
              heartbeat: {
                nonce: Date.now(),
                isReply: false,
                sentAtMs: Date.now(),
              },
            });
            call.write({
              sessionSync: { sessionIds: [...this.sessions.keys()] },
            });
          }, interval);
          heartbeat.unref();
          this.connected = true;
          logger.info(`connected to ${url} as cluster '${cluster}'`);
          this.connectedListeners.splice(0).forEach(l => l());
          return;
        }
        case 'heartbeat':
          if (!message.heartbeat!.isReply) {
            call.write({
              heartbeat: {
                nonce: message.heartbeat!.nonce,
                isReply: true,
                sentAtMs: Date.now(),
              },
            });
          }
          return;
        case 'command':
          this.runCommand(message.command!).then(result => {
            if (this.control === call) call.write({ commandResult: result });
          });
          return;
        case 'openSession':
          this.openSession(client, call, message.openSession!);
          return;
        case 'cancelSession':
          this.sessions
            .get(message.cancelSession!.sessionId)
            ?.end(message.cancelSession!.reason || 'cancelled');
          return;
        case 'sessionSync': {
          const known = new Set(message.sessionSync!.sessionIds);
          for (const [id, session] of this.sessions) {
            if (!known.has(id)) session.end('unknown to the control plane');
          }
          return;
        }
        case 'drain': {
          const after = message.drain!.reconnectAfterMs || 1000;
          logger.info(
            `control plane draining (${
              message.drain!.reason
            }); reconnecting in ${after} ms`,
          );
          this.draining = true;
          setTimeout(() => call.cancel(), after).unref();
          return;
        }
        default:
          return;
      }
    });

    let ended = false;
    const onEnd = (error?: grpc.ServiceError) => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      this.connected = false;
      if (this.control === call) this.control = undefined;
      this.endAllSessions('tunnel connection lost');
      client.close();
      if (this.stopped) return;
      if (
        error &&
        (error.code === grpc.status.UNAUTHENTICATED ||
          error.code === grpc.status.PERMISSION_DENIED)
      ) {
        logger.error(`control plane refused this agent: ${error.details}`);
      } else if (!this.draining) {
        logger.warn(
          `control stream ${welcomed ? 'lost' : 'failed'}${
            error ? `: ${error.details || error.message}` : ''
          }`,
        );
      }
      const delay = this.draining ? 0 : this.backoff.next();
      this.draining = false;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
    call.on('error', (error: grpc.ServiceError) => onEnd(error));
    call.on('end', () => onEnd());
    call.on('status', status => {
      if (status.code !== grpc.status.OK) onEnd(status as grpc.ServiceError);
    });
  }

  private metadata(sessionId?: string): grpc.Metadata {
    const metadata = new grpc.Metadata();
    metadata.set(TUNNEL_METADATA.authorization, `Bearer ${this.options.token}`);
    if (sessionId) metadata.set(TUNNEL_METADATA.sessionId, sessionId);
    return metadata;
  }

  private runCommand(command: Command__Output): Promise<CommandResult> {
    const key = command.idempotencyKey || command.commandId;
    const cached = this.commandResults.get(key);
    if (cached) {
      return cached.then(result => ({
        ...result,
        commandId: command.commandId,
      }));
    }
    const result = this.execute(command).then(
      (observation): CommandResult => ({
        commandId: command.commandId,
        ok: observation.state !== 'failed',
        error:
          observation.state === 'failed' ? observation.message ?? 'failed' : '',
        observation,
      }),
      (error: Error): CommandResult => ({
        commandId: command.commandId,
        ok: false,
        error: error.message,
      }),
    );
    this.commandResults.set(key, result);
    if (this.commandResults.size > IDEMPOTENCY_CACHE_SIZE) {
      const oldest = this.commandResults.keys().next().value;
      if (oldest !== undefined) this.commandResults.delete(oldest);
    }
    return result;
  }

  private async execute(command: Command__Output): Promise<WorkspaceState> {
    const { driver } = this.options;
    if (command.deadlineMs && Date.now() > command.deadlineMs) {
      throw new Error(
        'The command arrived after its deadline and was not run; try again.',
      );
    }
    switch (command.action) {
      case 'createWorkspace':
        return driver.create(workspaceSpecFromProto(command.createWorkspace!));
      case 'upgradeWorkspace':
        return driver.upgrade(
          workspaceSpecFromProto(command.upgradeWorkspace!),
        );
      case 'startWorkspace':
        return driver.start(command.startWorkspace!.workspaceId);
      case 'stopWorkspace':
        return driver.stop(command.stopWorkspace!.workspaceId);
      case 'restartWorkspace':
        return driver.restart(command.restartWorkspace!.workspaceId);
      case 'deleteWorkspace':
        return driver.delete(command.deleteWorkspace!.workspaceId);
      case 'observeWorkspace':
        return driver.observe(command.observeWorkspace!.workspaceId);
      default:
        throw new Error(
          `This agent does not support the command '${command.action}'`,
        );
    }
  }

  private async openSession(
    client: grpc.Client,
    control: grpc.ClientDuplexStream<AgentMessage, ControlMessage__Output>,
    open: OpenSession__Output,
  ): Promise<void> {
    const { logger, driver } = this.options;
    const reject = (reason: string) =>
      control.write({ sessionRejected: { sessionId: open.sessionId, reason } });
    if (this.draining) {
      reject('The agent is reconnecting; try again in a moment.');
      return;
    }
    if (open.deadlineMs && Date.now() > open.deadlineMs) {
      reject('The session request arrived after its deadline.');
      return;
    }
    if (open.kind !== 'SESSION_KIND_TTY') {
      reject(`This agent does not support ${open.kind} sessions yet.`);
      return;
    }
    let pty;
    try {
      pty = await driver.openTty(open.workspaceId, {
        cols: open.tty?.cols || 80,
        rows: open.tty?.rows || 24,
        command: open.tty?.command ?? [],
        env: open.tty?.env ?? {},
      });
    } catch (error) {
      reject((error as Error).message);
      return;
    }
    const call = (client as any).Session(this.metadata(open.sessionId));
    const channel = new SessionChannel(call, {
      receiveWindow: SESSION_RECEIVE_WINDOW,
      initialSendCredit: open.initialCredit,
    });
    const session: Session = {
      channel,
      end: reason => {
        if (!channel.isClosed) channel.reset(reason);
        endPty(pty);
      },
    };
    this.sessions.set(open.sessionId, session);
    channel.opened(open.sessionId);

    // With `encoding: null` node-pty hands out Buffers, though its types say string.
    pty.onData(data => {
      if (!channel.write(data as unknown as Buffer)) pty.pause();
    });
    channel.on('drain', () => pty.resume());
    channel.on('data', (data: Buffer) => {
      pty.write(data);
      channel.consumed(data.length);
    });
    channel.on('resize', (cols: number, rows: number) => {
      if (cols > 0 && rows > 0) pty.resize(cols, rows);
    });
    pty.onExit(({ exitCode, signal }) => {
      channel.exit(signal ? -1 : exitCode, signal ? signalName(signal) : '');
      this.sessions.delete(open.sessionId);
    });
    channel.on('close', () => {
      this.sessions.delete(open.sessionId);
      endPty(pty);
    });
    logger.info(
      `session ${open.sessionId} opened in workspace ${open.workspaceId}`,
    );
  }

  private endAllSessions(reason: string): void {
    for (const session of this.sessions.values()) session.end(reason);
    this.sessions.clear();
  }
}

function signalName(signal: number): string {
  const { signals } = require('node:os')
    .constants as typeof import('node:os').constants;
  return (
    Object.entries(signals).find(([, n]) => n === signal)?.[0] ?? `SIG${signal}`
  );
}

/** Parses `grpc://host:port` / `grpcs://host:port`. @throws Error on anything else. */
export function parseUrl(url: string): {
  host: string;
  port: number;
  tls: boolean;
} {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    (parsed.protocol !== 'grpc:' && parsed.protocol !== 'grpcs:')
  ) {
    throw new Error(
      `Invalid control-plane URL '${url}': expected grpc://host:port or grpcs://host:port`,
    );
  }
  const tls = parsed.protocol === 'grpcs:';
  const defaultPort = tls ? 443 : 80;
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port, tls };
}
