import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import type { Workspace, WorkspaceStatus } from '@rde-portal/plugin-rde-common';
import {
  NewWorkspace,
  WorkspaceListFilter,
  WorkspaceStore,
} from './WorkspaceStore';
import { isUniqueViolation } from './errors';
import { toIsoString } from './time';

const TABLE = 'rde_workspaces';

type Time = Date | number | string;
type Row = {
  id: string;
  name: string;
  owner: string;
  blueprint: string;
  cluster: string;
  status: WorkspaceStatus;
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
    blueprint: row.blueprint,
    cluster: row.cluster,
    status: row.status,
    ...(row.status_message ? { statusMessage: row.status_message } : {}),
    createdAt: toIsoString(row.created_at)!,
    updatedAt: toIsoString(row.updated_at)!,
  };
}

/**
 * {@link WorkspaceStore} on the plugin's knex database (SQLite or PostgreSQL). Expects the schema
 * of `migrations/` to be applied.
 */
export class DatabaseWorkspaceStore implements WorkspaceStore {
  constructor(private readonly db: Knex) {}

  async insert(workspace: NewWorkspace): Promise<Workspace> {
    const now = new Date();
    const row: Row = {
      id: workspace.id ?? randomUUID(),
      name: workspace.name,
      owner: workspace.owner,
      blueprint: workspace.blueprint,
      cluster: workspace.cluster,
      status: workspace.status ?? 'pending',
      status_message: null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db<Row>(TABLE).insert(row);
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
    },
  ): Promise<Workspace | undefined> {
    if (!UUID.test(id) || change.from.length === 0) {
      return undefined;
    }
    const updated = await this.db<Row>(TABLE)
      .where({ id: id.toLowerCase() })
      .whereIn('status', [...change.from])
      .update({
        status: change.to,
        status_message: change.message ?? null,
        updated_at: new Date(),
      });
    if (!updated) {
      return undefined;
    }
    // The compare-and-set above decided; this read only reports the row as it now is.
    return this.get(id);
  }
}
