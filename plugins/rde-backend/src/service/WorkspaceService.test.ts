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
import { createTestBlueprints } from '../__testUtils__/testBlueprints';
import { DatabaseBlueprintOverrideStore } from '../database/DatabaseBlueprintOverrideStore';
import { DatabaseWorkspaceStore } from '../database/DatabaseWorkspaceStore';
import { getMigratedClient } from '../database/migrations';
import type { BlueprintProvider } from './BlueprintProvider';
import { TooManyRequestsError, WorkspaceLimitReachedError } from './errors';
import { WorkspaceService } from './WorkspaceService';

jest.setTimeout(30_000);

const databases = createTestDatabases();

const alice = testActor('user:default/alice', false, 'Alice@Corp.Example');
const bob = testActor('user:default/bob', false, 'bob@evilcorp.example');
const tess = testActor('user:default/tess', false, 'tess@corp.example');
const admin = testActor('user:default/root', true);

let blueprints: BlueprintProvider;

async function setup(
  options: {
    policy?: TestPolicy;
    staleAfterMs?: number;
    online?: string[];
    maxRunning?: number;
    rateLimit?: (userRef: string) => Promise<void>;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const db = await getMigratedClient(mockServices.database({ knex }));
  const store = new DatabaseWorkspaceStore(db);
  const overrides = new DatabaseBlueprintOverrideStore(db);
  blueprints = createTestBlueprints(overrides);
  const gateway = new FakeAgentGateway(options.online ?? ['local']);
  const changes: Array<{ id: string; status: string }> = [];
  const service = new WorkspaceService({
    store,
    blueprints,
    gateway,
    access: createTestAccess(options.policy ?? allowAll),
    logger: mockServices.logger.mock(),
    staleAfterMs: options.staleAfterMs,
    nameSuffix: () => 'abc123',
    maxRunning: async () => options.maxRunning ?? 100,
    rateLimit: options.rateLimit,
    onChange: ws => changes.push({ id: ws.id, status: ws.status }),
  });
  return { store, gateway, service, overrides, changes };
}

describe('WorkspaceService', () => {
  it('creates: answers pending, then the agent creates it → running', async () => {
    const { service, gateway } = await setup();
    const op = await service.create(alice, { blueprint: 'demo' });
    expect(op.workspace).toMatchObject({
      name: 'alice-demo-abc123',
      owner: 'user:default/alice',
      ownerEmail: 'Alice@Corp.Example',
      blueprint: 'template:default/demo',
      cluster: 'local',
      status: 'pending',
      operation: 'create',
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
          secretEnv: { TOKEN: 'demo-token' },
          startupCommand: 'echo ready',
          resources: { cpu: '1', memory: '2Gi', storage: '10Gi' },
          ports: [3000],
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

  it('leaves a workspace as it was, with a message, when its agent is offline', async () => {
    const { service, gateway } = await setup();
    const { workspace, completion } = await service.create(alice, {
      blueprint: 'demo',
    });
    await completion;
    gateway.setOnline('local', false);
    const stop = await service.stop(alice, workspace.id);
    expect(stop.workspace.status).toBe('stopping');
    const after = await stop.completion;
    expect(after.status).toBe('running');
    expect(after.statusMessage).toMatch(
      /agent of cluster 'local' is not connected, so the workspace could not be stopped/,
    );
    // Still counted as running, and the message clears with the next successful operation.
    expect(await service.quota(alice)).toEqual({ running: 1, limit: 100 });
    gateway.setOnline('local', true);
    const retried = await (await service.stop(alice, workspace.id)).completion;
    expect(retried.status).toBe('stopped');
    expect(retried.statusMessage).toBeUndefined();
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
      maxRunning: async () => 100,
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
      maxRunning: async () => 100,
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
        () => service.restart(bob, workspace.id),
        () => service.upgrade(bob, workspace.id),
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
        blueprint: 'template:default/demo',
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

  describe('blueprint access (ACL, state)', () => {
    it('hides blueprints whose ACL does not match: same answer as an unknown one', async () => {
      const { service } = await setup();
      for (const actor of [bob, testActor('user:default/nomail')]) {
        await expect(
          service.create(actor, { blueprint: 'corp-only' }),
        ).rejects.toThrow("There is no blueprint 'corp-only' you may use");
      }
      const op = await service.create(alice, { blueprint: 'corp-only' });
      expect(op.workspace.blueprint).toBe('template:default/corp-only');
      await service.whenIdle();
    });

    it('lets only admins and trusted users launch a testing blueprint', async () => {
      const { service } = await setup();
      await expect(
        service.create(alice, { blueprint: 'beta' }),
      ).rejects.toThrow(
        /is in testing: only RDE administrators and its trusted users may launch it/,
      );
      await expect(
        service.create(alice, { blueprint: 'beta' }),
      ).rejects.toBeInstanceOf(NotAllowedError);
      await expect(
        service.create(tess, { blueprint: 'beta' }),
      ).resolves.toBeDefined();
      await expect(
        service.create(admin, { blueprint: 'template:default/beta' }),
      ).resolves.toBeDefined();
      await service.whenIdle();
    });

    it('refuses disabled and invalid blueprints', async () => {
      const { service } = await setup();
      await expect(service.create(alice, { blueprint: 'off' })).rejects.toThrow(
        InputError,
      );
      await expect(service.create(admin, { blueprint: 'off' })).rejects.toThrow(
        /is disabled/,
      );
      await expect(
        service.create(admin, { blueprint: 'broken' }),
      ).rejects.toThrow(InputError);
    });

    it('applies admin overrides at once: state and ACL from the database win', async () => {
      const { service, overrides } = await setup();
      await overrides.put('template:default/demo', {
        state: null,
        access: ['someone@else.example'],
        trustedUsers: null,
        updatedBy: admin.userRef,
      });
      await expect(
        service.create(alice, { blueprint: 'demo' }),
      ).rejects.toThrow(InputError);
      await overrides.put('template:default/off', {
        state: 'enabled',
        access: null,
        trustedUsers: null,
        updatedBy: admin.userRef,
      });
      await expect(
        service.create(alice, { blueprint: 'off' }),
      ).resolves.toBeDefined();
      await service.whenIdle();
    });
  });

  describe('limits', () => {
    it('counts a launch against the rate limit before anything else happens', async () => {
      const counted: string[] = [];
      const { service, store } = await setup({
        rateLimit: async userRef => {
          counted.push(userRef);
          if (counted.length > 1) {
            throw new TooManyRequestsError('slow down', 42);
          }
        },
      });
      await service.create(alice, { blueprint: 'demo' });
      await expect(
        service.create(alice, { blueprint: 'demo' }),
      ).rejects.toBeInstanceOf(TooManyRequestsError);
      expect(counted).toEqual(['user:default/alice', 'user:default/alice']);
      await service.whenIdle();
      expect(await store.list({ owner: alice.userRef })).toHaveLength(1);
    });

    it('refuses a launch or start past the running limit with the current count', async () => {
      const { service } = await setup({ maxRunning: 1 });
      const first = await service.create(alice, { blueprint: 'demo' });
      await first.completion;
      const refused = await service
        .create(alice, { blueprint: 'demo' })
        .catch(e => e);
      expect(refused).toBeInstanceOf(WorkspaceLimitReachedError);
      expect(refused.quota).toEqual({ running: 1, limit: 1 });
      expect(refused.message).toMatch(/you have 1 of 1 running workspace/);
      expect(await service.quota(alice)).toEqual({ running: 1, limit: 1 });

      // Bob has his own budget.
      await expect(
        service.create(bob, { blueprint: 'demo' }),
      ).resolves.toBeDefined();

      // Stopped workspaces do not count; starting one again does.
      await (
        await service.stop(alice, first.workspace.id)
      ).completion;
      const second = await service.create(alice, {
        blueprint: 'demo',
        name: 'second',
      });
      await second.completion;
      await expect(
        service.start(alice, first.workspace.id),
      ).rejects.toBeInstanceOf(WorkspaceLimitReachedError);
      // Stopping a running one is never limited.
      await expect(
        service.stop(alice, second.workspace.id),
      ).resolves.toBeDefined();
      await service.whenIdle();
    });

    it('with a limit of 1, ten simultaneous launches yield exactly one workspace', async () => {
      const { service, store } = await setup({ maxRunning: 1 });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          service.create(alice, { blueprint: 'demo' }),
        ),
      );
      const fulfilled = results.filter(r => r.status === 'fulfilled');
      const rejected = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(9);
      for (const r of rejected) {
        // Ten inserts of the generated name collide first; the limit decides before the name.
        expect(r.reason).toBeInstanceOf(WorkspaceLimitReachedError);
      }
      await service.whenIdle();
      expect(await store.list({ owner: alice.userRef })).toHaveLength(1);
    });
  });

  describe('restart and upgrade', () => {
    it('restarts through the agent and records the operation', async () => {
      const { service, gateway, changes } = await setup();
      const { workspace, completion } = await service.create(alice, {
        blueprint: 'demo',
      });
      await completion;
      const op = await service.restart(alice, workspace.id);
      expect(op.workspace).toMatchObject({
        status: 'starting',
        operation: 'restart',
      });
      expect(await op.completion).toMatchObject({
        status: 'running',
        operation: 'restart',
      });
      expect(gateway.commands.at(-1)!.command).toEqual({
        action: 'restart',
        workspaceId: workspace.id,
      });
      // Every row change was announced (for the catalog).
      expect(changes.map(c => c.status)).toEqual([
        'pending',
        'starting',
        'running',
        'starting',
        'running',
      ]);
      await (
        await service.stop(alice, workspace.id)
      ).completion;
      await expect(service.restart(alice, workspace.id)).rejects.toThrow(
        /is stopped/,
      );
    });

    it('upgrades with the blueprint as it is now, and refuses when it is gone', async () => {
      const { service, gateway, overrides } = await setup();
      const { workspace, completion } = await service.create(alice, {
        blueprint: 'corp-only',
        repository: { ref: 'feature/x' },
      });
      await completion;
      expect(gateway.commands.at(-1)!.command).toMatchObject({
        repository: {
          url: 'https://git.corp.example/app.git',
          ref: 'feature/x',
        },
      });
      const op = await service.upgrade(alice, workspace.id);
      expect(op.workspace.operation).toBe('upgrade');
      expect((await op.completion).status).toBe('running');
      expect(gateway.commands.at(-1)!.command).toMatchObject({
        action: 'upgrade',
        workspaceId: workspace.id,
        image: 'x',
      });

      await overrides.put('template:default/corp-only', {
        state: 'disabled',
        access: null,
        trustedUsers: null,
        updatedBy: admin.userRef,
      });
      await expect(service.upgrade(alice, workspace.id)).rejects.toThrow(
        /its blueprint 'template:default\/corp-only' is disabled/,
      );
      // Disabling leaves existing workspaces untouched.
      expect((await service.get(alice, workspace.id)).status).toBe('running');
    });

    it('validates repository overrides', async () => {
      const { service } = await setup();
      await expect(
        service.create(alice, {
          blueprint: 'demo',
          repository: { url: 'https://user:pw@host/x.git' },
        }),
      ).rejects.toThrow(/Invalid repository URL/);
      await expect(
        service.create(alice, {
          blueprint: 'demo',
          repository: { url: 'https://host/x.git', ref: '--upload-pack=x' },
        }),
      ).rejects.toThrow(/Invalid repository ref/);
      await expect(
        service.create(alice, {
          blueprint: 'demo',
          repository: { ref: 'main' },
        }),
      ).rejects.toThrow(/clones no repository/);
    });
  });
});
