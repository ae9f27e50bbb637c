import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { getMigratedClient } from '../database/migrations';
import { TooManyRequestsError } from './errors';
import { LaunchRateLimiter } from './LaunchRateLimiter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'LaunchRateLimiter on %p',
  databaseId => {
    it('shares one budget per user between replicas on the same database', async () => {
      const knex = await databases.init(databaseId);
      const db = await getMigratedClient(mockServices.database({ knex }));
      // A second pool on the same database, as a second backend replica has (SQLite: one file,
      // one connection, so the same client).
      const other: Knex =
        db.client.config.client === 'pg'
          ? knexFactory({ ...db.client.config, pool: { min: 0, max: 2 } })
          : db;
      try {
        const logger = mockServices.logger.mock();
        const [a, b] = await Promise.all([
          LaunchRateLimiter.create({ db, launchesPerMinute: 3, logger }),
          LaunchRateLimiter.create({ db: other, launchesPerMinute: 3, logger }),
        ]);
        await a.consume('user:default/alice');
        await b.consume('user:default/alice');
        await a.consume('user:default/alice');
        const refused = await b.consume('user:default/alice').catch(e => e);
        expect(refused).toBeInstanceOf(TooManyRequestsError);
        expect(refused.statusCode).toBe(429);
        expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
        expect(refused.message).toMatch(
          /at most 3 workspace launches per minute/,
        );
        // Another user is not affected.
        await expect(a.consume('user:default/bob')).resolves.toBeUndefined();
      } finally {
        if (other !== db) await other.destroy();
      }
    });
  },
);
