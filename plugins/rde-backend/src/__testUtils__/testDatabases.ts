import { TestDatabases, TestDatabaseId } from '@backstage/backend-test-utils';

/**
 * PostgreSQL ids TestDatabases knows, newest first. Each runs only when its connection-string
 * variable is set (`BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING`, e.g.
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432`);
 * Docker is never started.
 */
const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * TestDatabases for the store tests: SQLite always, plus every PostgreSQL whose connection-string
 * variable is set. Call once per test file, at the top level.
 */
export function createTestDatabases(): TestDatabases {
  const configured = POSTGRES_IDS.some(
    id =>
      process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
  if (process.env.CI && !configured) {
    // CI must prove PostgreSQL too; scripts/test.sh sets the variable.
    throw new Error(
      'No PostgreSQL for the store tests: set BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING (scripts/test.sh does)',
    );
  }
  return TestDatabases.create({
    ids: ['SQLITE_3', ...POSTGRES_IDS],
    disableDocker: true,
  });
}
