import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { getMigratedClient, migrationsDir } from './migrations';
import { isUniqueViolation } from './errors';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('create every table, and roll back cleanly', async () => {
    const knex = await databases.init(databaseId);
    const client = await getMigratedClient(mockServices.database({ knex }));

    for (const table of [
      'rde_clusters',
      'rde_agent_tokens',
      'rde_workspaces',
      'rde_tickets',
      'rde_blueprint_overrides',
      'rde_settings',
      'rde_audit_events',
      'rde_user_locks',
      'rde_rate_limits',
    ]) {
      expect(await client.schema.hasTable(table)).toBe(true);
    }
    expect(
      await client.schema.hasColumn('rde_agent_tokens', 'token_hash'),
    ).toBe(true);
    expect(await client.schema.hasColumn('rde_tickets', 'expires_at')).toBe(
      true,
    );
    expect(await client.schema.hasColumn('rde_workspaces', 'operation')).toBe(
      true,
    );

    await client.migrate.rollback({ directory: migrationsDir }, true);
    expect(await client.schema.hasTable('rde_workspaces')).toBe(false);
    expect(await client.schema.hasTable('rde_tickets')).toBe(false);
    expect(await client.schema.hasTable('rde_audit_events')).toBe(false);

    // And up again: the down migration left nothing behind that blocks it.
    await client.migrate.latest({ directory: migrationsDir });
    expect(await client.schema.hasTable('rde_workspaces')).toBe(true);
  });

  it('are skipped when the database service says so', async () => {
    const knex = await databases.init(databaseId);
    const client = await getMigratedClient(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    expect(await client.schema.hasTable('rde_workspaces')).toBe(false);
  });

  it('make (owner, name) unique among workspaces that are not deleted', async () => {
    const knex = await databases.init(databaseId);
    const client = await getMigratedClient(mockServices.database({ knex }));
    const row = (id: string, status: string) => ({
      id,
      name: 'demo',
      owner: 'user:default/a',
      blueprint: 'bp',
      cluster: 'local',
      status,
      created_at: new Date(),
      updated_at: new Date(),
    });
    await client('rde_workspaces').insert(
      row('00000000-0000-4000-8000-000000000001', 'deleted'),
    );
    await client('rde_workspaces').insert(
      row('00000000-0000-4000-8000-000000000002', 'running'),
    );
    // Checked by error code: better-sqlite3's error class may come from another jest realm, so
    // `rejects.toThrow()` is unreliable for it.
    const error = await client('rde_workspaces')
      .insert(row('00000000-0000-4000-8000-000000000003', 'stopped'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error)).toBe(true);
    await client('rde_workspaces').insert(
      row('00000000-0000-4000-8000-000000000004', 'deleted'),
    );
  });
});
