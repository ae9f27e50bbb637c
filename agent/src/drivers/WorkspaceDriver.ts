import type { IPty } from 'node-pty';

/** What a driver needs to create a workspace (from the control plane's CreateWorkspace). */
export interface WorkspaceSpec {
  workspaceId: string;
  name: string;
  owner: string;
  image: string;
  env: Record<string, string>;
  initCommand?: string;
}

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
  /** @throws Error with a message a person can act on. */
  create(spec: WorkspaceSpec): Promise<WorkspaceState>;
  start(workspaceId: string): Promise<WorkspaceState>;
  /** Ends every process of the workspace; keeps its files. */
  stop(workspaceId: string): Promise<WorkspaceState>;
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
