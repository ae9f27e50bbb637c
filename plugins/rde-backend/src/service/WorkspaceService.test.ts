import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RESOURCE_TYPE_RDE_WORKSPACE,
  WORKSPACE_NAME_PATTERN,
} from '@rde-portal/plugin-rde-common';
import { FakeAgentGateway } from '../__testUtils__/FakeAgentGateway';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  TestPolicy,
  allowAll,
  createTestAccess,
  testActor,
} from '../__testUtils__/testAccess';
import { DatabaseWorkspaceStore } from '../database/DatabaseWorkspaceStore';
import { getMigratedClient } from '../database/migrations';
import { ConfigBlueprintProvider } from './ConfigBlueprintProvider';
import { WorkspaceService } from './WorkspaceService';

jest.setTimeout(30_000);

const databases = createTestDatabases();

const alice = testActor('user:default/alice');
const bob = testActor('user:default/bob');
const admin = testActor('user:default/root', true);

const blueprints = new ConfigBlueprintProvider([
  {
    name: 'demo',
    title: 'Demo',
    cluster: 'local',
    image: 'debian:12',
    env: { GREETING: 'hi' },
    initCommand: 'echo ready',
  },
  { name: 'remote', title: 'Remote', cluster: 'eu', image: 'x', env: {} },
]);

async function setup(
  options: {
    policy?: TestPolicy;
    staleAfterMs?: number;
    online?: string[];
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = new DatabaseWorkspaceStore(
    await getMigratedClient(mockServices.database({ knex })),
  );
  const gateway = new FakeAgentGateway(options.online ?? ['local']);
  const service = new WorkspaceService({
    store,
    blueprints,
    gateway,
    access: createTestAccess(options.policy ?? allowAll),
    logger: mockServices.logger.mock(),
    staleAfterMs: options.staleAfterMs,
    nameSuffix: () => 'abc123',
  });
  return { store, gateway, service };
}

describe('WorkspaceService', () => {
  it('creates: answers pending, then the agent creates it → running', async () => {
    const { service, gateway } = await setup();
    const op = await service.create(alice, { blueprint: 'demo' });
    expect(op.workspace).toMatchObject({
      name: 'alice-demo-abc123',
      owner: 'user:default/alice',
      blueprint: 'demo',
      cluster: 'local',
      status: 'pending',
    });
    expect(op.target).toBe('running');
    const final = await op.completion;
    expect(final.status).toBe('running');
    expect(final.statusMessage).toBeUndefined();
    expect(gateway.commands).toEqual([
      {
        cluster: 'local',
        command: {
          action: 'create',
          workspaceId: op.workspace.id,
          name: 'alice-demo-abc123',
          owner: 'user:default/alice',
          image: 'debian:12',
          env: { GREETING: 'hi' },
          initCommand: 'echo ready',
        },
      },
    ]);
    expect(await service.get(alice, op.workspace.id)).toMatchObject({
      status: 'running',
    });
  });

  it('passes through starting while the agent works', async () => {
    const { service, gateway } = await setup();
    gateway.willAnswer({ hold: true });
    const op = await service.create(alice, { blueprint: 'demo', name: 'held' });
    await new Promise(r => setTimeout(r, 20));
    expect((await service.get(alice, op.workspace.id)).status).toBe('starting');
    gateway.releaseHeld();
    expect((await op.completion).status).toBe('running');
  });

  it('fails with an actionable message when the cluster agent is offline', async () => {
    const { service } = await setup();
    const op = await service.create(alice, { blueprint: 'remote' });
    const final = await op.completion;
    expect(final.status).toBe('failed');
    expect(final.statusMessage).toMatch(
      /The agent of cluster 'eu' is not connected, so the workspace could not be created/,
    );
  });

  it('records a failure the agent reports', async () => {
    const { service, gateway } = await setup();
    gateway.willAnswer({ state: 'failed', message: 'disk full' });
    const final = await (
      await service.create(alice, { blueprint: 'demo' })
    ).completion;
    expect(final).toMatchObject({ status: 'failed' });
    expect(final.statusMessage).toContain('disk full');
  });

  it('validates blueprint and name, and refuses duplicates', async () => {
    const { service } = await setup();
    await expect(service.create(alice, { blueprint: 'nope' })).rejects.toThrow(
      InputError,
    );
    await expect(
      service.create(alice, { blueprint: 'demo', name: 'Bad_Name' }),
    ).rejects.toThrow(InputError);
    await service.create(alice, { blueprint: 'demo', name: 'mine' });
    await expect(
      service.create(alice, { blueprint: 'demo', name: 'mine' }),
    ).rejects.toThrow(ConflictError);
    // Bob can use the same name.
    await expect(
      service.create(bob, { blueprint: 'demo', name: 'mine' }),
    ).resolves.toBeDefined();
    await service.whenIdle();
  });

  it('retries generated names that collide', async () => {
    const suffixes = ['aaaaaa', 'aaaaaa', 'bbbbbb'];
    const { store, gateway } = await setup();
    const service = new WorkspaceService({
      store,
      blueprints,
      gateway,
      access: createTestAccess(),
      logger: mockServices.logger.mock(),
      nameSuffix: () => suffixes.shift()!,
    });
    const first = await service.create(alice, { blueprint: 'demo' });
    const second = await service.create(alice, { blueprint: 'demo' });
    expect(first.workspace.name).toBe('alice-demo-aaaaaa');
    expect(second.workspace.name).toBe('alice-demo-bbbbbb');
    expect(second.workspace.name).toMatch(WORKSPACE_NAME_PATTERN);
    await service.whenIdle();
  });

  it('stops, starts and deletes with the right transitional states', async () => {
    const { service, gateway } = await setup();
    const { workspace, completion } = await service.create(alice, {
      blueprint: 'demo',
    });
    await completion;

    const stop = await service.stop(alice, workspace.id);
    expect(stop.workspace.status).toBe('stopping');
    expect((await stop.completion).status).toBe('stopped');

    await expect(service.stop(alice, workspace.id)).rejects.toThrow(
      /is stopped; only a running or failed workspace can be stopped/,
    );

    const start = await service.start(alice, workspace.id);
    expect(start.workspace.status).toBe('starting');
    expect((await start.completion).status).toBe('running');
    await expect(service.start(alice, workspace.id)).rejects.toThrow(
      ConflictError,
    );

    const del = await service.delete(alice, workspace.id);
    expect(del.workspace.status).toBe('deleting');
    expect(del.target).toBe('deleted');
    expect((await del.completion).status).toBe('deleted');

    expect(gateway.commands.map(c => c.command.action)).toEqual([
      'create',
      'stop',
      'start',
      'delete',
    ]);
    await expect(service.get(alice, workspace.id)).rejects.toThrow(
      NotFoundError,
    );
    expect(await service.list(alice)).toEqual([]);
    await expect(service.stop(alice, workspace.id)).rejects.toThrow(
      NotFoundError,
    );
    // The name is free again.
    await expect(
      service.create(alice, { blueprint: 'demo', name: workspace.name }),
    ).resolves.toBeDefined();
    await service.whenIdle();
  });

  it('lets exactly one of two concurrent stops through', async () => {
    const { service } = await setup();
    const { workspace, completion } = await service.create(alice, {
      blueprint: 'demo',
    });
    await completion;
    const results = await Promise.allSettled([
      service.stop(alice, workspace.id),
      service.stop(alice, workspace.id),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    await service.whenIdle();
  });

  it('refuses to act on a workspace that is mid-operation, until it is stale', async () => {
    const { service, gateway, store } = await setup({ staleAfterMs: 60_000 });
    gateway.willAnswer({ hold: true });
    const { workspace, completion } = await service.create(alice, {
      blueprint: 'demo',
    });
    await new Promise(r => setTimeout(r, 20));
    await expect(service.delete(alice, workspace.id)).rejects.toThrow(
      /is starting; wait until that has finished, then delete it/,
    );

    // A second service instance that considers it stuck (e.g. after a restart) may delete it.
    const impatient = new WorkspaceService({
      store,
      blueprints,
      gateway,
      access: createTestAccess(),
      logger: mockServices.logger.mock(),
      staleAfterMs: 0,
    });
    await new Promise(r => setTimeout(r, 5));
    const del = await impatient.delete(alice, workspace.id);
    expect((await del.completion).status).toBe('deleted');

    // The held create finishing late must not resurrect it.
    gateway.releaseHeld();
    expect((await completion).status).toBe('deleted');
  });

  describe('ownership', () => {
    it('hides other users’ workspaces (404) even under an allow-all policy', async () => {
      const { service } = await setup();
      const { workspace, completion } = await service.create(alice, {
        blueprint: 'demo',
      });
      await completion;
      for (const call of [
        () => service.get(bob, workspace.id),
        () => service.start(bob, workspace.id),
        () => service.stop(bob, workspace.id),
        () => service.delete(bob, workspace.id),
        () => service.authorizeTerminal(bob, workspace.id),
      ]) {
        await expect(call()).rejects.toThrow(NotFoundError);
      }
      expect(await service.list(bob)).toEqual([]);
      expect((await service.list(alice)).map(w => w.id)).toEqual([
        workspace.id,
      ]);
    });

    it('lets admins manage any workspace but not open its terminal', async () => {
      const { service } = await setup();
      const { workspace, completion } = await service.create(alice, {
        blueprint: 'demo',
      });
      await completion;
      expect((await service.get(admin, workspace.id)).id).toBe(workspace.id);
      await expect(
        service.authorizeTerminal(admin, workspace.id),
      ).rejects.toThrow(NotAllowedError);
      expect(
        (await (await service.stop(admin, workspace.id)).completion).status,
      ).toBe('stopped');
    });

    it('gives terminals to the owner of a running workspace only', async () => {
      const { service } = await setup();
      const { workspace, completion } = await service.create(alice, {
        blueprint: 'demo',
      });
      await completion;
      expect((await service.authorizeTerminal(alice, workspace.id)).id).toBe(
        workspace.id,
      );
      expect(
        (await service.getForTerminal('user:default/alice', workspace.id)).id,
      ).toBe(workspace.id);
      await expect(
        service.getForTerminal('user:default/bob', workspace.id),
      ).rejects.toThrow(NotFoundError);
      await (
        await service.stop(alice, workspace.id)
      ).completion;
      await expect(
        service.authorizeTerminal(alice, workspace.id),
      ).rejects.toThrow(/is stopped; start it and wait until it is running/);
      await expect(
        service.getForTerminal('user:default/alice', workspace.id),
      ).rejects.toThrow(ConflictError);
    });
  });

  describe('permission framework', () => {
    it('a deny policy stops even the owner (403), and hides nothing extra', async () => {
      const policy: TestPolicy = name =>
        name === 'rde.workspace.use'
          ? { result: AuthorizeResult.DENY }
          : { result: AuthorizeResult.ALLOW };
      const { service } = await setup({ policy });
      const { workspace, completion } = await service.create(alice, {
        blueprint: 'demo',
      });
      await completion;
      await expect(service.stop(alice, workspace.id)).rejects.toThrow(
        NotAllowedError,
      );
      await expect(
        service.authorizeTerminal(alice, workspace.id),
      ).rejects.toThrow(NotAllowedError);
      // Foreign stays 404, not 403.
      await expect(service.stop(bob, workspace.id)).rejects.toThrow(
        NotFoundError,
      );
    });

    it('denies create when the policy denies rde.workspace.create', async () => {
      const { service } = await setup({
        policy: name =>
          name === 'rde.workspace.create'
            ? { result: AuthorizeResult.DENY }
            : { result: AuthorizeResult.ALLOW },
      });
      await expect(
        service.create(alice, { blueprint: 'demo' }),
      ).rejects.toThrow(NotAllowedError);
    });

    it('evaluates conditional decisions with the IS_WORKSPACE_OWNER rule', async () => {
      // A policy that allows only workspaces owned by alice, whoever asks.
      const policy: TestPolicy = () => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'rde',
        resourceType: RESOURCE_TYPE_RDE_WORKSPACE,
        conditions: {
          rule: 'IS_WORKSPACE_OWNER',
          resourceType: RESOURCE_TYPE_RDE_WORKSPACE,
          params: { claims: ['user:default/alice'] },
        },
      });
      const { service, store } = await setup({ policy });
      const own = await store.insert({
        name: 'a',
        owner: 'user:default/alice',
        blueprint: 'demo',
        cluster: 'local',
        status: 'running',
      });
      const other = await store.insert({
        name: 'c',
        owner: 'user:default/carol',
        blueprint: 'demo',
        cluster: 'local',
        status: 'running',
      });
      expect((await service.get(admin, own.id)).id).toBe(own.id);
      await expect(service.get(admin, other.id)).rejects.toThrow(
        NotAllowedError,
      );
      expect((await service.list(alice)).map(w => w.id)).toEqual([own.id]);
    });
  });
});
