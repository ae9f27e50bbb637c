import type { Config } from '@backstage/config';
import { DEFAULT_LAUNCHES_PER_MINUTE } from '../service/LaunchRateLimiter';

/** Per-user running-workspace limit when neither config nor an admin sets one (issue 3). */
export const DEFAULT_MAX_RUNNING_WORKSPACES_PER_USER = 3;

/** Largest value either limit may be configured to. */
const MAX_LIMIT = 10_000;

/**
 * Workspace limits from `rde.limits` (issue 3).
 *
 * @returns `maxRunningWorkspacesPerUser` (default 3) and `launchesPerMinute` (default 5).
 * @throws Error naming the key when a value is not a whole number from 1 to 10 000.
 */
export function readLimits(config: Config): {
  maxRunningWorkspacesPerUser: number;
  launchesPerMinute: number;
} {
  const read = (key: string, fallback: number) => {
    const value = config.getOptionalNumber(`rde.limits.${key}`) ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
      throw new Error(
        `Invalid rde.limits.${key} '${value}': use a whole number from 1 to ${MAX_LIMIT}`,
      );
    }
    return value;
  };
  return {
    maxRunningWorkspacesPerUser: read(
      'maxRunningWorkspacesPerUser',
      DEFAULT_MAX_RUNNING_WORKSPACES_PER_USER,
    ),
    launchesPerMinute: read('launchesPerMinute', DEFAULT_LAUNCHES_PER_MINUTE),
  };
}
