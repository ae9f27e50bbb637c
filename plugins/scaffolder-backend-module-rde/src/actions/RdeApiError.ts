import { CustomErrorBase } from '@backstage/errors';
import { WorkspaceQuota } from '@rde-portal/plugin-rde-common';

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

function isQuota(value: unknown): value is WorkspaceQuota {
  const q = value as Partial<WorkspaceQuota> | null;
  return (
    typeof q === 'object' &&
    q !== null &&
    typeof q.running === 'number' &&
    typeof q.limit === 'number'
  );
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return parseInt(header.trim(), 10);
  const at = Date.parse(header);
  return Number.isNaN(at)
    ? undefined
    : Math.max(0, Math.ceil((at - Date.now()) / 1000));
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
  let body: { error?: { name?: unknown; message?: unknown }; quota?: unknown } =
    {};
  const text = await response.text().catch(() => '');
  try {
    body = JSON.parse(text) ?? {};
  } catch {
    // Not JSON: fall back to the status line.
  }
  const errorName =
    typeof body.error?.name === 'string' ? body.error.name : undefined;
  const reason =
    typeof body.error?.message === 'string' && body.error.message
      ? body.error.message
      : `${response.status} ${response.statusText}`.trim();
  const status = response.status;

  if (status === 409 && errorName === 'WorkspaceLimitReachedError') {
    const quota = isQuota(body.quota) ? body.quota : undefined;
    const counts = quota
      ? ` (${quota.running} of ${quota.limit} allowed running workspaces in use)`
      : '';
    return new RdeApiError(
      `${action} failed: you have reached your limit of running workspaces${counts}: ${withoutStop(reason)}. ` +
        'Stop or delete one of your workspaces, then run the template again.',
      { status, errorName, quota },
    );
  }
  if (status === 429) {
    const wait = retryAfterSeconds(response.headers.get('retry-after'));
    const when =
      wait !== undefined
        ? `Try again in ${wait} second${wait === 1 ? '' : 's'}.`
        : 'Try again in a minute.';
    // The server's message already says when to try again; add it only when it does not.
    const advice = /try again/i.test(reason) ? '' : ` ${when}`;
    return new RdeApiError(
      `${action} failed: too many workspace launches: ${withoutStop(reason)}.${advice}`,
      { status, errorName, retryAfterSeconds: wait },
    );
  }
  if (status === 403) {
    return new RdeApiError(
      `${action} failed: not allowed: ${withoutStop(reason)}. Ask an RDE admin for access if you need it.`,
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
