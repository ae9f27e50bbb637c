import type { SessionChannel, WorkspaceDeployment } from '@rde-portal/tunnel';

export type { WorkspaceDeployment } from '@rde-portal/tunnel';

/**
 * What a lifecycle command asks the agent of a cluster to do with one workspace: `create` and
 * `upgrade` (redeploy: keep the files, replace the settings, restart) carry a
 * {@link WorkspaceDeployment}; `restart` ends every process of the workspace and starts it again.
 *
 * @public
 */
export type WorkspaceCommand =
  | ({ action: 'create' | 'upgrade' } & WorkspaceDeployment)
  | {
      action: 'start' | 'stop' | 'restart' | 'delete' | 'observe';
      workspaceId: string;
    };

/**
 * The agent's view of a workspace after a command: `running`, `stopped`, `failed` or `absent`.
 *
 * @public
 */
export interface WorkspaceObservation {
  workspaceId: string;
  state: 'running' | 'stopped' | 'failed' | 'absent';
  message?: string;
}

/**
 * A terminal session relayed through the tunnel: a PTY inside the workspace.
 *
 * `channel` carries raw terminal bytes with per-session credit flow control: call
 * `channel.consumed(n)` only once the final consumer (the browser) drained n bytes of output, so
 * a slow browser bounds memory and stalls only its own session (DESIGN §4). Events: `data`,
 * `exit` (code, signal), `close` ({reason, message}).
 *
 * @public
 */
export interface TerminalSession {
  /** Tunnel session id (random UUID). */
  id: string;
  channel: SessionChannel;
}

/**
 * The control plane's only way to reach a cluster: through the tunnel its agent dialled (DESIGN
 * §1). Implemented by the tunnel server.
 *
 * @public
 */
export interface AgentGateway {
  /**
   * Runs a lifecycle command on the agent of `cluster` and resolves with the observed state.
   *
   * @throws ServiceUnavailableError (`@backstage/errors`) when no agent is connected for the
   *   cluster or it went away before answering; Error with the agent's message when it failed;
   *   Error when no answer came within `timeoutMs` (default 60 000 ms).
   */
  runCommand(
    cluster: string,
    command: WorkspaceCommand,
    options?: { timeoutMs?: number; idempotencyKey?: string },
  ): Promise<WorkspaceObservation>;

  /**
   * Opens a PTY in a running workspace through the tunnel.
   *
   * @throws ServiceUnavailableError when no agent is connected for the cluster; Error when the
   *   agent refuses (e.g. the workspace is not running).
   */
  openTerminal(
    cluster: string,
    workspaceId: string,
    size: { cols: number; rows: number },
  ): Promise<TerminalSession>;

  /** Whether an agent is connected for `cluster` now. */
  isOnline(cluster: string): boolean;
}
