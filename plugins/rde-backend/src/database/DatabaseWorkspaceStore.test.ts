import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseWorkspaceStore } from './DatabaseWorkspaceStore';
import { getMigratedClient } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const A = 'user:default/a';
const B = 'user:default/b';

describe.each(databases.eachSupportedId())(
  'DatabaseWorkspaceStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return new DatabaseWorkspaceStore(
        await getMigratedClient(mockServices.database({ knex })),
      );
    }

    const base = { blueprint: 'demo', cluster: 'local' };

    it('inserts and reads back a pending workspace with a UUID', async () => {
      const store = await createStore();
      const created = await store.insert({ ...base, name: 'one', owner: A });
      expect(created).toEqual({
        id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        ),
        name: 'one',
        owner: A,
        blueprint: 'demo',
        cluster: 'local',
        status: 'pending',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await store.get(created.id)).toEqual(created);
      expect(await store.get(created.id.toUpperCase())).toEqual(created);
      expect(
        await store.get('00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
      expect(await store.get('not-a-uuid')).toBeUndefined();
    });

    it('refuses a duplicate name per owner with ConflictError, until the first is deleted', async () => {
      const store = await createStore();
      const first = await store.insert({ ...base, name: 'dup', owner: A });
      await expect(
        store.insert({ ...base, name: 'dup', owner: A }),
      ).rejects.toBeInstanceOf(ConflictError);
      // Another owner may use the name.
      await store.insert({ ...base, name: 'dup', owner: B });

      await store.transition(first.id, { from: ['pending'], to: 'deleted' });
      const again = await store.insert({ ...base, name: 'dup', owner: A });
      expect(again.id).not.toBe(first.id);
    });

    it('lists by owner, newest first, hiding deleted rows unless asked', async () => {
      const store = await createStore();
      const w1 = await store.insert({ ...base, name: 'w1', owner: A });
      await new Promise(r => setTimeout(r, 5));
      const w2 = await store.insert({ ...base, name: 'w2', owner: A });
      await store.insert({ ...base, name: 'w3', owner: B, cluster: 'eu' });
      await store.transition(w1.id, { from: ['pending'], to: 'deleted' });

      expect((await store.list({ owner: A })).map(w => w.name)).toEqual(['w2']);
      expect(
        (await store.list({ owner: A, includeDeleted: true })).map(w => w.name),
      ).toEqual(['w2', 'w1']);
      expect((await store.list({ cluster: 'eu' })).map(w => w.name)).toEqual([
        'w3',
      ]);
      expect((await store.list()).map(w => w.name).sort()).toEqual([
        'w2',
        'w3',
      ]);
      expect(w2.status).toBe('pending');
    });

    it('transition is a compare-and-set with a message', async () => {
      const store = await createStore();
      const ws = await store.insert({ ...base, name: 'cas', owner: A });

      const failed = await store.transition(ws.id, {
        from: ['pending'],
        to: 'failed',
        message: 'agent offline',
      });
      expect(failed).toMatchObject({
        status: 'failed',
        statusMessage: 'agent offline',
      });
      expect(Date.parse(failed!.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(ws.updatedAt),
      );

      // Wrong "from": nothing changes.
      expect(
        await store.transition(ws.id, { from: ['running'], to: 'stopping' }),
      ).toBeUndefined();
      expect((await store.get(ws.id))?.status).toBe('failed');

      // Clearing the message.
      const starting = await store.transition(ws.id, {
        from: ['failed'],
        to: 'starting',
      });
      expect(starting?.status).toBe('starting');
      expect(starting).not.toHaveProperty('statusMessage');

      // Concurrent compare-and-sets from the same status: exactly one wins.
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.transition(ws.id, { from: ['starting'], to: 'running' }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);

      expect(
        await store.transition('nope', { from: ['running'], to: 'stopped' }),
      ).toBeUndefined();
    });
  },
);
