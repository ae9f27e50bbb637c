import type { Knex } from 'knex';
import { ClusterRecord, ClusterStore } from './ClusterStore';
import { toIsoString } from './time';

const TABLE = 'rde_clusters';

type Row = {
  name: string;
  created_at: Date | number | string;
  last_seen_at: Date | number | string | null;
};

function toRecord(row: Row): ClusterRecord {
  const lastSeenAt = toIsoString(row.last_seen_at);
  return {
    name: row.name,
    createdAt: toIsoString(row.created_at)!,
    ...(lastSeenAt ? { lastSeenAt } : {}),
  };
}

/**
 * {@link ClusterStore} on the plugin's knex database (SQLite or PostgreSQL). Expects the schema
 * of `migrations/` to be applied.
 */
export class DatabaseClusterStore implements ClusterStore {
  constructor(private readonly db: Knex) {}

  async ensure(name: string): Promise<void> {
    await this.db<Row>(TABLE)
      .insert({ name, created_at: new Date(), last_seen_at: null })
      .onConflict('name')
      .ignore();
  }

  async markSeen(name: string, at: Date = new Date()): Promise<void> {
    await this.db<Row>(TABLE)
      .insert({ name, created_at: at, last_seen_at: at })
      .onConflict('name')
      .merge(['last_seen_at']);
  }

  async get(name: string): Promise<ClusterRecord | undefined> {
    const row = await this.db<Row>(TABLE).where({ name }).first();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<ClusterRecord[]> {
    const rows = await this.db<Row>(TABLE).orderBy('name', 'asc');
    return rows.map(toRecord);
  }
}
