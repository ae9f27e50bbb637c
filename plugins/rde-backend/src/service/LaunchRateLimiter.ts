import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
} from 'rate-limiter-flexible';
import { TooManyRequestsError } from './errors';

/** Launches per user per minute when `rde.limits.launchesPerMinute` is not set (issue 3). */
export const DEFAULT_LAUNCHES_PER_MINUTE = 5;

/** Table rate-limiter-flexible keeps its counters in (`migrations/20261129_rate_limits.js`). */
const TABLE = 'rde_rate_limits';

/**
 * The per-user launch rate limit (issue 3: "default 5 per minute, configurable, counted in a store
 * shared by backend replicas"). Counters live in the plugin's database through
 * `rate-limiter-flexible` — PostgreSQL when the plugin runs on it, else SQLite — so every replica
 * sharing the database counts against the same budget. The key is the user entity ref only, so
 * every route that launches (REST, scaffolder, entity page) and every spelling of it counts once.
 */
export class LaunchRateLimiter {
  private constructor(
    private readonly limiter: RateLimiterAbstract,
    readonly launchesPerMinute: number,
  ) {}

  /**
   * @param options.launchesPerMinute - budget per user per 60 s window.
   */
  static async create(options: {
    db: Knex;
    launchesPerMinute: number;
    logger: LoggerService;
  }): Promise<LaunchRateLimiter> {
    const base = {
      points: options.launchesPerMinute,
      duration: 60,
      keyPrefix: 'launch',
    };
    const client = String(options.db.client.config.client);
    // The table comes from migrations/ (tableCreated), so construction has nothing to wait for.
    const store = {
      storeClient: options.db,
      storeType: 'knex',
      tableName: TABLE,
      tableCreated: true,
    };
    let limiter: RateLimiterAbstract;
    if (client === 'pg') {
      limiter = new RateLimiterPostgres({ ...base, ...store });
    } else if (client === 'better-sqlite3' || client === 'sqlite3') {
      limiter = new RateLimiterSQLite({ ...base, ...store });
    } else {
      options.logger.warn(
        `Launch rate limit counted in memory: database client '${client}' is not supported, so replicas do not share the count`,
      );
      limiter = new RateLimiterMemory(base);
    }
    return new LaunchRateLimiter(limiter, options.launchesPerMinute);
  }

  /**
   * Counts one launch of `userRef`.
   *
   * @throws TooManyRequestsError (HTTP 429, `retryAfterSeconds` ≥ 1) when the user's budget for
   *   the current 60 s window is spent.
   */
  async consume(userRef: string): Promise<void> {
    try {
      await this.limiter.consume(userRef);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil(rejection.msBeforeNext / 1000),
        );
        throw new TooManyRequestsError(
          `Too many launches: at most ${this.launchesPerMinute} workspace launches per minute. Try again in ${retryAfterSeconds} s.`,
          retryAfterSeconds,
        );
      }
      throw rejection;
    }
  }
}
