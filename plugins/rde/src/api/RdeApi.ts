import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AdminBlueprint,
  AdminWorkspaceList,
  AuditRecord,
  Blueprint,
  BlueprintOverrideRequest,
  Cluster,
  CreateWorkspaceRequest,
  RdeSettings,
  TerminalTicket,
  Workspace,
  WorkspaceQuota,
  WorkspaceStatus,
} from '@rde-portal/plugin-rde-common';

/**
 * Size of a terminal in character cells.
 *
 * @public
 */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/**
 * The signed-in user as the RDE backend sees them (`GET /api/rde/me`).
 *
 * @public
 */
export interface RdeUser {
  /** User entity ref, e.g. `user:default/guest`. */
  userRef: string;
  /** The user entity's `spec.profile.email`, when known; blueprint ACLs match on it. */
  email?: string;
  /** Whether the user is an RDE admin (config `rde.admins`); admins see the admin pages. */
  isAdmin: boolean;
}

/**
 * A blueprint's catalog name: `metadata.namespace` and `metadata.name` of its template.
 *
 * @public
 */
export interface BlueprintName {
  namespace: string;
  name: string;
}

/**
 * Filters of `GET /api/rde/admin/workspaces`; an absent or empty field does not filter.
 *
 * @public
 */
export interface AdminWorkspaceFilter {
  status?: WorkspaceStatus;
  cluster?: string;
  /** Blueprint entity ref, e.g. `template:default/node-web`. */
  blueprint?: string;
  /** Case-insensitive search in the workspace name, owner ref and owner email. */
  q?: string;
}

/**
 * Filters of `GET /api/rde/admin/audit`; an absent or empty field does not filter.
 *
 * @public
 */
export interface AuditFilter {
  workspaceId?: string;
  /** User entity ref of who acted. */
  actor?: string;
  /** e.g. `workspace-create`, `blueprint-override`. */
  action?: string;
  /** Most rows to return, newest first. */
  limit?: number;
}

/**
 * Client for the RDE backend's REST API (`/api/rde`).
 *
 * @remarks
 *
 * Failed requests reject with an `RdeApiError` whose `message` is the backend's own explanation
 * (`error.message` of its `{ error: { name, message } }` body). Two subclasses carry what the UI
 * needs to explain a refusal: `WorkspaceLimitReachedError` (409, with the caller's `quota`) and
 * `TooManyRequestsError` (429, with `retryAfterSeconds` from the `Retry-After` header).
 *
 * @public
 */
export interface RdeApi {
  /** The signed-in user's workspaces. */
  listWorkspaces(): Promise<Workspace[]>;
  /** One workspace by id (the caller's own; admins may read any). */
  getWorkspace(id: string): Promise<Workspace>;
  /**
   * Launches a workspace from a blueprint; it starts out `pending`.
   *
   * @throws `WorkspaceLimitReachedError` when the caller already runs as many workspaces as the
   *   limit allows; `TooManyRequestsError` when the launch rate limit is hit; `RdeApiError` with
   *   status 403 for a `testing` blueprint the caller may not launch, 400 for an unknown one.
   */
  createWorkspace(request: CreateWorkspaceRequest): Promise<Workspace>;
  /**
   * Asks for a stopped or failed workspace to be started.
   *
   * @throws `WorkspaceLimitReachedError` when the running limit is reached.
   */
  startWorkspace(id: string): Promise<Workspace>;
  /** Asks for a running workspace to be stopped; its files are kept. */
  stopWorkspace(id: string): Promise<Workspace>;
  /** Ends every process of the workspace and starts it again with the spec it has. */
  restartWorkspace(id: string): Promise<Workspace>;
  /** Redeploys the workspace with its blueprint's current spec. */
  upgradeWorkspace(id: string): Promise<Workspace>;
  /** Asks for a workspace and its files to be deleted. */
  deleteWorkspace(id: string): Promise<Workspace>;
  /** Issues a one-time, short-lived ticket for one terminal connection (owner only). */
  createTerminalTicket(id: string, size: TerminalSize): Promise<TerminalTicket>;
  /**
   * The WebSocket URL that redeems a ticket. It carries the ticket only, never the
   * Backstage token.
   */
  getTerminalSocketUrl(ticket: TerminalTicket): Promise<string>;
  /**
   * Blueprints whose access rules admit the signed-in user and that are not `disabled`;
   * `testing` ones come with `launchable: false` unless the user is an admin or trusted.
   */
  listBlueprints(): Promise<Blueprint[]>;
  /** One blueprint; rejects with status 404 when it is absent or not visible to the user. */
  getBlueprint(blueprint: BlueprintName): Promise<Blueprint>;
  /** Clusters and whether their agents are connected. */
  listClusters(): Promise<Cluster[]>;
  /** The user's standing against the per-user running-workspace limit. */
  getQuota(): Promise<WorkspaceQuota>;
  /** Who the backend thinks the user is, and whether they are an RDE admin. */
  getCurrentUser(): Promise<RdeUser>;

  /** Admins: every workspace that is not deleted, filtered, with counters over all of them. */
  listAllWorkspaces(filter?: AdminWorkspaceFilter): Promise<AdminWorkspaceList>;
  /** Admins: every blueprint with its YAML values and override. */
  listAdminBlueprints(): Promise<AdminBlueprint[]>;
  /**
   * Admins: stores an override of a blueprint's state, access rules or trusted users; a field
   * that is absent or `null` falls back to the YAML. Resolves with the blueprint as it is now.
   */
  setBlueprintOverride(
    blueprint: BlueprintName,
    override: BlueprintOverrideRequest,
  ): Promise<AdminBlueprint>;
  /** Admins: removes a blueprint's override, so the YAML applies again. */
  deleteBlueprintOverride(blueprint: BlueprintName): Promise<AdminBlueprint>;
  /** Admins: audit rows, newest first. */
  listAuditRecords(filter?: AuditFilter): Promise<AuditRecord[]>;
  /** Admins: the settings stored in the database (defaults from config). */
  getSettings(): Promise<RdeSettings>;
  /** Admins: replaces the settings; resolves with what was stored. */
  updateSettings(settings: RdeSettings): Promise<RdeSettings>;
}

/**
 * The {@link RdeApi} of the app.
 *
 * @public
 */
export const rdeApiRef = createApiRef<RdeApi>({ id: 'plugin.rde.service' });
