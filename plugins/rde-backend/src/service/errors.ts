import { CustomErrorBase } from '@backstage/errors';
import type { WorkspaceQuota } from '@rde-portal/plugin-rde-common';

/**
 * The per-user limit on running workspaces (issue 3) would be exceeded. Answered as HTTP 409 with
 * `error.name = 'WorkspaceLimitReachedError'` and the caller's {@link WorkspaceQuota} as `quota`.
 */
export class WorkspaceLimitReachedError extends CustomErrorBase {
  name = 'WorkspaceLimitReachedError' as const;
  readonly statusCode = 409;
  readonly quota: WorkspaceQuota;

  constructor(quota: WorkspaceQuota) {
    super(
      `Limit reached: you have ${quota.running} of ${
        quota.limit
      } running workspace${
        quota.limit === 1 ? '' : 's'
      }. Stop or delete one, then try again.`,
    );
    this.quota = quota;
  }
}

/**
 * The caller launched too many workspaces in the rate-limit window (issue 3). Answered as HTTP 429
 * with a `Retry-After` header of `retryAfterSeconds`.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
