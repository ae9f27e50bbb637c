import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** Absolute path of this package's knex migrations (`plugins/rde-backend/migrations`). */
export const migrationsDir = resolvePackagePath(
  '@rde-portal/plugin-rde-backend',
  'migrations',
);

/**
 * Returns the plugin's knex client with every migration applied, unless the deployment asked the
 * database service to skip migrations (`database.migrations.skip`).
 *
 * @param database - the plugin's `coreServices.database`.
 * @throws whatever knex throws when the database is unreachable or a migration fails.
 */
export async function getMigratedClient(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
