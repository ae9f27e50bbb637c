import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import {
  ACTIVE_WORKSPACE_STATUSES,
  Workspace,
  WorkspaceOperationName,
  WorkspaceStatus,
} from '@rde-portal/plugin-rde-common';
import { WorkspaceLimitReachedError } from '../service/errors';
import {
  ActiveLimit,
  NewWorkspace,
  WorkspaceListFilter,
  WorkspaceStore,
} from './WorkspaceStore';
import { isUniqueViolation } from './errors';
import { toIsoString } from './time';

const TABLE = 'rde_workspaces';
const LOCKS = 'rde_user_locks';

type Time = Date | number | string;
type Row = {
  id: string;
  name: string;
  owner: string;
  owner_email: string | null;
  blueprint: string;
  cluster: string;
  status: WorkspaceStatus;
  operation: WorkspaceOperationName | null;
  status_message: string | null;
  created_at: Time;
  updated_at: Time;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toWorkspace(row: Row): Workspace {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    ...(row.owner_email ? { ownerEmail: row.owner_email } : {}),
    blueprint: row.blueprint,
    cluster: row.cluster,
    status: row.status,
    ...(row.operation ? { operation: row.operation } : {}),
    ...(row.status_message ? { statusMessage: row.status_message } : {}),
    createdAt: toIsoString(row.created_at)!,
    updatedAt: toIsoString(row.updated_at)!,
  };
}

function isActive(status: WorkspaceStatus): boolean {
  return ACTIVE_WORKSPACE_STATUSES.includes(status);
}

/**
 * {@link WorkspaceStore} on the plugin's knex database (SQLite or PostgreSQL). Expects the schema
 * of `migrations/` to be applied.
 *
 * The running-workspace limit is atomic across replicas: a limited write first upserts the owner's
 * row in `rde_user_locks` inside its transaction, which holds that row's lock until commit
 * (PostgreSQL), so a concurrent limited write for the same owner waits and then counts the winner's
 * row (READ COMMITTED takes a new snapshot per statement). SQLite serialises write transactions.
 */
export class DatabaseWorkspaceStore implements WorkspaceStore {
  constructor(private readonly db: Knex) {}

  async insert(
    workspace: NewWorkspace,
    options: { limit?: ActiveLimit } = {},
  ): Promise<Workspace> {
    const now = new Date();
    const row: Row = {
      id: workspace.id ?? randomUUID(),
      name: workspace.name,
      owner: workspace.owner,
      owner_email: workspace.ownerEmail ?? null,
      blueprint: workspace.blueprint,
      cluster: workspace.cluster,
      status: workspace.status ?? 'pending',
      operation: 'create',
      status_message: null,
      created_at: now,
      updated_at: now,
    };
    try {
      if (options.limit && isActive(row.status)) {
        const limit = options.limit;
        await this.db.transaction(async tx => {
          await this.requireBelowLimit(tx, row.owner, limit);
          await tx<Row>(TABLE).insert(row);
        });
      } else {
        await this.db<Row>(TABLE).insert(row);
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `You already have a workspace named '${workspace.name}'. Pick another name, or delete that workspace first.`,
        );
      }
      throw error;
    }
    return toWorkspace(row);
  }

  async countActive(owner: string): Promise<number> {
    return this.countActiveIn(this.db, owner);
  }

  async get(id: string): Promise<Workspace | undefined> {
    if (!UUID.test(id)) {
      return undefined;
    }
    const row = await this.db<Row>(TABLE)
      .where({ id: id.toLowerCase() })
      .first();
    return row ? toWorkspace(row) : undefined;
  }

  async list(filter: WorkspaceListFilter = {}): Promise<Workspace[]> {
    const query = this.db<Row>(TABLE);
    if (filter.owner !== undefined) {
      query.where({ owner: filter.owner });
    }
    if (filter.cluster !== undefined) {
      query.where({ cluster: filter.cluster });
    }
    if (filter.blueprint !== undefined) {
      query.where({ blueprint: filter.blueprint });
    }
    if (filter.statuses !== undefined) {
      query.whereIn('status', [...filter.statuses]);
    }
    if (filter.search) {
      const pattern = `%${filter.search
        .toLowerCase()
        .replace(/[\\%_]/g, c => `\\${c}`)}%`;
      query.where(q =>
        q
          .whereRaw(`LOWER(name) LIKE ? ESCAPE '\\'`, [pattern])
          .orWhereRaw(`LOWER(owner) LIKE ? ESCAPE '\\'`, [pattern])
          .orWhereRaw(`LOWER(COALESCE(owner_email, '')) LIKE ? ESCAPE '\\'`, [
            pattern,
          ]),
      );
    }
    if (!filter.includeDeleted) {
      query.whereNot({ status: 'deleted' });
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('name', 'asc');
    return rows.map(toWorkspace);
  }

  async transition(
    id: string,
    change: {
      from: readonly WorkspaceStatus[];
      to: WorkspaceStatus;
      message?: string | null;
      operation?: WorkspaceOperationName;
    },
    options: { limit?: ActiveLimit } = {},
  ): Promise<Workspace | undefined> {
    if (!UUID.test(id) || change.from.length === 0) {
      return undefined;
    }
    const update = (db: Knex | Knex.Transaction) =>
      db<Row>(TABLE)
        .where({ id: id.toLowerCase() })
        .whereIn('status', [...change.from])
        .update({
          status: change.to,
          status_message: change.message ?? null,
          ...(change.operation ? { operation: change.operation } : {}),
          updated_at: new Date(),
        });
    let updated: number;
    const limit = options.limit;
    if (limit && isActive(change.to)) {
      updated = await this.db.transaction(async tx => {
        const row = await tx<Row>(TABLE)
          .where({ id: id.toLowerCase() })
          .first();
        if (!row || !change.from.includes(row.status)) {
          return 0;
        }
        if (!isActive(row.status)) {
          await this.requireBelowLimit(tx, row.owner, limit);
        }
        return update(tx);
      });
    } else {
      updated = await update(this.db);
    }
    if (!updated) {
      return undefined;
    }
    // The compare-and-set above decided; this read only reports the row as it now is.
    return this.get(id);
  }

  /** Takes the owner's lock row (held until the transaction ends), then checks the count. */
  private async requireBelowLimit(
    tx: Knex.Transaction,
    owner: string,
    limit: ActiveLimit,
  ): Promise<void> {
    await tx(LOCKS)
      .insert({ user_ref: owner, locked_at: new Date() })
      .onConflict('user_ref')
      .merge(['locked_at']);
    const running = await this.countActiveIn(tx, owner);
    if (running >= limit.max) {
      throw new WorkspaceLimitReachedError({ running, limit: limit.max });
    }
  }

  private async countActiveIn(
    db: Knex | Knex.Transaction,
    owner: string,
  ): Promise<number> {
    const [{ count }] = await db<Row>(TABLE)
      .where({ owner })
      .whereIn('status', [...ACTIVE_WORKSPACE_STATUSES])
      .count({ count: '*' });
    return Number(count);
  }
}
