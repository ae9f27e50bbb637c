import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  isError,
} from '@backstage/errors';
import {
  CreateWorkspaceRequest,
  RdeWorkspacePermission,
  WORKSPACE_NAME_PATTERN,
  Workspace,
  WorkspaceStatus,
  rdeWorkspaceCreatePermission,
  rdeWorkspaceDeletePermission,
  rdeWorkspaceReadPermission,
  rdeWorkspaceUsePermission,
} from '@rde-portal/plugin-rde-common';
import type { WorkspaceStore } from '../database/WorkspaceStore';
import type { AgentGateway, WorkspaceCommand } from '../tunnel/AgentGateway';
import { normalizeEntityRef } from '../config/entityRefs';
import type { Actor } from './Actor';
import type { BlueprintProvider } from './BlueprintProvider';
import type { WorkspaceAccess } from './WorkspaceAccess';
import {
  LifecycleAction,
  LifecycleOutcome,
  outcomeOfError,
  outcomeOfObservation,
} from './lifecycleOutcome';
import { generateWorkspaceName, randomNameSuffix } from './workspaceNames';

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

/** Statuses from which each operation may begin without waiting. */
const STARTABLE: readonly WorkspaceStatus[] = ['stopped', 'failed'];
const STOPPABLE: readonly WorkspaceStatus[] = ['running', 'failed'];
const DELETABLE: readonly WorkspaceStatus[] = ['running', 'stopped', 'failed'];
/** Statuses an in-flight operation holds; a row stuck in one longer than `staleAfterMs` (e.g.
 * because the backend restarted mid-command) may be acted on again. */
const TRANSITIONAL: readonly WorkspaceStatus[] = [
  'pending',
  'starting',
  'stopping',
  'deleting',
];

/**
 * Workspace logic (DESIGN §3): create from a blueprint, list, get, start, stop, delete. Every
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
  private readonly inFlight = new Set<Promise<unknown>>();

  /**
   * @param options.commandTimeoutMs - deadline per agent command in ms; 60 000.
   * @param options.staleAfterMs - after how many ms a transitional status counts as stuck and may be
   *   overridden by a new start/stop/delete; 2 × `commandTimeoutMs`.
   * @param options.nameSuffix - random suffix of generated names (tests pass a fixed one).
   */
  constructor(options: {
    store: WorkspaceStore;
    blueprints: BlueprintProvider;
    gateway: AgentGateway;
    access: WorkspaceAccess;
    logger: LoggerService;
    commandTimeoutMs?: number;
    staleAfterMs?: number;
    nameSuffix?: () => string;
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
  }

  /** The actor's own workspaces that are not deleted, newest first, as far as policy lets them read. */
  async list(actor: Actor): Promise<Workspace[]> {
    const mine = await this.store.list({ owner: actor.userRef });
    return this.access.filter(actor, rdeWorkspaceReadPermission, mine);
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
   * `failed`.
   *
   * @param request.name - DNS label; default `{user}-{blueprint}-{random}`.
   * @throws NotAllowedError when policy denies `rde.workspace.create`; InputError for an unknown
   *   blueprint or an invalid name; ConflictError when the actor already has a workspace with that
   *   name.
   */
  async create(
    actor: Actor,
    request: CreateWorkspaceRequest,
  ): Promise<WorkspaceOperation> {
    await this.access.requireBasic(actor, rdeWorkspaceCreatePermission);
    const blueprint = await this.blueprints.get(request.blueprint);
    if (!blueprint) {
      throw new InputError(
        `There is no blueprint named '${request.blueprint}'. Pick one of those listed by GET /api/rde/blueprints.`,
      );
    }
    if (
      request.name !== undefined &&
      !WORKSPACE_NAME_PATTERN.test(request.name)
    ) {
      throw new InputError(
        `Invalid workspace name '${request.name}': use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.`,
      );
    }

    let workspace: Workspace | undefined;
    for (let attempt = 0; !workspace; attempt++) {
      const name =
        request.name ??
        generateWorkspaceName(actor.userRef, blueprint.name, this.nameSuffix());
      try {
        workspace = await this.store.insert({
          name,
          owner: actor.userRef,
          blueprint: blueprint.name,
          cluster: blueprint.cluster,
          status: 'pending',
        });
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

    const created = workspace;
    const command: WorkspaceCommand = {
      action: 'create',
      workspaceId: created.id,
      name: created.name,
      owner: created.owner,
      image: blueprint.image,
      env: { ...blueprint.env },
      ...(blueprint.initCommand ? { initCommand: blueprint.initCommand } : {}),
    };
    const completion = this.track(async () => {
      const starting = await this.store.transition(created.id, {
        from: ['pending'],
        to: 'starting',
      });
      if (!starting) {
        // Deleted (or otherwise moved on) before the command went out.
        return (await this.store.get(created.id)) ?? created;
      }
      return this.execute(starting, 'create', command);
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
    return this.begin(actor, id, {
      action: 'start',
      permission: rdeWorkspaceUsePermission,
      allowedFrom: STARTABLE,
      inFlight: 'starting',
      target: 'running',
    });
  }

  /**
   * Stops a running (or failed) workspace, keeping its files: `stopping`, then `stopped` or
   * `failed`.
   *
   * @throws NotFoundError; NotAllowedError (`rde.workspace.use`); ConflictError.
   */
  async stop(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, {
      action: 'stop',
      permission: rdeWorkspaceUsePermission,
      allowedFrom: STOPPABLE,
      inFlight: 'stopping',
      target: 'stopped',
    });
  }

  /**
   * Deletes a workspace and its files: `deleting`, then `deleted` (hidden from lists and `get`)
   * or `failed`.
   *
   * @throws NotFoundError; NotAllowedError (`rde.workspace.delete`); ConflictError while another
   *   operation on it is in flight.
   */
  async delete(actor: Actor, id: string): Promise<WorkspaceOperation> {
    return this.begin(actor, id, {
      action: 'delete',
      permission: rdeWorkspaceDeletePermission,
      allowedFrom: DELETABLE,
      inFlight: 'deleting',
      target: 'deleted',
    });
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
    op: {
      action: Exclude<LifecycleAction, 'create'>;
      permission: RdeWorkspacePermission;
      allowedFrom: readonly WorkspaceStatus[];
      inFlight: WorkspaceStatus;
      target: WorkspaceStatus;
    },
  ): Promise<WorkspaceOperation> {
    const current = await this.access.requireWorkspace(
      actor,
      op.permission,
      await this.store.get(id),
    );
    const stuck =
      TRANSITIONAL.includes(current.status) &&
      Date.now() - Date.parse(current.updatedAt) > this.staleAfterMs;
    if (!op.allowedFrom.includes(current.status) && !stuck) {
      throw new ConflictError(conflictMessage(current, op.action));
    }
    // Compare-and-set from the status we checked: a concurrent request that got there first wins.
    const moved = await this.store.transition(current.id, {
      from: [current.status],
      to: op.inFlight,
    });
    if (!moved) {
      throw new ConflictError(
        `Workspace '${current.name}' changed while your request was handled; reload it and try again.`,
      );
    }
    const completion = this.track(
      () =>
        this.execute(moved, op.action, {
          action: op.action,
          workspaceId: moved.id,
        }),
      moved,
    );
    return { workspace: moved, target: op.target, completion };
  }

  /** Runs the command on the agent and records the outcome (compare-and-set from `workspace.status`). */
  private async execute(
    workspace: Workspace,
    action: LifecycleAction,
    command: WorkspaceCommand,
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
    return updated ?? (await this.store.get(workspace.id)) ?? workspace;
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
    default:
      return `Workspace '${name}' is ${status} and cannot be ${action}d now.`;
  }
}
