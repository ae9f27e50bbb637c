import type { Knex } from 'knex';
import { StoredTicket, TicketKind, TicketStore } from './TicketStore';
import { toInteger } from './time';

const TABLE = 'rde_tickets';

type Row = {
  hash: string;
  kind: TicketKind;
  user_ref: string;
  workspace_id: string;
  cols: number;
  rows: number;
  expires_at: number | string;
  created_at: number | string;
};

function toTicket(row: Row): StoredTicket {
  return {
    hash: row.hash,
    kind: row.kind,
    userRef: row.user_ref,
    workspaceId: row.workspace_id,
    cols: Number(row.cols),
    rows: Number(row.rows),
    expiresAt: toInteger(row.expires_at),
    createdAt: toInteger(row.created_at),
  };
}

/**
 * {@link TicketStore} on the plugin's knex database (SQLite or PostgreSQL). Expects the schema of
 * `migrations/` to be applied.
 *
 * `consume` is one `DELETE … WHERE hash = ? AND kind = ? AND expires_at > ? RETURNING *`
 * statement on both databases (SQLite ≥ 3.35 has `RETURNING`). knex's query builder drops
 * `.returning()` from deletes on better-sqlite3 (checked with knex 3.3), hence the raw statement.
 */
export class DatabaseTicketStore implements TicketStore {
  constructor(private readonly db: Knex) {}

  async insert(ticket: StoredTicket): Promise<void> {
    await this.db<Row>(TABLE).insert({
      hash: ticket.hash,
      kind: ticket.kind,
      user_ref: ticket.userRef,
      workspace_id: ticket.workspaceId,
      cols: ticket.cols,
      rows: ticket.rows,
      expires_at: ticket.expiresAt,
      created_at: ticket.createdAt,
    });
  }

  async consume(
    hash: string,
    kind: TicketKind,
    nowMs: number,
  ): Promise<StoredTicket | undefined> {
    const result = await this.db.raw(
      'DELETE FROM ?? WHERE hash = ? AND kind = ? AND expires_at > ? RETURNING *',
      [TABLE, hash, kind, nowMs],
    );
    // pg resolves with a Result ({ rows }); better-sqlite3 with the array of rows.
    const rows: Row[] = Array.isArray(result) ? result : result?.rows ?? [];
    return rows.length > 0 ? toTicket(rows[0]) : undefined;
  }

  async deleteExpired(nowMs: number): Promise<number> {
    return await this.db<Row>(TABLE).where('expires_at', '<=', nowMs).delete();
  }
}
