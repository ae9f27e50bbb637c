import type { WorkspaceQuota } from '@rde-portal/plugin-rde-common';

/**
 * What {@link RdeApiError}'s constructor takes.
 *
 * @public
 */
export interface RdeApiErrorOptions {
  /** HTTP status of the response, e.g. 409. */
  statusCode: number;
  /** `error.name` of the backend's body, e.g. `NotAllowedError`; `Error` when it sent none. */
  errorName: string;
  /** `error.message` of the backend's body: the sentence to show a person. */
  message: string;
}

/**
 * A request to the RDE backend that it refused or failed. `message` is the backend's own
 * `error.message` (Backstage's `{ error: { name, message } }` body) or, when the body is not one,
 * a sentence naming the HTTP status.
 *
 * @public
 */
export class RdeApiError extends Error {
  /** HTTP status, e.g. 403. */
  readonly statusCode: number;
  /** The backend's `error.name`, e.g. `NotFoundError`. */
  readonly errorName: string;

  constructor(options: RdeApiErrorOptions) {
    super(options.message);
    this.name = 'RdeApiError';
    this.statusCode = options.statusCode;
    this.errorName = options.errorName;
  }
}

/**
 * 409 from `POST /workspaces` or `POST /workspaces/:id/start`: the user already has as many
 * workspaces holding compute as the per-user limit allows (issue 3). `quota` is the standing the
 * backend counted.
 *
 * @public
 */
export class WorkspaceLimitReachedError extends RdeApiError {
  /** The user's count of running workspaces and the limit, as the backend saw them. */
  readonly quota: WorkspaceQuota;

  constructor(options: { message: string; quota: WorkspaceQuota }) {
    super({
      statusCode: 409,
      errorName: 'WorkspaceLimitReachedError',
      message: options.message,
    });
    this.name = 'WorkspaceLimitReachedError';
    this.quota = options.quota;
  }
}

/**
 * 429 from `POST /workspaces`: the launch rate limit (default 5 per minute per user) is hit.
 *
 * @public
 */
export class TooManyRequestsError extends RdeApiError {
  /**
   * Seconds until a launch may succeed, from the `Retry-After` header; `undefined` when the
   * backend sent none or the browser may not read it (a cross-origin backend must list it in
   * `backend.cors.exposedHeaders`).
   */
  readonly retryAfterSeconds?: number;

  constructor(options: { message: string; retryAfterSeconds?: number }) {
    super({
      statusCode: 429,
      errorName: 'TooManyRequestsError',
      message: options.message,
    });
    this.name = 'TooManyRequestsError';
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * Reads a failed response of the RDE backend (status not 2xx; its body not yet consumed) into
 * the matching error: {@link WorkspaceLimitReachedError} for a 409 named
 * `WorkspaceLimitReachedError` that carries `quota`, {@link TooManyRequestsError} for a 429, else
 * an {@link RdeApiError}. The message is the body's `error.message`, or names the status when the
 * body is not Backstage's error shape (e.g. a proxy's HTML page).
 *
 * @public
 */
export async function readRdeApiError(
  response: Response,
): Promise<RdeApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // An unreadable body leaves only the status to report.
  }
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const serverError =
    body &&
    typeof body === 'object' &&
    body.error &&
    typeof body.error === 'object'
      ? body.error
      : undefined;
  const errorName =
    typeof serverError?.name === 'string' ? serverError.name : 'Error';
  const status = `${response.status}${
    response.statusText ? ` ${response.statusText}` : ''
  }`;
  const message =
    typeof serverError?.message === 'string' && serverError.message
      ? serverError.message
      : `The RDE backend answered ${status}`;

  if (response.status === 429) {
    return new TooManyRequestsError({
      message,
      retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
    });
  }
  if (
    response.status === 409 &&
    errorName === 'WorkspaceLimitReachedError' &&
    isQuota(body?.quota)
  ) {
    return new WorkspaceLimitReachedError({ message, quota: body.quota });
  }
  return new RdeApiError({ statusCode: response.status, errorName, message });
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay in whole seconds or an HTTP date.
 * Returns seconds from `now` (never negative), or `undefined` for an absent or unreadable value.
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
