import type { WorkspaceQuota } from './types';

/**
 * What a failed answer of the RDE REST API says, read by {@link readRdeErrorResponse}.
 *
 * @public
 */
export interface RdeErrorResponse {
  /** HTTP status, e.g. 409. */
  status: number;
  /** `error.name` of Backstage's error body, e.g. `WorkspaceLimitReachedError`; absent when none. */
  errorName?: string;
  /** `error.message` of the body: the sentence for a person; absent when the body has none. */
  message?: string;
  /** The caller's standing, on a 409 `WorkspaceLimitReachedError` that carries a valid `quota`. */
  quota?: WorkspaceQuota;
  /** Seconds to wait, from `Retry-After` (see {@link parseRetryAfter}); absent when not sent. */
  retryAfterSeconds?: number;
}

/**
 * Reads a non-2xx answer of the RDE REST API (its body not consumed yet): Backstage's error body
 * `{ error: { name, message } }`, the `quota` of a limit answer (HTTP 409) and `Retry-After`.
 * A body that is not JSON (e.g. a proxy's HTML page) or cannot be read yields only the status.
 * Shared by the frontend client and the scaffolder action, so both read refusals alike.
 *
 * @public
 */
export async function readRdeErrorResponse(
  response: Response,
): Promise<RdeErrorResponse> {
  const text = await response.text().catch(() => '');
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const error =
    body && typeof body.error === 'object' && body.error !== null
      ? body.error
      : undefined;
  const errorName =
    typeof error?.name === 'string' ? (error.name as string) : undefined;
  const message =
    typeof error?.message === 'string' && error.message
      ? (error.message as string)
      : undefined;
  const quota =
    response.status === 409 &&
    errorName === 'WorkspaceLimitReachedError' &&
    isQuota(body?.quota)
      ? body.quota
      : undefined;
  const retryAfterSeconds = parseRetryAfter(
    response.headers.get('Retry-After'),
  );
  return {
    status: response.status,
    ...(errorName ? { errorName } : {}),
    ...(message ? { message } : {}),
    ...(quota ? { quota } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay in whole seconds or an HTTP date.
 * Returns seconds from `now` (ms since the epoch; never negative), or `undefined` for an absent or
 * unreadable value.
 *
 * @public
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isQuota(value: unknown): value is WorkspaceQuota {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WorkspaceQuota).running === 'number' &&
    typeof (value as WorkspaceQuota).limit === 'number'
  );
}
