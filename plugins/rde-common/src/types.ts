import type { BlueprintState } from './blueprintSpec';

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
 * Lifecycle operations on a workspace (DESIGN §3, issue 3). `restart` ends every process and
 * starts it again with the spec it has; `upgrade` redeploys it with its blueprint's current spec.
 *
 * @public
 */
export const WORKSPACE_OPERATIONS = [
  'create',
  'start',
  'stop',
  'restart',
  'upgrade',
  'delete',
] as const;

/** @public */
export type WorkspaceOperationName = (typeof WORKSPACE_OPERATIONS)[number];

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
  /** Owner's email (the user entity's `spec.profile.email`) when known at creation. */
  ownerEmail?: string;
  /** Entity ref of the blueprint template it was created from, e.g. `template:default/node-web`. */
  blueprint: string;
  /** Cluster whose agent runs it. */
  cluster: string;
  status: WorkspaceStatus;
  /** The operation in flight (transitional status) or the last one; absent for old rows. */
  operation?: WorkspaceOperationName;
  /** Why the last operation failed, in words a person can act on; absent when none did. */
  statusMessage?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The statuses that count against the per-user limit on running workspaces (issue 3): everything
 * that holds or is about to hold compute. `stopped`, `failed`, `deleting` and `deleted` do not.
 *
 * @public
 */
export const ACTIVE_WORKSPACE_STATUSES: readonly WorkspaceStatus[] = [
  'pending',
  'starting',
  'running',
  'stopping',
];

/**
 * A blueprint as users see it (`GET /api/rde/blueprints`): a catalog `Template` entity with
 * `spec.type: rde-blueprint` (DESIGN §6), with admin overrides applied. Env values and secret
 * references are not included.
 *
 * @public
 */
export interface Blueprint {
  /** Entity ref of the template, lower-case: `template:<namespace>/<name>`. */
  ref: string;
  /** `metadata.name` of the template. */
  name: string;
  namespace: string;
  /** `metadata.title`, else the name. */
  title: string;
  description?: string;
  tags: string[];
  /** Cluster whose agent runs its workspaces (`spec.rde.cluster`). */
  cluster: string;
  /** Effective state: the admin override when there is one, else `spec.rde.state`. */
  state: BlueprintState;
  image: string;
  resources: { cpu: string; memory: string; storage: string };
  ports: Array<{ port: number; name?: string; protocol: 'http' | 'https' }>;
  repository?: { url: string; ref?: string };
  terminalTabs: Array<{ name: string; command: string }>;
  /**
   * Whether the caller may launch it now: `false` for a `testing` blueprint unless the caller is an
   * admin or a trusted user. (Blueprints whose ACL does not match the caller are not returned.)
   */
  launchable: boolean;
  /** Why `launchable` is false, in words a person can act on. */
  notLaunchableReason?: string;
}

/**
 * Admin overrides of a blueprint (issue 3), stored in the RDE database; each field present wins
 * over the YAML. `access` entries are rules as written in YAML (`someone@corp.example`,
 * `corp.example`, `@corp.example`); `trustedUsers` are email addresses that may launch the
 * blueprint while it is `testing`.
 *
 * @public
 */
export interface BlueprintOverride {
  state?: BlueprintState;
  access?: string[];
  trustedUsers?: string[];
  /** User entity ref of the admin who last changed it. */
  updatedBy: string;
  updatedAt: string;
}

/**
 * Body of `PUT /api/rde/admin/blueprints/:namespace/:name/override`. A field that is absent or
 * `null` falls back to the YAML. `DELETE` on the same path removes the whole override.
 *
 * @public
 */
export interface BlueprintOverrideRequest {
  state?: BlueprintState | null;
  access?: string[] | null;
  trustedUsers?: string[] | null;
}

/**
 * A blueprint as admins see it (`GET /api/rde/admin/blueprints`): every blueprint, `disabled`
 * ones and ones whose ACL does not match the admin included, with what the YAML says and the
 * override.
 *
 * @public
 */
export interface AdminBlueprint extends Blueprint {
  /** Effective ACL rules (override, else YAML), normalised (`corp.example`, `a@corp.example`). */
  access: string[];
  /** Effective trusted users (override, else YAML), lower-case emails. */
  trustedUsers: string[];
  /** What the template's YAML says. */
  source: { state: BlueprintState; access: string[]; trustedUsers: string[] };
  override?: BlueprintOverride;
}

/**
 * Body of `POST /api/rde/workspaces`.
 *
 * @public
 */
export interface CreateWorkspaceRequest {
  /**
   * The blueprint: its entity ref (`template:default/node-web`), `namespace/name`, or a bare name
   * in the `default` namespace.
   */
  blueprint: string;
  /** Optional DNS label (1–63 chars of `a-z0-9-`); generated from the name template when absent. */
  name?: string;
  /**
   * Repository to clone instead of the blueprint's (a component's source, "open this repository in
   * a workspace"); `ref` alone overrides only the branch or tag of the blueprint's repository.
   */
  repository?: { url?: string; ref?: string };
}

/**
 * The caller's standing against the per-user running-workspace limit (`GET /api/rde/quota`).
 * A 409 from `POST /workspaces` or `/start` with `error.name = 'WorkspaceLimitReachedError'` carries
 * the same object as `quota` next to `error`.
 *
 * @public
 */
export interface WorkspaceQuota {
  /** The caller's workspaces in {@link ACTIVE_WORKSPACE_STATUSES}. */
  running: number;
  /** Most the caller may have; admin setting, default `rde.limits.maxRunningWorkspacesPerUser`. */
  limit: number;
}

/**
 * `GET /api/rde/admin/workspaces?status=&cluster=&blueprint=&q=`: every workspace that is not
 * deleted, filtered (`q` matches name, owner ref or owner email, case-insensitive), with counters
 * over all of them (unfiltered).
 *
 * @public
 */
export interface AdminWorkspaceList {
  items: Workspace[];
  counts: {
    total: number;
    running: number;
    stopped: number;
    failed: number;
    /** Blueprints known to the catalog (any state). */
    blueprints: number;
  };
}

/**
 * Admin settings (`GET` / `PUT /api/rde/admin/settings`); stored in the database, defaults from
 * config.
 *
 * @public
 */
export interface RdeSettings {
  /** Per-user limit on running workspaces; default `rde.limits.maxRunningWorkspacesPerUser` (3). */
  maxRunningWorkspacesPerUser: number;
}

/**
 * Outcome of one step of an audited operation.
 *
 * @public
 */
export type AuditOutcome = 'initiated' | 'succeeded' | 'failed';

/**
 * One row of the audit table (`GET /api/rde/admin/audit?workspaceId=&actor=&action=&limit=`),
 * newest first. Every lifecycle operation writes `initiated` and then `succeeded` or `failed`;
 * a refused request writes `failed` alone.
 *
 * @public
 */
export interface AuditRecord {
  id: string;
  /** ISO-8601. */
  time: string;
  /** User entity ref of who did it. */
  actorRef: string;
  actorEmail?: string;
  /** `workspace-create`, `workspace-start`, …, `blueprint-override`, `settings-update`. */
  action: string;
  workspaceId?: string;
  workspaceName?: string;
  blueprint?: string;
  outcome: AuditOutcome;
  /** Failure reason or detail. */
  message?: string;
}

/**
 * Payload of the {@link RDE_WORKSPACE_EVENT_TOPIC} events-service topic: published after every
 * change of a workspace row (status `deleted` = gone). The catalog module turns it into a delta
 * mutation.
 *
 * @public
 */
export interface WorkspaceChangedEvent {
  workspace: Workspace;
}

/**
 * Topic of {@link WorkspaceChangedEvent} on the events service (`@backstage/plugin-events-node`).
 *
 * @public
 */
export const RDE_WORKSPACE_EVENT_TOPIC = 'rde.workspace';

/**
 * Annotations of RDE entities (issue 3): on workspace `Resource` entities (`rde/workspace-id`,
 * `rde/workspace-status`, `rde/cluster`, `rde/blueprint`), and on components, `rde/blueprint`
 * names the blueprint to open the component's repository in.
 *
 * @public
 */
export const RDE_ANNOTATIONS = {
  workspaceId: 'rde/workspace-id',
  workspaceStatus: 'rde/workspace-status',
  cluster: 'rde/cluster',
  blueprint: 'rde/blueprint',
} as const;

/**
 * `spec.type` of blueprint templates and of workspace resources in the catalog (DESIGN §6).
 *
 * @public
 */
export const RDE_BLUEPRINT_TEMPLATE_TYPE = 'rde-blueprint';

/** @public */
export const RDE_WORKSPACE_RESOURCE_TYPE = 'rde-workspace';

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
