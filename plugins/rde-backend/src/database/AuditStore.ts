import type { AuditRecord } from '@rde-portal/plugin-rde-common';

/** A row to append to the audit table; `id` and `time` are filled in by the store. */
export type NewAuditRecord = Omit<AuditRecord, 'id' | 'time'>;

/** Filter of {@link AuditStore.list}. */
export interface AuditListFilter {
  workspaceId?: string;
  /** Actor entity ref, exact. */
  actorRef?: string;
  action?: string;
  /** Most rows to return, newest first; 1–1000, default 200. */
  limit?: number;
}

/**
 * The audit table (`rde_audit_events`, issue 3: "kept in an audit table the admin UI can query
 * (actor, email, action, workspace, blueprint, outcome, time)"). Append-only.
 */
export interface AuditStore {
  append(record: NewAuditRecord): Promise<AuditRecord>;
  list(filter?: AuditListFilter): Promise<AuditRecord[]>;
}
