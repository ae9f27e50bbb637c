import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  isError,
} from '@backstage/errors';
import {
  CreateWorkspaceRequest,
  RdeWorkspacePermission,
  WORKSPACE_NAME_PATTERN,
  Workspace,
  WorkspaceQuota,
  WorkspaceStatus,
  rdeWorkspaceCreatePermission,
  rdeWorkspaceDeletePermission,
  rdeWorkspaceReadPermission,
  rdeWorkspaceUsePermission,
} from '@rde-portal/plugin-rde-common';
import type {
  WorkspaceListFilter,
  WorkspaceStore,
} from '../database/WorkspaceStore';
import type {
  AgentGateway,
  WorkspaceCommand,
  WorkspaceDeployment,
} from '../tunnel/AgentGateway';
import { normalizeEntityRef } from '../config/entityRefs';
import type { Actor } from './Actor';
import type { BlueprintProvider, ResolvedBlueprint } from './BlueprintProvider';
import { decideBlueprintAccess } from './blueprintAccessDecision';
import type { WorkspaceAccess } from './WorkspaceAccess';
import {
  LifecycleAction,
  LifecycleOutcome,
  outcomeOfError,
  outcomeOfObservation,
} from './lifecycleOutcome';
import {
  DEFAULT_NAME_TEMPLATE,
  generateWorkspaceName,
  randomNameSuffix,
} from './workspaceNames';

/**
 * A lifecycle operation that was accepted: the row in its transitional state (what the HTTP API
 * answers with 202), the status it aims for, and a promise of the row once the agent answered.
 */
export interface WorkspaceOperation {
  /** The workspace as it is now, in a transitional status (`pending`, `starting`, …). */
  workspace: Workspace;
  /** The status the operation aims for: `running`, `stopped` or `deleted`. */
  target: WorkspaceStatus;
  /**
   * Resolves with the workspace after the command finished — in `target`, or `failed` with a
   * `statusMessage`. Never rejects (database errors are logged and the last known row returned).
   */
  completion: Promise<Workspace>;
}

/** Default deadline of one lifecycle command: 60 000 ms (the AgentGateway default). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

/**
 * How each operation on an existing workspace runs: the permission it needs, the statuses it may
 * begin from without waiting, the status it holds while the agent works, and the one it aims for.
 */
const OPERATIONS = {
  start: {
    permission: rdeWorkspaceUsePermission,
    allowedFrom: ['stopped', 'failed'],
    inFlight: 'starting',
    target: 'running',
  },
  stop: {
    permission: rdeWorkspaceUsePermission,
    allowedFrom: ['running', 'failed'],
    inFlight: 'stopping',
    target: 'stopped',
  },
  restart: {
    permission: rdeWorkspaceUsePermission,
    allowedFrom: ['running', 'failed'],
    inFlight: 'starting',
    target: 'running',
  },
  upgrade: {
    permission: rdeWorkspaceUsePermission,
    allowedFrom: ['running', 'stopped', 'failed'],
    inFlight: 'starting',
    target: 'running',
  },
  delete: {
    permission: rdeWorkspaceDeletePermission,
    allowedFrom: ['running', 'stopped', 'failed'],
    inFlight: 'deleting',
    target: 'deleted',
  },
} as const satisfies Record<
  Exclude<LifecycleAction, 'create'>,
  {
    permission: RdeWorkspacePermission;
    allowedFrom: readonly WorkspaceStatus[];
    inFlight: WorkspaceStatus;
    target: WorkspaceStatus;
  }
>;

/** Statuses an in-flight operation holds; a row stuck in one longer than `staleAfterMs` (e.g.
 * because the backend restarted mid-command) may be acted on again. */
const TRANSITIONAL: readonly WorkspaceStatus[] = [
  'pending',
  'starting',
  'stopping',
  'deleting',
];

/**
 * Workspace logic (DESIGN §3, issue 3): create from a blueprint, list, get, start, stop, restart,
 * upgrade, delete. Launching honours the blueprint's state and ACL, the per-user launch rate limit
 * and the per-user running-workspace limit (atomic in the store). Every
 * lifecycle command goes to the cluster's agent through the {@link AgentGateway} and runs after
 * the caller got its answer; {@link WorkspaceOperation.completion} and {@link whenIdle} let
 * callers and tests wait for it.
 *
 * Status transitions: `pending → starting → running` (create), `starting → running` (start),
 * `stopping → stopped`, `deleting → deleted`; any command can end in `failed`. Every transition is
 * a compare-and-set in the store, so concurrent requests cannot both win.
 */
export class WorkspaceService {
  private readonly store: WorkspaceStore;
  private readonly blueprints: BlueprintProvider;
  private readonly gateway: AgentGateway;
  private readonly access: WorkspaceAccess;
  private readonly logger: LoggerService;
  private readonly commandTimeoutMs: number;
  private readonly staleAfterMs: number;
  private readonly nameSuffix: () => string;
  private readonly nameTemplate: string;
  private readonly maxRunning: () => Promise<number>;
  private readonly rateLimit: (userRef: string) => Promise<void>;
  private readonly onChange: (workspace: Workspace) => void;
  private readonly inFlight = new Set<Promise<unknown>>();

  /**
   * @param options.commandTimeoutMs - deadline per agent command in ms; 60 000.
   * @param options.staleAfterMs - after how many ms a transitional status counts as stuck and may be
   *   overridden by a new start/stop/delete; 2 × `commandTimeoutMs`.
   * @param options.nameSuffix - random suffix of generated names (tests pass a fixed one).
   * @param options.nameTemplate - `rde.workspaces.nameTemplate`, already validated.
   * @param options.maxRunning - the current per-user running-workspace limit (admin setting).
   * @param options.rateLimit - counts one launch of a user; throws `TooManyRequestsError`.
   * @param options.onChange - called after every change of a workspace row (catalog events).
   */
  constructor(options: {
    store: WorkspaceStore;
    blueprints: BlueprintProvider;
    gateway: AgentGateway;
    access: WorkspaceAccess;
    logger: LoggerService;
    maxRunning: () => Promise<number>;
    rateLimit?: (userRef: string) => Promise<void>;
    onChange?: (workspace: Workspace) => void;
    commandTimeoutMs?: number;
    staleAfterMs?: number;
    nameSuffix?: () => string;
    nameTemplate?: string;
  }) {
    this.store = options.store;
    this.blueprints = options.blueprints;
    this.gateway = options.gateway;
    this.access = options.access;
    this.logger = options.logger;
    this.commandTimeoutMs =
      options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.staleAfterMs = options.staleAfterMs ?? 2 * this.commandTimeoutMs;
    this.nameSuffix = options.nameSuffix ?? randomNameSuffix;
    this.nameTemplate = options.nameTemplate ?? DEFAULT_NAME_TEMPLATE;
    this.maxRunning = options.maxRunning;
    this.rateLimit = options.rateLimit ?? (async () => {});
    this.onChange = options.onChange ?? (() => {});
  }

  /** The actor's own workspaces that are not deleted, newest first, as far as policy lets them read. */
  async list(actor: Actor): Promise<Workspace[]> {
    const mine = await this.store.list({ owner: actor.userRef });
    return this.access.filter(actor, rdeWorkspaceReadPermission, mine);
  }

  /**
   * Every workspace that is not deleted, filtered, for the admin view.
   *
   * @throws NotAllowedError unless the actor is an RDE admin allowed `rde.admin`.
   */
  async listAll(
    actor: Actor,
    filter: Pick<
      WorkspaceListFilter,
      'statuses' | 'cluster' | 'blueprint' | 'search'
    > = {},
  ): Promise<Workspace[]> {
    await this.access.requireAdmin(actor);
    return this.store.list(filter);
  }

  /** Every workspace that is not deleted, for the catalog provider's full sync (service callers). */
  async listForCatalog(): Promise<Workspace[]> {
    return this.store.list();
  }

  /** The actor's standing against the running-workspace limit. */
  async quota(actor: Actor): Promise<WorkspaceQuota> {
    const [running, limit] = await Promise.all([
      this.store.countActive(actor.userRef),
      this.maxRunning(),
    ]);
    return { running, limit };
  }

  /**
   * One workspace the actor owns (or any, for admins).
   *
   * @throws NotFoundError when it does not exist, is deleted or is someone else's;
   *   NotAllowedError when policy denies `rde.workspace.read`.
   */
  async get(actor: Actor, id: string): Promise<Workspace> {
    return this.access.requireWorkspace(
      actor,
      rdeWorkspaceReadPermission,
      await this.store.get(id),
    );
  }

  /**
   * Creates a workspace from a blueprint: records it as `pending` for the actor, then (after
   * returning) asks the blueprint's cluster agent to create it: `starting`, then `running` or
   * `failed`. Every call counts against the actor's launch rate limit, refused ones included.
   *
   * @param request.name - DNS label; default from the name template.
   * @throws NotAllowedError when policy denies `rde.workspace.create` or the blueprint is `testing`
   *   and the actor is neither admin nor trusted user; TooManyRequestsError (429) past the launch
   *   rate limit; InputError for a blueprint that does not exist or the actor may not see (the
   *   same answer, so ACLs do not reveal blueprints), an invalid name or repository;
   *   ConflictError when the actor already has a workspace with that name, or the blueprint is
   *   disabled; WorkspaceLimitReachedError (409) at the running-workspace limit.
   */
  async create(
    actor: Actor,
    request: CreateWorkspaceRequest,
  ): Promise<WorkspaceOperation> {
    await this.access.requireBasic(actor, rdeWorkspaceCreatePermission);
    await this.rateLimit(actor.userRef);
    const blueprint = await this.launchableBlueprint(actor, request.blueprint);
    if (
      request.name !== undefined &&
      !WORKSPACE_NAME_PATTERN.test(request.name)
    ) {
      throw new InputError(
        `Invalid workspace name '${request.name}': use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.`,
      );
    }
    const repository = chooseRepository(blueprint, request.repository);
    const limit = { max: await this.maxRunning() };

    let workspace: Workspace | undefined;
    for (let attempt = 0; !workspace; attempt++) {
      const name =
        request.name ??
        generateWorkspaceName(
          actor.userRef,
          blueprint.name,
          this.nameSuffix(),
          this.nameTemplate,
        );
      try {
        workspace = await this.store.insert(
          {
            name,
            owner: actor.userRef,
            ...(actor.email ? { ownerEmail: actor.email } : {}),
            blueprint: blueprint.ref,
            cluster: blueprint.spec.cluster,
            status: 'pending',
          },
          { limit },
        );
      } catch (error) {
        // A generated name collided with one of the actor's workspaces: draw another suffix.
        if (
          request.name !== undefined ||
          attempt >= 4 ||
          !(error instanceof ConflictError)
        ) {
          throw error;
        }
      }
    }

    const created = this.changed(workspace);
    const command: WorkspaceCommand = {
      action: 'create',
      ...deploymentOf(created, blueprint, repository),
    };
    const completion = this.track(async () => {
      const starting = await this.store.transition(created.id, {
        from: ['pending'],
        to: 'starting',
        operation: 'create',
      });
      if (!starting) {
        // Deleted (or otherwise moved on) before the command went out.
        return (await this.store.get(created.id)) ?? created;
      }
      return this.execute(this.changed(starting), 'create', command);
    }, created);
    return { workspace: created, target: 'running', completion };
  }

  /**
   * Starts a stopped or failed workspace: `starting`, then `running` or `failed`.
   *
   * @throws NotFoundError (absent / deleted / someone else's); NotAllowedError (policy denies
   *   `rde.workspace.use`); ConflictError when its status does not allow starting.
   */
  async start(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, 'start');
  }

  /**
   * Restarts a running (or failed) workspace: the agent ends every process and starts it again with
   * the spec it has: `starting`, then `running` or `failed`.
   *
   * @throws NotFoundError; NotAllowedError (`rde.workspace.use`); ConflictError;
   *   WorkspaceLimitReachedError when a failed workspace would exceed the running limit.
   */
  async restart(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, 'restart');
  }

  /**
   * Upgrades a workspace: redeploys it with its blueprint's current spec (image, env, startup
   * command, resources) keeping its files: `starting`, then `running` or `failed`.
   *
   * @throws NotFoundError; NotAllowedError (`rde.workspace.use`, or the blueprint's ACL/state no
   *   longer lets the actor launch it); ConflictError when its status does not allow it or the
   *   blueprint no longer exists or is disabled; WorkspaceLimitReachedError for a stopped or failed
   *   workspace at the running limit.
   */
  async upgrade(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, 'upgrade', async workspace => {
      const blueprint = await this.blueprints.get(workspace.blueprint);
      if (!blueprint || blueprint.state === 'disabled') {
        throw new ConflictError(
          `Workspace '${workspace.name}' cannot be upgraded: its blueprint '${
            workspace.blueprint
          }' ${
            blueprint ? 'is disabled' : 'no longer exists or is invalid'
          }. Keep using it as it is, or create a new workspace from another blueprint.`,
        );
      }
      const decision = decideBlueprintAccess(actor, blueprint);
      if (!decision.launchable) {
        throw new NotAllowedError(decision.reason);
      }
      return {
        action: 'upgrade',
        ...deploymentOf(
          workspace,
          blueprint,
          chooseRepository(blueprint, undefined),
        ),
      };
    });
  }

  /**
   * Stops a running (or failed) workspace, keeping its files: `stopping`, then `stopped` or
   * `failed`.
   *
   * @throws NotFoundError; NotAllowedError (`rde.workspace.use`); ConflictError.
   */
  async stop(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, 'stop');
  }

  /**
   * Deletes a workspace and its files: `deleting`, then `deleted` (hidden from lists and `get`)
   * or `failed`.
   *
   * @throws NotFoundError; NotAllowedError (`rde.workspace.delete`); ConflictError while another
   *   operation on it is in flight.
   */
  async delete(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, 'delete');
  }

  /**
   * The workspace a terminal ticket may be issued for: the actor must be its owner — admins are
   * not let in — and it must be running (DESIGN §1.3: only the owner gets a ticket).
   *
   * @throws NotFoundError when it does not exist, is deleted or is neither the actor's nor visible
   *   to them as an admin; NotAllowedError when an admin asks for someone else's workspace, or
   *   policy denies `rde.workspace.use`; ConflictError when it is not running.
   */
  async authorizeTerminal(actor: Actor, id: string): Promise<Workspace> {
    const workspace = await this.access.requireWorkspace(
      actor,
      rdeWorkspaceUsePermission,
      await this.store.get(id),
      { ownerOnly: true },
    );
    return requireRunning(workspace);
  }

  /**
   * For the terminal relay after it consumed a ticket: the workspace `workspaceId`, provided
   * `userRef` (the ticket's user) still owns it and it is running.
   *
   * @throws NotFoundError when it does not exist, is deleted, or is not `userRef`'s;
   *   ConflictError when it is not running.
   */
  async getForTerminal(
    userRef: string,
    workspaceId: string,
  ): Promise<Workspace> {
    const workspace = await this.store.get(workspaceId);
    if (
      !workspace ||
      workspace.status === 'deleted' ||
      normalizeEntityRef(workspace.owner) !== normalizeEntityRef(userRef)
    ) {
      throw new NotFoundError('Workspace not found');
    }
    return requireRunning(workspace);
  }

  /** Resolves once every lifecycle command started so far has finished and been recorded. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private async begin(
    actor: Actor,
    id: string,
    action: keyof typeof OPERATIONS,
    /** Builds the agent command (checks may throw before anything changes); upgrade only. */
    buildCommand?: (workspace: Workspace) => Promise<WorkspaceCommand>,
  ): Promise<WorkspaceOperation> {
    const op = { action, ...OPERATIONS[action] };
    const current = await this.access.requireWorkspace(
      actor,
      op.permission,
      await this.store.get(id),
    );
    const stuck =
      TRANSITIONAL.includes(current.status) &&
      Date.now() - Date.parse(current.updatedAt) > this.staleAfterMs;
    if (
      !(op.allowedFrom as readonly WorkspaceStatus[]).includes(
        current.status,
      ) &&
      !stuck
    ) {
      throw new ConflictError(conflictMessage(current, op.action));
    }
    let command: WorkspaceCommand;
    if (buildCommand) {
      command = await buildCommand(current);
    } else if (op.action === 'upgrade') {
      throw new Error('upgrade needs a command builder');
    } else {
      command = { action: op.action, workspaceId: current.id };
    }
    // Compare-and-set from the status we checked: a concurrent request that got there first wins.
    // Moving into an active status is checked against the running limit under the owner's lock.
    const moved = await this.store.transition(
      current.id,
      { from: [current.status], to: op.inFlight, operation: op.action },
      op.target === 'running'
        ? { limit: { max: await this.maxRunning() } }
        : {},
    );
    if (!moved) {
      throw new ConflictError(
        `Workspace '${current.name}' changed while your request was handled; reload it and try again.`,
      );
    }
    this.changed(moved);
    const completion = this.track(
      () =>
        this.execute(
          moved,
          op.action,
          command,
          // A stuck transitional status is not worth restoring.
          TRANSITIONAL.includes(current.status) ? undefined : current.status,
        ),
      moved,
    );
    return { workspace: moved, target: op.target, completion };
  }

  /** Runs the command on the agent and records the outcome (compare-and-set from `workspace.status`). */
  private async execute(
    workspace: Workspace,
    action: LifecycleAction,
    command: WorkspaceCommand,
    /** The status before the operation; restored when the command never reached an agent. */
    previous?: WorkspaceStatus,
  ): Promise<Workspace> {
    let outcome: LifecycleOutcome;
    try {
      const observation = await this.gateway.runCommand(
        workspace.cluster,
        command,
        {
          timeoutMs: this.commandTimeoutMs,
          idempotencyKey: randomUUID(),
        },
      );
      outcome = outcomeOfObservation(action, observation);
    } catch (error) {
      outcome = outcomeOfError(action, workspace.cluster, error);
      if (previous && isAgentOffline(error)) {
        // Nothing was sent, so nothing changed on the cluster: say so instead of "failed"
        // (a running workspace marked failed would also stop counting against the limit).
        outcome = { status: previous, message: outcome.message };
      }
    }
    if (outcome.status === 'failed') {
      this.logger.warn(
        `Workspace ${workspace.id} (${workspace.name}) ${action} failed: ${outcome.message}`,
      );
    }
    const updated = await this.store.transition(workspace.id, {
      from: [workspace.status],
      to: outcome.status,
      message: outcome.message ?? null,
    });
    // When the compare-and-set lost (another operation moved the row meanwhile) the row as it is
    // now is the truth.
    if (updated) {
      return this.changed(updated);
    }
    return (await this.store.get(workspace.id)) ?? workspace;
  }

  /**
   * The blueprint `ref` if the actor may launch it.
   *
   * @throws InputError when it does not exist or the actor's ACL hides it; ConflictError when it
   *   is disabled; NotAllowedError when it is testing and the actor is neither admin nor trusted.
   */
  private async launchableBlueprint(
    actor: Actor,
    ref: string,
  ): Promise<ResolvedBlueprint> {
    const blueprint = await this.blueprints.get(ref);
    const decision = blueprint && decideBlueprintAccess(actor, blueprint);
    if (!blueprint || !decision) {
      throw unknownBlueprint(ref);
    }
    if (blueprint.state === 'disabled') {
      // Admins see disabled blueprints in the admin view; everyone else gets "unknown".
      if (!actor.isAdmin) throw unknownBlueprint(ref);
      throw new ConflictError(decision.reason);
    }
    if (!decision.visible) {
      throw unknownBlueprint(ref);
    }
    if (!decision.launchable) {
      throw new NotAllowedError(decision.reason);
    }
    return blueprint;
  }

  /** Reports a changed row to `onChange`; a throwing listener never breaks the operation. */
  private changed(workspace: Workspace): Workspace {
    try {
      this.onChange(workspace);
    } catch (error) {
      this.logger.warn(
        `Announcing the change of workspace ${workspace.id} failed: ${String(
          error,
        )}`,
      );
    }
    return workspace;
  }

  private track(
    run: () => Promise<Workspace>,
    fallback: Workspace,
  ): Promise<Workspace> {
    const promise = Promise.resolve()
      .then(run)
      .catch(error => {
        this.logger.error(
          `Recording the outcome of an operation on workspace ${fallback.id} failed`,
          isError(error) ? error : { error: String(error) },
        );
        return fallback;
      });
    this.inFlight.add(promise);
    promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }
}

/** `AgentGateway.runCommand` refused because no agent of the cluster is connected. */
function isAgentOffline(error: unknown): boolean {
  return (error as { name?: unknown })?.name === 'ServiceUnavailableError';
}

function unknownBlueprint(ref: string): InputError {
  return new InputError(
    `There is no blueprint '${ref}' you may use. Pick one of those listed by GET /api/rde/blueprints.`,
  );
}

const REPOSITORY_URL =
  /^(?:https:\/\/[^\s@/]+\/\S+|ssh:\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?![-/])\S+)$/;
const GIT_REF = /^(?!-)[A-Za-z0-9._\/-]{1,200}$/;

/**
 * The repository a new workspace clones: the request's `url` (e.g. a component's source, "open this
 * repository in a workspace") or the blueprint's, with the request's `ref` when given.
 *
 * @throws InputError for a URL that is not `https://` (without credentials), `ssh://` or
 *   scp-like `git@host:path`, or a ref that is not a plain branch or tag name.
 */
function chooseRepository(
  blueprint: ResolvedBlueprint,
  requested: CreateWorkspaceRequest['repository'],
): { url: string; ref?: string } | undefined {
  if (requested?.url !== undefined && !REPOSITORY_URL.test(requested.url)) {
    throw new InputError(
      `Invalid repository URL '${requested.url}': use https://host/path (no credentials in it), ssh://… or git@host:path.`,
    );
  }
  if (requested?.ref !== undefined && !GIT_REF.test(requested.ref)) {
    throw new InputError(
      `Invalid repository ref '${requested.ref}': use a branch or tag name (letters, digits, '.', '_', '-', '/').`,
    );
  }
  const url = requested?.url ?? blueprint.spec.repository?.url;
  if (!url) {
    if (requested?.ref !== undefined) {
      throw new InputError(
        `Blueprint '${blueprint.ref}' clones no repository, so 'repository.ref' has nothing to apply to; give 'repository.url' as well.`,
      );
    }
    return undefined;
  }
  const ref =
    requested?.ref ??
    (requested?.url === undefined ? blueprint.spec.repository?.ref : undefined);
  return { url, ...(ref ? { ref } : {}) };
}

/** What the agent needs to deploy `workspace` from `blueprint` (create and upgrade). */
function deploymentOf(
  workspace: Workspace,
  blueprint: ResolvedBlueprint,
  repository: { url: string; ref?: string } | undefined,
): WorkspaceDeployment {
  const env: Record<string, string> = {};
  const secretEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(blueprint.spec.env)) {
    if (typeof value === 'string') env[key] = value;
    else secretEnv[key] = value.secretRef;
  }
  return {
    workspaceId: workspace.id,
    name: workspace.name,
    owner: workspace.owner,
    image: blueprint.spec.image,
    env,
    secretEnv,
    ...(repository ? { repository } : {}),
    ...(blueprint.spec.startupCommand
      ? { startupCommand: blueprint.spec.startupCommand }
      : {}),
    resources: blueprint.spec.resources,
    ports: blueprint.spec.ports.map(p => p.port),
  };
}

function requireRunning(workspace: Workspace): Workspace {
  if (workspace.status !== 'running') {
    throw new ConflictError(
      `Workspace '${workspace.name}' is ${workspace.status}; start it and wait until it is running, then open the terminal again.`,
    );
  }
  return workspace;
}

function conflictMessage(
  workspace: Workspace,
  action: LifecycleAction,
): string {
  const { name, status } = workspace;
  if (TRANSITIONAL.includes(status)) {
    return `Workspace '${name}' is ${status}; wait until that has finished, then ${action} it.`;
  }
  switch (action) {
    case 'start':
      return `Workspace '${name}' is ${status}; only a stopped or failed workspace can be started.`;
    case 'stop':
      return `Workspace '${name}' is ${status}; only a running or failed workspace can be stopped.`;
    case 'restart':
      return `Workspace '${name}' is ${status}; only a running or failed workspace can be restarted (start a stopped one).`;
    case 'upgrade':
      return `Workspace '${name}' is ${status}; only a running, stopped or failed workspace can be upgraded.`;
    default:
      return `Workspace '${name}' is ${status} and cannot be deleted now.`;
  }
}
