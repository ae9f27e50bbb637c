import {
  readRdeErrorResponse,
  type WorkspaceQuota,
} from '@rde-portal/plugin-rde-common';

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
  const read = await readRdeErrorResponse(response);
  const message =
    read.message ??
    `The RDE backend answered ${response.status}${
      response.statusText ? ` ${response.statusText}` : ''
    }`;
  if (read.status === 429) {
    return new TooManyRequestsError({
      message,
      retryAfterSeconds: read.retryAfterSeconds,
    });
  }
  if (read.quota) {
    return new WorkspaceLimitReachedError({ message, quota: read.quota });
  }
  return new RdeApiError({
    statusCode: read.status,
    errorName: read.errorName ?? 'Error',
    message,
  });
}
