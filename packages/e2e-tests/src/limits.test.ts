import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  E2E_BLUEPRINT,
  startStack,
  waitForWorkspace,
  type Stack,
} from './stack';

/**
 * PostgreSQL for this suite: scripts/test.sh sets the variable (CI must prove this), a developer
 * without it skips the suite.
 */
const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING;
if (process.env.CI && !POSTGRES) {
  throw new Error(
    'The two-replica limit test needs PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING (scripts/test.sh does)',
  );
}
const describeWithPostgres = POSTGRES ? describe : describe.skip;

/** Drops every database whose name starts with `prefix` (the stacks' plugin databases). */
async function dropDatabases(connection: string, prefix: string) {
  const client = new Client({
    connectionString: connection,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Issue 3: "with a limit of 1, ten simultaneous launches yield exactly one running workspace and
 * nine clear 'limit reached' answers (HTTP 409 with the current count), also across two backend
 * processes sharing PostgreSQL". Two real backend processes on one set of PostgreSQL databases,
 * each with its own agent for cluster `local`, five launches sent to each at once.
 */
describeWithPostgres(
  'running-workspace limit across two backend replicas',
  () => {
    const prefix = `rde_e2e_${randomBytes(4).toString('hex')}_`;
    let stacks: Stack[] = [];

    beforeAll(async () => {
      const postgres = { connection: POSTGRES!, prefix };
      const rde = {
        limits: { maxRunningWorkspacesPerUser: 1, launchesPerMinute: 100 },
      };
      // One after the other: the first creates the databases and runs the migrations.
      stacks.push(await startStack({ postgres, rde }));
      stacks.push(await startStack({ postgres, rde }));
      await Promise.all(stacks.map(s => s.startAgent()));
    }, 400_000);

    afterAll(async () => {
      require('fs').writeFileSync('/tmp/stack0.log', stacks[0]?.output() ?? '');
      require('fs').writeFileSync('/tmp/stack1.log', stacks[1]?.output() ?? '');
      await Promise.all(stacks.map(s => s.stop()));
      stacks = [];
      if (POSTGRES) await dropDatabases(POSTGRES, prefix);
    }, 60_000);

    it('lets exactly one of ten simultaneous launches through', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stacks[i % 2].api('POST', '/workspaces', {
            blueprint: E2E_BLUEPRINT,
          }),
        ),
      );
      const accepted = results.filter(r => r.status === 202);
      const refused = results.filter(r => r.status === 409);
      expect({
        accepted: accepted.length,
        refused: refused.length,
        other: results
          .filter(r => r.status !== 202 && r.status !== 409)
          .map(r => [r.status, r.body]),
      }).toEqual({ accepted: 1, refused: 9, other: [] });
      for (const r of refused) {
        expect(r.body.error.name).toBe('WorkspaceLimitReachedError');
        expect(r.body.error.message).toMatch(
          /Limit reached: you have 1 of 1 running workspace/,
        );
        expect(r.body.quota).toEqual({ running: 1, limit: 1 });
      }
      const winner = accepted[0].body;
      // Commands go to the agent connected to the replica that handles the request, so the
      // lifecycle of this workspace stays with the replica that accepted it.
      const home = stacks[results.indexOf(accepted[0]) % 2];
      await waitForWorkspace(home, winner.id, 'running', 60_000);

      // Both replicas see the same single workspace and the same quota.
      for (const stack of stacks) {
        const mine = await stack.api('GET', '/workspaces');
        expect(mine.body.items.map((w: any) => [w.id, w.status])).toEqual([
          [winner.id, 'running'],
        ]);
        expect((await stack.api('GET', '/quota')).body).toEqual({
          running: 1,
          limit: 1,
        });
      }

      // Stopping it frees the slot for both replicas.
      expect(
        (await home.api('POST', `/workspaces/${winner.id}/stop`)).status,
      ).toBe(202);
      await waitForWorkspace(home, winner.id, 'stopped', 60_000);
      for (const stack of stacks) {
        expect((await stack.api('GET', '/quota')).body).toEqual({
          running: 0,
          limit: 1,
        });
      }
      const other = stacks.find(stack => stack !== home)!;
      const next = await other.api('POST', '/workspaces', {
        blueprint: E2E_BLUEPRINT,
      });
      expect(next.status).toBe(202);
    });
  },
);
