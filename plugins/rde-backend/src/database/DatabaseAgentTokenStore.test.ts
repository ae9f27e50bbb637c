import { mockServices } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAgentTokenStore } from './DatabaseAgentTokenStore';
import { DatabaseClusterStore } from './DatabaseClusterStore';
import { getMigratedClient } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseAgentTokenStore on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const db = await getMigratedClient(mockServices.database({ knex }));
      const clusters = new DatabaseClusterStore(db);
      return {
        db,
        clusters,
        tokens: new DatabaseAgentTokenStore(db, clusters),
      };
    }

    it('returns a ≥128-bit token once and stores only its SHA-256', async () => {
      const { db, clusters, tokens } = await setup();
      const { token, record } = await tokens.create({
        cluster: 'local',
        createdBy: 'user:default/admin',
      });

      expect(token).toMatch(/^rdeat_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(6), 'base64url')).toHaveLength(32);
      expect(record).toMatchObject({
        cluster: 'local',
        createdBy: 'user:default/admin',
      });
      expect(record).not.toHaveProperty('token');
      expect(await clusters.get('local')).toBeDefined();

      const rows = await db('rde_agent_tokens').select();
      expect(rows).toHaveLength(1);
      const serialised = JSON.stringify(rows);
      expect(serialised).not.toContain(token);
      expect(serialised).not.toContain(token.slice(6));
      expect(rows[0].token_hash).toBe(
        createHash('sha256').update(token).digest('hex'),
      );

      // Two tokens never collide.
      const other = await tokens.create({ cluster: 'local', createdBy: 'x' });
      expect(other.token).not.toBe(token);
    });

    it('verifies valid tokens and refuses unknown, empty and oversized ones', async () => {
      const { tokens } = await setup();
      const { token, record } = await tokens.create({
        cluster: 'eu',
        createdBy: 'user:default/admin',
      });
      expect(await tokens.verify(token)).toEqual({
        tokenId: record.id,
        cluster: 'eu',
      });
      expect(await tokens.verify(`${token}x`)).toBeUndefined();
      expect(await tokens.verify(token.slice(0, -1))).toBeUndefined();
      expect(await tokens.verify('')).toBeUndefined();
      expect(await tokens.verify('a'.repeat(5000))).toBeUndefined();
      expect(
        await tokens.verify(undefined as unknown as string),
      ).toBeUndefined();
    });

    it('revoke makes verify fail, keeps the first revocation time, and lists without hashes', async () => {
      const { tokens } = await setup();
      const { token, record } = await tokens.create({
        cluster: 'eu',
        createdBy: 'user:default/admin',
      });
      const at = new Date('2025-03-01T00:00:00.000Z');
      const revoked = await tokens.revoke(record.id, at);
      expect(revoked?.revokedAt).toBe(at.toISOString());
      expect(await tokens.verify(token)).toBeUndefined();

      const again = await tokens.revoke(record.id, new Date());
      expect(again?.revokedAt).toBe(at.toISOString());

      expect(
        await tokens.revoke('00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
      expect(await tokens.revoke('not-a-uuid')).toBeUndefined();

      const listed = await tokens.list('eu');
      expect(listed).toEqual([
        {
          id: record.id,
          cluster: 'eu',
          createdAt: record.createdAt,
          createdBy: 'user:default/admin',
          revokedAt: at.toISOString(),
        },
      ]);
      expect(await tokens.list('other')).toEqual([]);
    });

    it('markUsed records the last use', async () => {
      const { tokens } = await setup();
      const { record } = await tokens.create({ cluster: 'eu', createdBy: 'a' });
      expect((await tokens.get(record.id))?.lastUsedAt).toBeUndefined();
      const at = new Date('2025-04-02T03:04:05.000Z');
      await tokens.markUsed(record.id, at);
      expect((await tokens.get(record.id))?.lastUsedAt).toBe(at.toISOString());
      await expect(tokens.markUsed('bogus')).resolves.toBeUndefined();
    });

    it('seeds config tokens idempotently, and a revoked seed stays revoked', async () => {
      const { db, clusters, tokens } = await setup();
      const seeds = [
        { cluster: 'local', token: 'dev-token-local' },
        { cluster: 'eu', token: 'dev-token-eu' },
      ];
      expect(await tokens.seed(seeds)).toBe(2);
      expect(await tokens.seed(seeds)).toBe(0);
      expect(await db('rde_agent_tokens').select()).toHaveLength(2);
      expect(
        JSON.stringify(await db('rde_agent_tokens').select()),
      ).not.toContain('dev-token');
      expect((await clusters.list()).map(c => c.name)).toEqual(['eu', 'local']);

      const verified = await tokens.verify('dev-token-local');
      expect(verified?.cluster).toBe('local');
      expect((await tokens.get(verified!.tokenId))?.createdBy).toBe('config');

      await tokens.revoke(verified!.tokenId);
      expect(await tokens.seed(seeds)).toBe(0);
      expect(await tokens.verify('dev-token-local')).toBeUndefined();
      expect(await tokens.verify('dev-token-eu')).toBeDefined();
    });
  },
);
