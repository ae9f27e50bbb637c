import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  RDE_WORKSPACE_EVENT_TOPIC,
  Workspace,
  WORKSPACE_STATUSES,
} from '@rde-portal/plugin-rde-common';
import { fetchWorkspaces } from './fetchWorkspaces';
import {
  RDE_WORKSPACES_LOCATION,
  workspaceEntityRef,
  workspaceToEntity,
} from './workspaceEntity';

/**
 * Options of {@link RdeWorkspaceEntityProvider}. `discovery` and `auth` are the catalog plugin's
 * (the full sync calls the rde backend with the catalog's service token); `taskRunner` runs the
 * periodic full sync; `events` delivers {@link RDE_WORKSPACE_EVENT_TOPIC} events.
 *
 * @public
 */
export interface RdeWorkspaceEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  events: EventsService;
  taskRunner: SchedulerServiceTaskRunner;
  /** `app.baseUrl`; when given, entities link to their workspace page. */
  appBaseUrl?: string;
}

function isWorkspace(value: unknown): value is Workspace {
  const w = value as Partial<Workspace> | null;
  return (
    typeof w === 'object' &&
    w !== null &&
    typeof w.id === 'string' &&
    typeof w.name === 'string' &&
    typeof w.owner === 'string' &&
    typeof w.blueprint === 'string' &&
    typeof w.cluster === 'string' &&
    typeof w.status === 'string' &&
    (WORKSPACE_STATUSES as readonly string[]).includes(w.status)
  );
}

/** Whether `a` is at least as recent as `b` (by `updatedAt`; unknown times count as recent). */
function isAtLeastAsRecent(a: Workspace, b: Workspace): boolean {
  const ta = Date.parse(a.updatedAt);
  const tb = Date.parse(b.updatedAt);
  return Number.isNaN(ta) || Number.isNaN(tb) || ta >= tb;
}

/**
 * Emits every RDE workspace into the catalog as a `Resource` entity of `spec.type: rde-workspace`
 * (issue 3, DESIGN §6; the entity shape is {@link workspaceToEntity}).
 *
 * - Full sync ({@link RdeWorkspaceEntityProvider.refresh}): reads `GET /api/rde/catalog/workspaces`
 *   with the catalog's service token and applies a `full` mutation, so workspaces that are gone
 *   disappear. Run by `taskRunner` (scheduled in `connect`). When the rde backend cannot be read
 *   the provider logs a warning and applies nothing, so the catalog keeps the previous entities.
 * - Deltas: every `rde.workspace` event ({@link WorkspaceChangedEvent}) becomes a `delta` mutation
 *   adding or updating the workspace's entity, or removing it for status `deleted`.
 *
 * Mutations are applied one at a time. Events that arrive while a full sync is reading take part
 * in it (the more recent of event and read wins by `updatedAt`), so a sync that read just before
 * a change does not bring back a deleted workspace or an old status.
 *
 * @public
 */
export class RdeWorkspaceEntityProvider implements EntityProvider {
  /** The provider name, fixed: the catalog ties the emitted entities to it. */
  static readonly providerName = 'rde-workspaces';

  private readonly options: RdeWorkspaceEntityProviderOptions;
  private readonly logger: LoggerService;
  private connection?: EntityProviderConnection;
  /** Events seen while a full sync is reading, by workspace id; undefined when none is. */
  private eventsDuringSync?: Map<string, Workspace>;
  private syncInFlight?: Promise<boolean>;
  private mutations: Promise<unknown> = Promise.resolve();

  constructor(options: RdeWorkspaceEntityProviderOptions) {
    this.options = options;
    this.logger = options.logger;
  }

  /** {@inheritDoc @backstage/plugin-catalog-node#EntityProvider.getProviderName} */
  getProviderName(): string {
    return RdeWorkspaceEntityProvider.providerName;
  }

  /**
   * Subscribes to `rde.workspace` events and schedules the periodic full sync with `taskRunner`
   * (the scheduler runs it first at once unless the schedule has an initial delay).
   */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.events.subscribe({
      id: 'rde-workspace-entity-provider',
      topics: [RDE_WORKSPACE_EVENT_TOPIC],
      onEvent: params => this.onEvent(params),
    });
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /**
   * Full sync: reads every workspace from the rde backend and replaces all entities of this
   * provider with them. Concurrent calls share one run.
   *
   * @returns true when the mutation was applied; false when the rde backend could not be read
   *   (logged as a warning; the catalog keeps the previous entities).
   * @throws Error when called before `connect`.
   */
  async refresh(): Promise<boolean> {
    if (!this.connection) {
      throw new Error(
        `${this.getProviderName()} refreshed before the catalog connected it`,
      );
    }
    if (!this.syncInFlight) {
      this.syncInFlight = this.fullSync().finally(() => {
        this.syncInFlight = undefined;
      });
    }
    return this.syncInFlight;
  }

  private async fullSync(): Promise<boolean> {
    const seen = new Map<string, Workspace>();
    this.eventsDuringSync = seen;
    let workspaces: Workspace[];
    try {
      workspaces = await fetchWorkspaces(this.options);
    } catch (error) {
      this.eventsDuringSync = undefined;
      this.logger.warn(
        `Could not read workspaces from the rde backend; keeping the catalog's workspace entities until the next sync: ${stringifyError(
          error,
        )}`,
      );
      return false;
    }
    await this.serialized(async () => {
      this.eventsDuringSync = undefined;
      const byId = new Map<string, Workspace>();
      for (const workspace of workspaces) {
        if (isWorkspace(workspace) && workspace.status !== 'deleted') {
          byId.set(workspace.id, workspace);
        } else {
          this.logger.warn(
            `Skipping a malformed workspace from the rde backend: ${JSON.stringify(
              workspace,
            )}`,
          );
        }
      }
      for (const [id, changed] of seen) {
        const read = byId.get(id);
        if (read && !isAtLeastAsRecent(changed, read)) {
          continue;
        }
        if (changed.status === 'deleted') {
          byId.delete(id);
        } else {
          byId.set(id, changed);
        }
      }
      const entities: DeferredEntity[] = [];
      for (const workspace of byId.values()) {
        const deferred = this.toDeferredEntity(workspace);
        if (deferred) {
          entities.push(deferred);
        }
      }
      await this.connection!.applyMutation({ type: 'full', entities });
      this.logger.debug(`Full sync applied ${entities.length} workspace(s)`);
    });
    return true;
  }

  private async onEvent(params: EventParams): Promise<void> {
    const workspace = (params.eventPayload as { workspace?: unknown } | null)
      ?.workspace;
    if (!isWorkspace(workspace)) {
      this.logger.warn(
        `Ignoring a malformed ${RDE_WORKSPACE_EVENT_TOPIC} event: ${JSON.stringify(
          params.eventPayload,
        )}`,
      );
      return;
    }
    this.eventsDuringSync?.set(workspace.id, workspace);
    let mutation: EntityProviderMutation;
    if (workspace.status === 'deleted') {
      let entityRef: string;
      try {
        entityRef = workspaceEntityRef(workspace.id);
      } catch (error) {
        this.logger.warn(stringifyError(error));
        return;
      }
      mutation = {
        type: 'delta',
        added: [],
        removed: [{ entityRef, locationKey: RDE_WORKSPACES_LOCATION }],
      };
    } else {
      const deferred = this.toDeferredEntity(workspace);
      if (!deferred) {
        return;
      }
      mutation = { type: 'delta', added: [deferred], removed: [] };
    }
    try {
      await this.serialized(() => this.connection!.applyMutation(mutation));
    } catch (error) {
      this.logger.warn(
        `Could not apply the change of workspace ${
          workspace.id
        } to the catalog; the next full sync will: ${stringifyError(error)}`,
      );
    }
  }

  private toDeferredEntity(workspace: Workspace): DeferredEntity | undefined {
    try {
      return {
        entity: workspaceToEntity(workspace, {
          appBaseUrl: this.options.appBaseUrl,
        }),
        locationKey: RDE_WORKSPACES_LOCATION,
      };
    } catch (error) {
      this.logger.warn(
        `Skipping workspace ${workspace.id}: ${stringifyError(error)}`,
      );
      return undefined;
    }
  }

  /** Runs `fn` after every mutation queued before it has settled. */
  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.mutations.then(fn);
    this.mutations = result.catch(() => undefined);
    return result;
  }
}
