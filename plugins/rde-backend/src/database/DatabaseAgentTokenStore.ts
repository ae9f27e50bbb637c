import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AgentToken } from '@rde-portal/plugin-rde-common';
import {
  AgentTokenSeed,
  AgentTokenStore,
  VerifiedAgentToken,
} from './AgentTokenStore';
import type { ClusterStore } from './ClusterStore';
import {
  MAX_AGENT_TOKEN_LENGTH,
  generateAgentToken,
  hashAgentToken,
} from './agentTokenHash';
import { toIsoString } from './time';

const TABLE = 'rde_agent_tokens';

type Time = Date | number | string;
type Row = {
  id: string;
  cluster: string;
  token_hash: string;
  created_at: Time;
  created_by: string;
  last_used_at: Time | null;
  revoked_at: Time | null;
};

/** Columns returned to callers: everything but the hash. */
const PUBLIC_COLUMNS = [
  'id',
  'cluster',
  'created_at',
  'created_by',
  'last_used_at',
  'revoked_at',
] as const;

function toAgentToken(row: Omit<Row, 'token_hash'>): AgentToken {
  const lastUsedAt = toIsoString(row.last_used_at);
  const revokedAt = toIsoString(row.revoked_at);
  return {
    id: row.id,
    cluster: row.cluster,
    createdAt: toIsoString(row.created_at)!,
    createdBy: row.created_by,
    ...(lastUsedAt ? { lastUsedAt } : {}),
    ...(revokedAt ? { revokedAt } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * {@link AgentTokenStore} on the plugin's knex database (SQLite or PostgreSQL). Expects the schema
 * of `migrations/` to be applied.
 */
export class DatabaseAgentTokenStore implements AgentTokenStore {
  constructor(
    private readonly db: Knex,
    private readonly clusters: ClusterStore,
  ) {}

  async create(options: {
    cluster: string;
    createdBy: string;
  }): Promise<{ token: string; record: AgentToken }> {
    await this.clusters.ensure(options.cluster);
    const token = generateAgentToken();
    const row: Row = {
      id: randomUUID(),
      cluster: options.cluster,
      token_hash: hashAgentToken(token),
      created_at: new Date(),
      created_by: options.createdBy,
      last_used_at: null,
      revoked_at: null,
    };
    await this.db<Row>(TABLE).insert(row);
    return { token, record: toAgentToken(row) };
  }

  async verify(plaintext: string): Promise<VerifiedAgentToken | undefined> {
    if (
      typeof plaintext !== 'string' ||
      plaintext.length === 0 ||
      plaintext.length > MAX_AGENT_TOKEN_LENGTH
    ) {
      return undefined;
    }
    const row = await this.db<Row>(TABLE)
      .select('id', 'cluster')
      .where({ token_hash: hashAgentToken(plaintext) })
      .whereNull('revoked_at')
      .first();
    return row ? { tokenId: row.id, cluster: row.cluster } : undefined;
  }

  async markUsed(tokenId: string, at: Date = new Date()): Promise<void> {
    if (!UUID.test(tokenId)) {
      return;
    }
    await this.db<Row>(TABLE)
      .where({ id: tokenId.toLowerCase() })
      .update({ last_used_at: at });
  }

  async revoke(
    tokenId: string,
    at: Date = new Date(),
  ): Promise<AgentToken | undefined> {
    if (!UUID.test(tokenId)) {
      return undefined;
    }
    const id = tokenId.toLowerCase();
    await this.db<Row>(TABLE)
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: at });
    return this.get(id);
  }

  async get(tokenId: string): Promise<AgentToken | undefined> {
    if (!UUID.test(tokenId)) {
      return undefined;
    }
    const row = await this.db<Row>(TABLE)
      .select(...PUBLIC_COLUMNS)
      .where({ id: tokenId.toLowerCase() })
      .first();
    return row ? toAgentToken(row) : undefined;
  }

  async list(cluster: string): Promise<AgentToken[]> {
    const rows = await this.db<Row>(TABLE)
      .select(...PUBLIC_COLUMNS)
      .where({ cluster })
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc');
    return rows.map(toAgentToken);
  }

  async seed(seeds: AgentTokenSeed[]): Promise<number> {
    let added = 0;
    for (const seed of seeds) {
      await this.clusters.ensure(seed.cluster);
      const inserted = await this.db<Row>(TABLE)
        .insert({
          id: randomUUID(),
          cluster: seed.cluster,
          token_hash: hashAgentToken(seed.token),
          created_at: new Date(),
          created_by: 'config',
          last_used_at: null,
          revoked_at: null,
        })
        .onConflict('token_hash')
        .ignore()
        .returning('id');
      added += inserted.length;
    }
    return added;
  }
}
