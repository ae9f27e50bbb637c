/**
 * Lifecycle states of a workspace (DESIGN §3). The database row is the record; the agent reports
 * the observed state.
 *
 * @public
 */
export const WORKSPACE_STATUSES = [
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'failed',
  'deleting',
  'deleted',
] as const;

/** @public */
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

/**
 * A workspace as the REST API returns it (`/api/rde/workspaces…`). Times are ISO-8601 strings.
 *
 * @public
 */
export interface Workspace {
  /** Random id (UUID). */
  id: string;
  /** DNS-label name, unique per owner. */
  name: string;
  /** Owner's user entity ref, e.g. `user:default/guest`. */
  owner: string;
  /** Name of the blueprint it was created from. */
  blueprint: string;
  /** Cluster whose agent runs it. */
  cluster: string;
  status: WorkspaceStatus;
  /** Why the last operation failed, in words a person can act on; absent when none did. */
  statusMessage?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A blueprint (workspace template) a user may launch from.
 *
 * @public
 */
export interface Blueprint {
  name: string;
  title: string;
  description?: string;
  /** Cluster whose agent runs its workspaces. */
  cluster: string;
}

/**
 * Body of `POST /api/rde/workspaces`.
 *
 * @public
 */
export interface CreateWorkspaceRequest {
  blueprint: string;
  /** Optional DNS label (1–63 chars of `a-z0-9-`); generated when absent. */
  name?: string;
}

/**
 * Response of `POST /api/rde/workspaces/:id/tickets`: a one-time terminal ticket (DESIGN §1.3).
 *
 * @public
 */
export interface TerminalTicket {
  /** The ticket: ≥128 random bits, base64url; valid once, until `expiresAt`. */
  ticket: string;
  /** ISO-8601 expiry, 30 s after issue. */
  expiresAt: string;
  /** Plugin-relative WebSocket path to connect to, with the ticket as `?ticket=`. */
  path: string;
}

/**
 * A cluster known to the control plane and whether an agent is connected for it now.
 *
 * @public
 */
export interface Cluster {
  name: string;
  online: boolean;
  /** ISO-8601 time the last agent for it connected or disconnected. */
  lastSeenAt?: string;
}
