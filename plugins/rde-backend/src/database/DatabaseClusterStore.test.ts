import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseClusterStore } from './DatabaseClusterStore';
import { getMigratedClient } from './migrations';
import { mockServices } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseClusterStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return new DatabaseClusterStore(
        await getMigratedClient(mockServices.database({ knex })),
      );
    }

    it('ensure records a cluster once and is idempotent', async () => {
      const store = await createStore();
      await store.ensure('local');
      await Promise.all([store.ensure('local'), store.ensure('local')]);
      const clusters = await store.list();
      expect(clusters).toHaveLength(1);
      expect(clusters[0].name).toBe('local');
      expect(clusters[0].lastSeenAt).toBeUndefined();
      expect(Date.parse(clusters[0].createdAt)).not.toBeNaN();
    });

    it('markSeen creates unknown clusters and updates last_seen_at only', async () => {
      const store = await createStore();
      const first = new Date('2025-01-01T10:00:00.000Z');
      const later = new Date('2025-01-01T11:30:00.000Z');
      await store.markSeen('eu', first);
      const created = await store.get('eu');
      expect(created).toEqual({
        name: 'eu',
        createdAt: first.toISOString(),
        lastSeenAt: first.toISOString(),
      });
      await store.markSeen('eu', later);
      expect(await store.get('eu')).toEqual({
        name: 'eu',
        createdAt: first.toISOString(),
        lastSeenAt: later.toISOString(),
      });
      expect(await store.get('missing')).toBeUndefined();
    });

    it('lists clusters by name', async () => {
      const store = await createStore();
      await store.ensure('zeta');
      await store.ensure('alpha');
      expect((await store.list()).map(c => c.name)).toEqual(['alpha', 'zeta']);
    });
  },
);
