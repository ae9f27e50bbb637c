import { CustomErrorBase } from '@backstage/errors';
import {
  readRdeErrorResponse,
  WorkspaceQuota,
} from '@rde-portal/plugin-rde-common';

/**
 * A refusal or failure answered by the RDE REST API (`/api/rde`), with a message a person can act
 * on (see {@link rdeApiErrorFromResponse}).
 *
 * @public
 */
export class RdeApiError extends CustomErrorBase {
  name = 'RdeApiError' as const;
  /** HTTP status of the answer. */
  readonly status: number;
  /** `error.name` of the answer's body, e.g. `WorkspaceLimitReachedError`; absent when none. */
  readonly errorName?: string;
  /** The caller's standing against the running-workspace limit (409 limit answers). */
  readonly quota?: WorkspaceQuota;
  /** Seconds to wait before trying again (429 answers, from `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(
    message: string,
    details: {
      status: number;
      errorName?: string;
      quota?: WorkspaceQuota;
      retryAfterSeconds?: number;
    },
  ) {
    super(message);
    this.status = details.status;
    this.errorName = details.errorName;
    this.quota = details.quota;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/**
 * Turns a non-2xx answer of the RDE REST API into an {@link RdeApiError} whose message says what
 * happened and what to do. The body is Backstage's error shape `{ error: { name, message } }`
 * (plus `quota` on 409 `WorkspaceLimitReachedError`); `error.message` is always passed through.
 *
 * - 400: the request was refused (unknown or invisible blueprint, bad name, …).
 * - 403: not allowed (e.g. a `testing` blueprint and the user is no admin or trusted user).
 * - 409 `WorkspaceLimitReachedError`: names the running count and the limit from `quota`.
 * - 429: names the wait from `Retry-After` (seconds).
 * - anything else: status and message.
 *
 * @param response - the answer; its body is consumed.
 * @param action - what was attempted, for the message, e.g. `Creating a workspace from template:default/node-web`.
 * @public
 */
export async function rdeApiErrorFromResponse(
  response: Response,
  action: string,
): Promise<RdeApiError> {
  const read = await readRdeErrorResponse(response);
  const errorName = read.errorName;
  const reason =
    read.message ?? `${response.status} ${response.statusText}`.trim();
  const status = response.status;

  if (status === 409 && errorName === 'WorkspaceLimitReachedError') {
    const quota = read.quota;
    const counts = quota
      ? ` (${quota.running} of ${quota.limit} allowed running workspaces in use)`
      : '';
    return new RdeApiError(
      `${action} failed: you have reached your limit of running workspaces${counts}: ${withoutStop(
        reason,
      )}. ` +
        'Stop or delete one of your workspaces, then run the template again.',
      { status, errorName, quota },
    );
  }
  if (status === 429) {
    const wait = read.retryAfterSeconds;
    const when =
      wait !== undefined
        ? `Try again in ${wait} second${wait === 1 ? '' : 's'}.`
        : 'Try again in a minute.';
    // The server's message already says when to try again; add it only when it does not.
    const advice = /try again/i.test(reason) ? '' : ` ${when}`;
    return new RdeApiError(
      `${action} failed: too many workspace launches: ${withoutStop(
        reason,
      )}.${advice}`,
      { status, errorName, retryAfterSeconds: wait },
    );
  }
  if (status === 403) {
    return new RdeApiError(
      `${action} failed: not allowed: ${withoutStop(
        reason,
      )}. Ask an RDE admin for access if you need it.`,
      { status, errorName },
    );
  }
  if (status === 400) {
    return new RdeApiError(`${action} failed: ${reason}`, {
      status,
      errorName,
    });
  }
  return new RdeApiError(
    `${action} failed: the RDE backend answered ${status}: ${reason}`,
    { status, errorName },
  );
}

/** `text` without its final full stop, so it can be followed by more of a sentence. */
function withoutStop(text: string): string {
  return text.trim().replace(/\.+$/, '');
}
