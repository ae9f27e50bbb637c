import type { WorkspaceDeployment } from '@rde-portal/tunnel';
import type { IPty } from 'node-pty';

/**
 * What a driver deploys for `create` and `upgrade`: the control plane's
 * {@link WorkspaceDeployment} (fields documented there).
 */
export type WorkspaceSpec = WorkspaceDeployment;

/** A driver's view of a workspace. */
export interface WorkspaceState {
  workspaceId: string;
  state: 'running' | 'stopped' | 'failed' | 'absent';
  message?: string;
}

/** Options of a terminal (PTY) opened in a workspace. */
export interface TtyRequest {
  /** Columns and rows. */
  cols: number;
  rows: number;
  /** argv; empty for the login shell. */
  command: string[];
  env: Record<string, string>;
}

/**
 * Runs workspaces on some substrate (DESIGN §5): `local` (directories and processes on the
 * agent's host) or `kubernetes`. Every method is idempotent: creating an existing workspace,
 * stopping a stopped one or deleting an absent one succeeds.
 */
export interface WorkspaceDriver {
  readonly name: string;
  /**
   * Creates and starts a workspace. A failure the user can fix (a repository that cannot be
   * cloned, a missing secret) gives state `failed` with a message and leaves nothing behind.
   *
   * @throws Error with a message a person can act on, for bad input (e.g. an invalid id).
   */
  create(spec: WorkspaceSpec): Promise<WorkspaceState>;
  /** Starts a stopped (or failed) workspace: its startup command runs again. */
  start(workspaceId: string): Promise<WorkspaceState>;
  /** Ends every process of the workspace; keeps its files. */
  stop(workspaceId: string): Promise<WorkspaceState>;
  /** Ends every process of the workspace (as `stop` does), then starts it. */
  restart(workspaceId: string): Promise<WorkspaceState>;
  /**
   * Redeploys a workspace with a new spec: keeps its files (an existing checkout is not cloned
   * again), replaces its settings and restarts it. Nothing changes when the new spec cannot be
   * applied (e.g. a missing secret); the result is then `failed` with the reason.
   */
  upgrade(spec: WorkspaceSpec): Promise<WorkspaceState>;
  /** Ends every process and removes the workspace's files. */
  delete(workspaceId: string): Promise<WorkspaceState>;
  observe(workspaceId: string): Promise<WorkspaceState>;
  /**
   * Starts a process on a pseudo-terminal inside a running workspace.
   *
   * @throws Error when the workspace is not running.
   */
  openTty(workspaceId: string, request: TtyRequest): Promise<IPty>;
  /** Ends every process the driver started; for agent shutdown. */
  shutdown(): Promise<void>;
}
