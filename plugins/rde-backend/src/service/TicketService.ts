import { createHash, randomBytes } from 'node:crypto';
import {
  TERMINAL_SOCKET_PATH,
  TerminalTicket,
} from '@rde-portal/plugin-rde-common';
import type {
  TicketBinding,
  TicketKind,
  TicketStore,
} from '../database/TicketStore';

/** Lifetime of a terminal ticket: 30 000 ms (DESIGN §1.3: shell tickets have a 30 s TTL). */
export const TERMINAL_TICKET_TTL_MS = 30_000;

/** Random bytes in a ticket: 32 (256 bits; DESIGN §3 asks for ≥ 128). */
export const TICKET_BYTES = 32;

/** A well-formed ticket: 32 bytes in unpadded base64url are exactly 43 characters of this set. */
const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Lower-case hex SHA-256 of a plaintext ticket; the only form in which tickets are stored. */
export function hashTicket(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'ascii').digest('hex');
}

/**
 * Issues and consumes one-time tickets (DESIGN §1.3, §3): random, stored only as a hash, bound to
 * a user, a workspace and a kind, short-lived, consumed atomically.
 */
export class TicketService {
  private readonly store: TicketStore;
  private readonly now: () => number;

  /**
   * @param options.store - where ticket hashes live.
   * @param options.now - clock in milliseconds since the epoch (tests pass a fake); `Date.now`.
   */
  constructor(options: { store: TicketStore; now?: () => number }) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
  }

  /**
   * Issues a one-time ticket for `userRef` to open a terminal on `workspaceId`. The caller has
   * already checked that the user may (owner only, workspace running).
   *
   * @param size - initial terminal size in columns and rows, already validated.
   * @returns the plaintext ticket (32 random bytes, base64url), its expiry (now + 30 s) and the
   *   plugin-relative WebSocket path to present it on.
   */
  async issue(
    userRef: string,
    workspaceId: string,
    kind: TicketKind,
    size: { cols: number; rows: number },
  ): Promise<TerminalTicket> {
    const ticket = randomBytes(TICKET_BYTES).toString('base64url');
    const createdAt = this.now();
    const expiresAt = createdAt + TERMINAL_TICKET_TTL_MS;
    await this.store.insert({
      hash: hashTicket(ticket),
      kind,
      userRef,
      workspaceId,
      cols: size.cols,
      rows: size.rows,
      createdAt,
      expiresAt,
    });
    return {
      ticket,
      expiresAt: new Date(expiresAt).toISOString(),
      path: TERMINAL_SOCKET_PATH,
    };
  }

  /**
   * Consumes a ticket: the first caller with a valid, unexpired ticket of `kind` gets what it is
   * bound to and the ticket ceases to exist; everyone else — concurrent callers included, on any
   * replica — gets `undefined`. Malformed input (anything but 43 base64url characters) returns
   * `undefined` without touching the database.
   *
   * The caller must still check that the returned `userRef` is the user presenting the ticket when
   * it knows who that is, and that the workspace is still the user's and running.
   */
  async consume(
    plaintext: unknown,
    kind: TicketKind,
  ): Promise<TicketBinding | undefined> {
    if (typeof plaintext !== 'string' || !TICKET_PATTERN.test(plaintext)) {
      return undefined;
    }
    const stored = await this.store.consume(
      hashTicket(plaintext),
      kind,
      this.now(),
    );
    if (!stored) {
      return undefined;
    }
    return {
      userRef: stored.userRef,
      workspaceId: stored.workspaceId,
      cols: stored.cols,
      rows: stored.rows,
    };
  }

  /**
   * Deletes expired tickets.
   *
   * @returns how many were deleted.
   */
  async deleteExpired(): Promise<number> {
    return this.store.deleteExpired(this.now());
  }
}
