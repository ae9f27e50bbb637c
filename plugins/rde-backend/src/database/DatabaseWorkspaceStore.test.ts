import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { WorkspaceLimitReachedError } from '../service/errors';
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
        operation: 'create',
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

    it('filters by status, blueprint and a search over name, owner and email', async () => {
      const store = await createStore();
      await store.insert({
        ...base,
        name: 'web-one',
        owner: A,
        ownerEmail: 'Ann@Corp.Example',
      });
      const two = await store.insert({
        ...base,
        name: 'api-two',
        owner: B,
        blueprint: 'template:default/api',
      });
      await store.transition(two.id, { from: ['pending'], to: 'running' });
      expect(
        (await store.list({ search: 'corp.example' })).map(w => w.name),
      ).toEqual(['web-one']);
      expect(
        (await store.list({ search: 'USER:DEFAULT/B' })).map(w => w.name),
      ).toEqual(['api-two']);
      expect((await store.list({ search: '%' })).map(w => w.name)).toEqual([]);
      expect(
        (await store.list({ statuses: ['running'] })).map(w => w.name),
      ).toEqual(['api-two']);
      expect(
        (await store.list({ blueprint: 'template:default/api' })).map(
          w => w.name,
        ),
      ).toEqual(['api-two']);
      expect(await store.countActive(A)).toBe(1);
    });

    it('enforces the running limit on insert and on moves into an active status', async () => {
      const store = await createStore();
      const limit = { max: 1 };
      const first = await store.insert(
        { ...base, name: 'a1', owner: A },
        { limit },
      );
      const refused = await store
        .insert({ ...base, name: 'a2', owner: A }, { limit })
        .catch(e => e);
      expect(refused).toBeInstanceOf(WorkspaceLimitReachedError);
      expect(refused.quota).toEqual({ running: 1, limit: 1 });
      // Nothing half-written.
      expect((await store.list({ owner: A })).map(w => w.name)).toEqual(['a1']);

      await store.transition(first.id, { from: ['pending'], to: 'stopped' });
      const second = await store.insert(
        { ...base, name: 'a2', owner: A },
        { limit },
      );
      await expect(
        store.transition(
          first.id,
          { from: ['stopped'], to: 'starting' },
          { limit },
        ),
      ).rejects.toBeInstanceOf(WorkspaceLimitReachedError);
      // Moves between active statuses are not limited.
      expect(
        await store.transition(
          second.id,
          { from: ['pending'], to: 'running' },
          { limit },
        ),
      ).toMatchObject({ status: 'running' });
    });

    it('lets exactly one of ten concurrent limited inserts through, across two connection pools', async () => {
      const knex = await databases.init(databaseId);
      const db = await getMigratedClient(mockServices.database({ knex }));
      // A second, independent pool on the same database: what a second backend replica has.
      const other: Knex =
        db.client.config.client === 'pg'
          ? knexFactory({ ...db.client.config, pool: { min: 0, max: 5 } })
          : db;
      try {
        const stores = [
          new DatabaseWorkspaceStore(db),
          new DatabaseWorkspaceStore(other),
        ];
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            stores[i % 2].insert(
              { ...base, name: `ws-${i}`, owner: A },
              { limit: { max: 1 } },
            ),
          ),
        );
        expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
        const reasons = results
          .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
          .map(r => r.reason);
        expect(reasons).toHaveLength(9);
        for (const reason of reasons) {
          expect(reason).toBeInstanceOf(WorkspaceLimitReachedError);
        }
        expect(await stores[1].countActive(A)).toBe(1);
      } finally {
        if (other !== db) await other.destroy();
      }
    });
  },
);
