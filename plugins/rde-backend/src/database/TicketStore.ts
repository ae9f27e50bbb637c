/**
 * Kinds of one-time ticket. Only terminal tickets exist so far; preview tickets follow (DESIGN §3).
 */
export type TicketKind = 'terminal';

/**
 * What a ticket is bound to (DESIGN §3: user + workspace + kind).
 */
export interface TicketBinding {
  /** User entity ref of the user it was issued to. */
  userRef: string;
  workspaceId: string;
  /** Initial terminal size, columns and rows. */
  cols: number;
  rows: number;
}

/**
 * A stored ticket: its hash, never the ticket itself.
 */
export interface StoredTicket extends TicketBinding {
  /** Lower-case hex SHA-256 of the plaintext ticket. */
  hash: string;
  kind: TicketKind;
  /** Expiry, milliseconds since the Unix epoch. */
  expiresAt: number;
  /** Issue time, milliseconds since the Unix epoch. */
  createdAt: number;
}

/**
 * Persistence of one-time tickets (`rde_tickets`). Stores hashes only.
 */
export interface TicketStore {
  /** Stores a ticket. @throws on database errors, including a duplicate hash. */
  insert(ticket: StoredTicket): Promise<void>;

  /**
   * Atomically removes and returns the ticket with `hash` and `kind` if it has not expired at
   * `nowMs`. A single `DELETE … RETURNING` statement, so of any number of concurrent callers —
   * also on different backend replicas sharing a PostgreSQL database — exactly one gets the
   * ticket; the others get `undefined`.
   *
   * @param nowMs - current time in milliseconds since the epoch.
   */
  consume(
    hash: string,
    kind: TicketKind,
    nowMs: number,
  ): Promise<StoredTicket | undefined>;

  /**
   * Deletes tickets whose expiry is at or before `nowMs`.
   *
   * @returns how many were deleted.
   */
  deleteExpired(nowMs: number): Promise<number>;
}
