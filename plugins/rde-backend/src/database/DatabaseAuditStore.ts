import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditOutcome, AuditRecord } from '@rde-portal/plugin-rde-common';
import type { AuditListFilter, AuditStore, NewAuditRecord } from './AuditStore';
import { toIsoString } from './time';

const TABLE = 'rde_audit_events';
/** Default and largest page of {@link DatabaseAuditStore.list}. */
const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

type Row = {
  id: string;
  occurred_at: Date | number | string;
  actor_ref: string;
  actor_email: string | null;
  action: string;
  workspace_id: string | null;
  workspace_name: string | null;
  blueprint: string | null;
  outcome: AuditOutcome;
  message: string | null;
};

function toRecord(row: Row): AuditRecord {
  return {
    id: row.id,
    time: toIsoString(row.occurred_at)!,
    actorRef: row.actor_ref,
    ...(row.actor_email ? { actorEmail: row.actor_email } : {}),
    action: row.action,
    ...(row.workspace_id ? { workspaceId: row.workspace_id } : {}),
    ...(row.workspace_name ? { workspaceName: row.workspace_name } : {}),
    ...(row.blueprint ? { blueprint: row.blueprint } : {}),
    outcome: row.outcome,
    ...(row.message ? { message: row.message } : {}),
  };
}

/** {@link AuditStore} on the plugin's knex database. */
export class DatabaseAuditStore implements AuditStore {
  constructor(private readonly db: Knex) {}

  async append(record: NewAuditRecord): Promise<AuditRecord> {
    const row: Row = {
      id: randomUUID(),
      occurred_at: new Date(),
      actor_ref: record.actorRef,
      actor_email: record.actorEmail ?? null,
      action: record.action,
      workspace_id: record.workspaceId ?? null,
      workspace_name: record.workspaceName ?? null,
      blueprint: record.blueprint ?? null,
      outcome: record.outcome,
      message: record.message ?? null,
    };
    await this.db<Row>(TABLE).insert(row);
    return toRecord(row);
  }

  async list(filter: AuditListFilter = {}): Promise<AuditRecord[]> {
    const query = this.db<Row>(TABLE);
    if (filter.workspaceId) query.where({ workspace_id: filter.workspaceId });
    if (filter.actorRef) query.where({ actor_ref: filter.actorRef });
    if (filter.action) query.where({ action: filter.action });
    const limit = Math.min(
      Math.max(Math.trunc(filter.limit ?? DEFAULT_LIMIT), 1),
      MAX_LIMIT,
    );
    const rows = await query
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'asc')
      .limit(limit);
    return rows.map(toRecord);
  }
}
