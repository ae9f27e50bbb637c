import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  SessionChannel,
  type AgentMessage__Output,
  type Command,
  type CommandResult__Output,
  type ControlMessage,
  type SessionFrame,
  type SessionFrame__Output,
  type WorkspaceSpec,
} from '@rde-portal/tunnel';
import type {
  TerminalSession,
  WorkspaceCommand,
  WorkspaceDeployment,
  WorkspaceObservation,
} from './AgentGateway';

/** Bytes an agent may send on one session before the control plane grants more (DESIGN §9: 1 MiB carries 20 MB/s at 50 ms RTT). */
export const SESSION_SEND_WINDOW = 1024 * 1024;
/** How long an agent has to open a session it was asked for, ms. */
const SESSION_OPEN_TIMEOUT_MS = 10_000;

interface PendingCommand {
  resolve(observation: WorkspaceObservation): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface PendingSession {
  workspaceId: string;
  resolve(session: TerminalSession): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One connected agent: its control stream, the commands and session opens awaiting its answer,
 * and its open sessions. Created by the tunnel server after the agent's token and Hello checked
 * out; ends when the control stream does, failing everything pending with
 * ServiceUnavailableError.
 */
export class AgentConnection {
  readonly id = randomUUID();
  readonly connectedAt = new Date();
  private readonly pendingCommands = new Map<string, PendingCommand>();
  private readonly pendingSessions = new Map<string, PendingSession>();
  private readonly sessions = new Map<string, SessionChannel>();
  private closed = false;

  constructor(
    readonly cluster: string,
    readonly instanceId: string,
    private readonly call: grpc.ServerDuplexStream<
      AgentMessage__Output,
      ControlMessage
    >,
    private readonly logger: LoggerService,
  ) {}

  /** Sends a control message unless the stream has ended. */
  send(message: ControlMessage): void {
    if (!this.closed) this.call.write(message);
  }

  /** Handles one message from the agent on the control stream. */
  onMessage(message: AgentMessage__Output): void {
    switch (message.body) {
      case 'heartbeat':
        if (!message.heartbeat!.isReply) {
          this.send({
            heartbeat: {
              nonce: message.heartbeat!.nonce,
              isReply: true,
              sentAtMs: Date.now(),
            },
          });
        }
        return;
      case 'commandResult':
        this.onCommandResult(message.commandResult!);
        return;
      case 'sessionRejected': {
        const pending = this.pendingSessions.get(
          message.sessionRejected!.sessionId,
        );
        if (pending) {
          this.pendingSessions.delete(message.sessionRejected!.sessionId);
          clearTimeout(pending.timer);
          pending.reject(
            new Error(
              message.sessionRejected!.reason ||
                'The agent refused the session',
            ),
          );
        }
        return;
      }
      case 'sessionSync': {
        const known = new Set([
          ...this.sessions.keys(),
          ...this.pendingSessions.keys(),
        ]);
        const stale = message.sessionSync!.sessionIds.filter(
          id => !known.has(id),
        );
        if (stale.length > 0) {
          this.send({ sessionSync: { sessionIds: [...known] } });
        }
        return;
      }
      default:
        return;
    }
  }

  /** Sends a lifecycle command and resolves with the agent's observation. */
  runCommand(
    command: WorkspaceCommand,
    options: { timeoutMs: number; idempotencyKey: string },
  ): Promise<WorkspaceObservation> {
    const commandId = randomUUID();
    const message: Command = {
      commandId,
      idempotencyKey: options.idempotencyKey,
      deadlineMs: Date.now() + options.timeoutMs,
      ...toProtoAction(command),
    };
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(offline(this.cluster));
        return;
      }
      const timer = setTimeout(() => {
        this.pendingCommands.delete(commandId);
        reject(
          new Error(
            `The agent of cluster '${this.cluster}' did not answer within ${options.timeoutMs} ms`,
          ),
        );
      }, options.timeoutMs);
      this.pendingCommands.set(commandId, { resolve, reject, timer });
      this.send({ command: message });
    });
  }

  /** Asks the agent to open a PTY; resolves when its Session stream arrived. */
  openTerminal(
    workspaceId: string,
    size: { cols: number; rows: number },
  ): Promise<TerminalSession> {
    const sessionId = randomUUID();
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(offline(this.cluster));
        return;
      }
      const timer = setTimeout(() => {
        this.pendingSessions.delete(sessionId);
        this.send({ cancelSession: { sessionId, reason: 'open timed out' } });
        reject(
          new Error(
            `The agent of cluster '${this.cluster}' did not open the terminal within ${SESSION_OPEN_TIMEOUT_MS} ms`,
          ),
        );
      }, SESSION_OPEN_TIMEOUT_MS);
      this.pendingSessions.set(sessionId, {
        workspaceId,
        resolve,
        reject,
        timer,
      });
      this.send({
        openSession: {
          sessionId,
          kind: 'SESSION_KIND_TTY',
          workspaceId,
          initialCredit: SESSION_SEND_WINDOW,
          deadlineMs: Date.now() + SESSION_OPEN_TIMEOUT_MS,
          tty: { cols: size.cols, rows: size.rows, command: [], env: {} },
        },
      });
    });
  }

  /**
   * Takes an agent's Session call for a session this connection asked for.
   *
   * @returns false when no such session is pending (the caller then refuses the call).
   */
  acceptSession(
    sessionId: string,
    call: grpc.ServerDuplexStream<SessionFrame__Output, SessionFrame>,
  ): boolean {
    const pending = this.pendingSessions.get(sessionId);
    if (!pending || this.closed) return false;
    this.pendingSessions.delete(sessionId);
    const channel = new SessionChannel(call, {
      receiveWindow: SESSION_SEND_WINDOW,
      initialSendCredit: 0,
    });
    this.sessions.set(sessionId, channel);
    channel.on('close', () => this.sessions.delete(sessionId));
    channel.once('opened', () => {
      clearTimeout(pending.timer);
      pending.resolve({ id: sessionId, channel });
    });
    channel.once('close', () => {
      clearTimeout(pending.timer);
      pending.reject(
        new Error('The agent closed the terminal before it opened'),
      );
    });
    return true;
  }

  /** Number of open sessions. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Ends the connection: fails what is pending, resets open sessions, ends the stream. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pendingCommands.values()) {
      clearTimeout(pending.timer);
      pending.reject(offline(this.cluster));
    }
    this.pendingCommands.clear();
    for (const pending of this.pendingSessions.values()) {
      clearTimeout(pending.timer);
      pending.reject(offline(this.cluster));
    }
    this.pendingSessions.clear();
    for (const channel of this.sessions.values()) channel.reset(reason);
    this.sessions.clear();
    try {
      this.call.end();
    } catch {
      // Already gone.
    }
    this.logger.info(
      `agent of cluster '${this.cluster}' disconnected: ${reason}`,
    );
  }

  private onCommandResult(result: CommandResult__Output): void {
    const pending = this.pendingCommands.get(result.commandId);
    if (!pending) return;
    this.pendingCommands.delete(result.commandId);
    clearTimeout(pending.timer);
    if (!result.ok) {
      pending.reject(
        new Error(
          result.error || 'The agent reported a failure without a message',
        ),
      );
      return;
    }
    const observation = result.observation;
    pending.resolve({
      workspaceId: observation?.workspaceId ?? '',
      state: (observation?.state as WorkspaceObservation['state']) || 'failed',
      message: observation?.message || undefined,
    });
  }
}

function offline(cluster: string): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `No agent is connected for cluster '${cluster}'; start its rde-agent and try again.`,
  );
}

/**
 * The `action` part of a proto `Command` for a {@link WorkspaceCommand}: `create` and `upgrade`
 * carry a `WorkspaceSpec` (absent repository, ref and startup command become empty strings, as
 * proto3 has no unset strings), the others a `WorkspaceRef`.
 */
export function toProtoAction(command: WorkspaceCommand): Partial<Command> {
  switch (command.action) {
    case 'create':
      return { createWorkspace: toProtoSpec(command) };
    case 'upgrade':
      return { upgradeWorkspace: toProtoSpec(command) };
    case 'start':
      return { startWorkspace: { workspaceId: command.workspaceId } };
    case 'stop':
      return { stopWorkspace: { workspaceId: command.workspaceId } };
    case 'restart':
      return { restartWorkspace: { workspaceId: command.workspaceId } };
    case 'delete':
      return { deleteWorkspace: { workspaceId: command.workspaceId } };
    case 'observe':
      return { observeWorkspace: { workspaceId: command.workspaceId } };
    default:
      throw new Error(
        `Unknown workspace command '${(command as { action: string }).action}'`,
      );
  }
}

function toProtoSpec(deployment: WorkspaceDeployment): WorkspaceSpec {
  return {
    workspaceId: deployment.workspaceId,
    name: deployment.name,
    owner: deployment.owner,
    image: deployment.image,
    env: deployment.env,
    secretEnv: deployment.secretEnv,
    repositoryUrl: deployment.repository?.url ?? '',
    repositoryRef: deployment.repository?.ref ?? '',
    startupCommand: deployment.startupCommand ?? '',
    cpu: deployment.resources.cpu,
    memory: deployment.resources.memory,
    storage: deployment.resources.storage,
    ports: deployment.ports,
  };
}

export { offline as agentOfflineError };
