/**
 * A workspace name: an RFC 1123 DNS label (1–63 characters of `a-z`, `0-9` and `-`, starting and
 * ending with a letter or digit), so it can name a Kubernetes namespace or a directory as is.
 *
 * @public
 */
export const WORKSPACE_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Body of `POST /api/rde/workspaces/:id/tickets`: the initial terminal size in columns and rows,
 * each within `TERMINAL_SIZE_LIMITS`; {@link DEFAULT_TERMINAL_SIZE} when absent.
 *
 * @public
 */
export interface CreateTerminalTicketRequest {
  cols?: number;
  rows?: number;
}

/**
 * Terminal size used when a ticket request names none: 80 columns × 24 rows (the VT100 default).
 *
 * @public
 */
export const DEFAULT_TERMINAL_SIZE = { cols: 80, rows: 24 };
