import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  RecordingAuditor,
  type RecordedAuditEvent,
} from './__testUtils__/RecordingAuditor';
import { FakeAgentGateway } from './__testUtils__/FakeAgentGateway';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { createWebSocketTestServices } from './__testUtils__/webSocketTestServices';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  testBlueprintEntities,
  userEntity,
} from './__testUtils__/testBlueprints';
import { createRdeBackendPlugin } from './plugin';
import { hashTicket } from './service/TicketService';

jest.setTimeout(30_000);

const databases = createTestDatabases();

const A = 'user:default/alice';
const B = 'user:default/bob';
const ADMIN = 'user:default/root';
const auth = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

describe('REST API /api/rde', () => {
  let server: any;
  let knex: Knex;
  let gateway: FakeAgentGateway;
  let auditEvents: RecordedAuditEvent[];

  async function startBackend(rde: Record<string, unknown> = {}) {
    knex = await databases.init('SQLITE_3');
    gateway = new FakeAgentGateway(['local']);
    const auditor = new RecordingAuditor();
    auditEvents = auditor.events;
    const http = createWebSocketTestServices();
    const backend = await startTestBackend({
      features: [
        ...http.features,
        createRdeBackendPlugin({
          tunnelFactory: () => ({
            gateway,
            start: async () => {},
            stop: async () => {},
          }),
        }),
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        auditor.factory,
        catalogServiceMock.factory({
          entities: [
            ...testBlueprintEntities(),
            userEntity('alice', 'alice@corp.example'),
            userEntity('bob', 'bob@evilcorp.example'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            rde: {
              admins: [ADMIN],
              agents: [{ cluster: 'local', token: 'dev-token' }],
              limits: { launchesPerMinute: 1000 },
              ...rde,
            },
          },
        }),
      ],
    });
    server = backend.server;
  }

  beforeEach(async () => {
    await startBackend();
  });

  async function settled(user: string, id: string): Promise<Workspace> {
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get(`/api/rde/workspaces/${id}`)
        .set(auth(user));
      if (res.status === 404) return { id, status: 'deleted' } as Workspace;
      if (
        !['pending', 'starting', 'stopping', 'deleting'].includes(
          res.body.status,
        )
      ) {
        return res.body;
      }
      await new Promise(r => setTimeout(r, 10));
    }
    throw new Error('workspace did not settle');
  }

  async function createRunning(user = A): Promise<Workspace> {
    const res = await request(server)
      .post('/api/rde/workspaces')
      .set(auth(user))
      .send({ blueprint: 'demo' });
    expect(res.status).toBe(202);
    const ws = await settled(user, res.body.id);
    expect(ws.status).toBe('running');
    return ws;
  }

  it('creates a workspace (202, pending) that becomes running, and lists it for its owner only', async () => {
    const res = await request(server)
      .post('/api/rde/workspaces')
      .set(auth(A))
      .send({ blueprint: 'demo', name: 'my-box' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      name: 'my-box',
      owner: A,
      ownerEmail: 'alice@corp.example',
      blueprint: 'template:default/demo',
      cluster: 'local',
      status: 'pending',
    });
    expect((await settled(A, res.body.id)).status).toBe('running');
    expect(gateway.commands[0].command).toMatchObject({
      action: 'create',
      image: 'debian:12',
      env: { GREETING: 'hi' },
      secretEnv: { TOKEN: 'demo-token' },
    });

    const mine = await request(server).get('/api/rde/workspaces').set(auth(A));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((w: Workspace) => w.id)).toEqual([res.body.id]);
    const theirs = await request(server)
      .get('/api/rde/workspaces')
      .set(auth(B));
    expect(theirs.body.items).toEqual([]);

    expect(auditEvents).toEqual([
      {
        eventId: 'workspace-create',
        meta: { blueprint: 'template:default/demo' },
        outcome: 'success',
      },
    ]);
  });

  it('answers 404 to another user for every workspace route, even with an allow-all policy', async () => {
    const ws = await createRunning(A);
    const routes: Array<[string, string]> = [
      ['get', `/api/rde/workspaces/${ws.id}`],
      ['post', `/api/rde/workspaces/${ws.id}/start`],
      ['post', `/api/rde/workspaces/${ws.id}/stop`],
      ['post', `/api/rde/workspaces/${ws.id}/restart`],
      ['post', `/api/rde/workspaces/${ws.id}/upgrade`],
      ['delete', `/api/rde/workspaces/${ws.id}`],
      ['post', `/api/rde/workspaces/${ws.id}/tickets`],
    ];
    for (const [method, path] of routes) {
      const res = await (request(server) as any)
        [method](path)
        .set(auth(B))
        .send({});
      expect({ path, method, status: res.status }).toEqual({
        path,
        method,
        status: 404,
      });
      expect(res.body.error.message).toBe('Workspace not found');
    }
    // Unknown and malformed ids look the same.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await request(server)
        .get(`/api/rde/workspaces/${id}`)
        .set(auth(A));
      expect(res.status).toBe(404);
    }
    // And A's workspace is untouched.
    expect((await settled(A, ws.id)).status).toBe('running');
    expect(gateway.commands.map(c => c.command.action)).toEqual(['create']);
  });

  it('stops, starts and deletes (202 with the transitional state)', async () => {
    const ws = await createRunning(A);

    const stop = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/stop`)
      .set(auth(A));
    expect(stop.status).toBe(202);
    expect(stop.body.status).toBe('stopping');
    expect((await settled(A, ws.id)).status).toBe('stopped');

    const again = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/stop`)
      .set(auth(A));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /only a running or failed workspace can be stopped/,
    );

    const start = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/start`)
      .set(auth(A));
    expect(start.status).toBe(202);
    expect(start.body.status).toBe('starting');
    expect((await settled(A, ws.id)).status).toBe('running');

    const del = await request(server)
      .delete(`/api/rde/workspaces/${ws.id}`)
      .set(auth(A));
    expect(del.status).toBe(202);
    expect(del.body.status).toBe('deleting');
    expect((await settled(A, ws.id)).status).toBe('deleted');
    expect(
      (await request(server).get('/api/rde/workspaces').set(auth(A))).body,
    ).toEqual({ items: [] });

    expect(auditEvents.map(e => [e.eventId, e.outcome])).toEqual([
      ['workspace-create', 'success'],
      ['workspace-stop', 'success'],
      ['workspace-stop', 'fail'],
      ['workspace-start', 'success'],
      ['workspace-delete', 'success'],
    ]);
  });

  it('records an offline agent as failed with a message', async () => {
    const res = await request(server)
      .post('/api/rde/workspaces')
      .set(auth(A))
      .send({ blueprint: 'remote' });
    expect(res.status).toBe(202);
    const ws = await settled(A, res.body.id);
    expect(ws.status).toBe('failed');
    expect(ws.statusMessage).toMatch(
      /The agent of cluster 'eu' is not connected/,
    );
    expect(auditEvents).toEqual([
      {
        eventId: 'workspace-create',
        meta: { blueprint: 'template:default/remote' },
        outcome: 'fail',
        error: expect.stringMatching(
          /The agent of cluster 'eu' is not connected/,
        ),
      },
    ]);
  });

  it('answers bad bodies with 400 and a message a person can act on', async () => {
    const cases: Array<[object | string, RegExp]> = [
      [
        {},
        /'blueprint' is required: the ref of a blueprint listed by GET \/api\/rde\/blueprints/,
      ],
      [{ blueprint: 42 }, /'blueprint' must be a string/],
      [
        { blueprint: 'demo', name: 'Not A Label' },
        /'name' must be 1-63 lower-case letters/,
      ],
      [{ blueprint: 'demo', nmae: 'x' }, /unknown field 'nmae'/],
      [{ blueprint: 'nope' }, /There is no blueprint 'nope' you may use/],
      [[1, 2], /expected a JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await request(server)
        .post('/api/rde/workspaces')
        .set(auth(A))
        .send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    const malformed = await request(server)
      .post('/api/rde/workspaces')
      .set(auth(A))
      .set('Content-Type', 'application/json')
      .send('{"blueprint": ');
    expect(malformed.status).toBe(400);

    const ws = await createRunning(A);
    const ticketCases: Array<[object, RegExp]> = [
      [{ cols: 5000 }, /'cols' must be a whole number from 2 to 1000/],
      [{ cols: 80.5 }, /'cols' must be a whole number/],
      [{ rows: 0 }, /'rows' must be a whole number from 1 to 500/],
      [{ rows: '24' }, /'rows' must be a whole number/],
      [{ cols: 80, rows: 24, ticket: 'x' }, /unknown field 'ticket'/],
    ];
    for (const [body, message] of ticketCases) {
      const res = await request(server)
        .post(`/api/rde/workspaces/${ws.id}/tickets`)
        .set(auth(A))
        .send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('issues one-time terminal tickets to the owner of a running workspace only', async () => {
    const ws = await createRunning(A);

    const ok = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/tickets`)
      .set(auth(A))
      .send({ cols: 132, rows: 43 });
    expect(ok.status).toBe(201);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.body).toEqual({
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      path: '/terminal',
    });
    const ttl = Date.parse(ok.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    const rows = await knex('rde_tickets').select();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      hash: hashTicket(ok.body.ticket),
      user_ref: A,
      workspace_id: ws.id,
      cols: 132,
      rows: 43,
    });
    expect(JSON.stringify(rows)).not.toContain(ok.body.ticket);

    // Defaults to 80×24 without a body.
    const bare = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/tickets`)
      .set(auth(A));
    expect(bare.status).toBe(201);

    // Admins manage the workspace but do not get into its shell.
    const asAdmin = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/tickets`)
      .set(auth(ADMIN))
      .send({});
    expect(asAdmin.status).toBe(403);
    expect(
      (
        await request(server)
          .get(`/api/rde/workspaces/${ws.id}`)
          .set(auth(ADMIN))
      ).status,
    ).toBe(200);

    await request(server)
      .post(`/api/rde/workspaces/${ws.id}/stop`)
      .set(auth(A));
    await settled(A, ws.id);
    const stopped = await request(server)
      .post(`/api/rde/workspaces/${ws.id}/tickets`)
      .set(auth(A))
      .send({});
    expect(stopped.status).toBe(409);
    expect(stopped.body.error.message).toMatch(
      /is stopped; start it and wait until it is running/,
    );
  });

  it('lists blueprints (public fields) and clusters with live online state', async () => {
    const bps = await request(server).get('/api/rde/blueprints').set(auth(A));
    expect(bps.status).toBe(200);
    expect(bps.body.items.map((b: any) => b.ref)).toEqual([
      'template:default/beta',
      'template:default/corp-only',
      'template:default/demo',
      'template:default/remote',
    ]);
    const demo = bps.body.items.find((b: any) => b.name === 'demo');
    expect(demo).toEqual({
      ref: 'template:default/demo',
      name: 'demo',
      namespace: 'default',
      title: 'demo',
      tags: [],
      cluster: 'local',
      state: 'enabled',
      image: 'debian:12',
      resources: { cpu: '1', memory: '2Gi', storage: '10Gi' },
      ports: [{ port: 3000, protocol: 'http' }],
      terminalTabs: [],
      launchable: true,
    });
    // No env values or secret names leave the server.
    expect(JSON.stringify(bps.body)).not.toContain('demo-token');
    expect(bps.body.items.find((b: any) => b.name === 'beta')).toMatchObject({
      state: 'testing',
      launchable: false,
      notLaunchableReason: expect.stringMatching(/in testing/),
    });

    const clusters = await request(server)
      .get('/api/rde/clusters')
      .set(auth(A));
    expect(clusters.status).toBe(200);
    expect(clusters.body.items).toEqual([
      { name: 'eu', online: false },
      { name: 'local', online: true },
    ]);
    gateway.setOnline('local', false);
    const later = await request(server).get('/api/rde/clusters').set(auth(A));
    expect(later.body.items.find((c: any) => c.name === 'local').online).toBe(
      false,
    );
  });

  it('lets admins only create, list and revoke agent tokens', async () => {
    for (const [method, path] of [
      ['post', '/api/rde/clusters/local/agent-tokens'],
      ['get', '/api/rde/clusters/local/agent-tokens'],
      ['delete', '/api/rde/agent-tokens/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await request(server)[method](path).set(auth(A));
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }

    const created = await request(server)
      .post('/api/rde/clusters/eu-west/agent-tokens')
      .set(auth(ADMIN));
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toMatchObject({
      id: expect.any(String),
      cluster: 'eu-west',
      createdBy: ADMIN,
      token: expect.stringMatching(/^rdeat_/),
    });
    const stored = await knex('rde_agent_tokens').where({
      id: created.body.id,
    });
    expect(JSON.stringify(stored)).not.toContain(created.body.token);

    const listed = await request(server)
      .get('/api/rde/clusters/eu-west/agent-tokens')
      .set(auth(ADMIN));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: created.body.id,
        cluster: 'eu-west',
        createdAt: created.body.createdAt,
        createdBy: ADMIN,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/token_hash|rdeat_/);

    // The config-seeded dev token is listed for its cluster.
    const seeded = await request(server)
      .get('/api/rde/clusters/local/agent-tokens')
      .set(auth(ADMIN));
    expect(seeded.body.items).toEqual([
      expect.objectContaining({ createdBy: 'config' }),
    ]);

    const revoked = await request(server)
      .delete(`/api/rde/agent-tokens/${created.body.id}`)
      .set(auth(ADMIN));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));

    const missing = await request(server)
      .delete('/api/rde/agent-tokens/00000000-0000-4000-8000-000000000000')
      .set(auth(ADMIN));
    expect(missing.status).toBe(404);

    const badCluster = await request(server)
      .post('/api/rde/clusters/Bad_Cluster/agent-tokens')
      .set(auth(ADMIN));
    expect(badCluster.status).toBe(400);
    expect(badCluster.body.error.message).toMatch(
      /Invalid cluster name: A cluster name must be/,
    );

    expect(auditEvents.map(e => [e.eventId, e.outcome])).toEqual([
      ['agent-token-create', 'success'],
      ['agent-token-revoke', 'success'],
      ['agent-token-revoke', 'fail'],
    ]);
  });

  it('refuses requests without user credentials', async () => {
    const res = await request(server)
      .get('/api/rde/workspaces')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('asks for JSON when the body is not JSON, and for an object when it is not one', async () => {
    const text = await request(server)
      .post('/api/rde/workspaces')
      .set(auth(A))
      .set('Content-Type', 'text/plain')
      .send('{"blueprint":"demo"}');
    expect(text.status).toBe(400);
    expect(text.body.error.message).toMatch(
      /must be JSON: send it with 'Content-Type: application\/json'/,
    );
    const nullBody = await request(server)
      .post('/api/rde/workspaces')
      .set(auth(A))
      .set('Content-Type', 'application/json')
      .send('null');
    expect(nullBody.status).toBe(400);
    expect(nullBody.body.error.message).toMatch(/expected a JSON object/);
  });

  describe('governance (issue 3)', () => {
    const C = 'user:default/carol'; // no user entity, so no email

    it('shows blueprints by ACL and refuses hidden ones on every launch route', async () => {
      const names = async (user: string) =>
        (
          await request(server).get('/api/rde/blueprints').set(auth(user))
        ).body.items.map((b: any) => b.name);
      expect(await names(A)).toContain('corp-only');
      expect(await names(B)).not.toContain('corp-only'); // evilcorp.example ≠ corp.example
      expect(await names(C)).not.toContain('corp-only');
      expect(await names(A)).not.toContain('off');
      expect(await names(A)).not.toContain('broken');
      expect(await names(ADMIN)).toContain('corp-only');

      const single = await request(server)
        .get('/api/rde/blueprints/default/corp-only')
        .set(auth(B));
      expect(single.status).toBe(404);
      expect(
        (
          await request(server)
            .get('/api/rde/blueprints/default/corp-only')
            .set(auth(A))
        ).body.ref,
      ).toBe('template:default/corp-only');

      for (const blueprint of [
        'corp-only',
        'template:default/corp-only',
        'default/CORP-ONLY',
      ]) {
        const res = await request(server)
          .post('/api/rde/workspaces')
          .set(auth(B))
          .send({ blueprint });
        expect({ blueprint, status: res.status }).toEqual({
          blueprint,
          status: 400,
        });
        expect(res.body.error.message).toMatch(
          /There is no blueprint .* you may use/,
        );
      }
      const beta = await request(server)
        .post('/api/rde/workspaces')
        .set(auth(A))
        .send({ blueprint: 'beta' });
      expect(beta.status).toBe(403);
      expect(beta.body.error.message).toMatch(/in testing/);
    });

    it('answers 409 with the current count at the running limit, and reports the quota', async () => {
      await startBackend({
        limits: { maxRunningWorkspacesPerUser: 1, launchesPerMinute: 1000 },
      });
      const first = await createRunning(A);
      const refused = await request(server)
        .post('/api/rde/workspaces')
        .set(auth(A))
        .send({ blueprint: 'demo' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.name).toBe('WorkspaceLimitReachedError');
      expect(refused.body.error.message).toMatch(/1 of 1 running/);
      expect(refused.body.quota).toEqual({ running: 1, limit: 1 });
      expect(
        (await request(server).get('/api/rde/quota').set(auth(A))).body,
      ).toEqual({ running: 1, limit: 1 });

      // An admin raises the limit at runtime: the setting wins over config.
      const put = await request(server)
        .put('/api/rde/admin/settings')
        .set(auth(ADMIN))
        .send({ maxRunningWorkspacesPerUser: 2 });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ maxRunningWorkspacesPerUser: 2 });
      const second = await request(server)
        .post('/api/rde/workspaces')
        .set(auth(A))
        .send({ blueprint: 'demo' });
      expect(second.status).toBe(202);
      await settled(A, second.body.id);
      expect(first.id).not.toBe(second.body.id);

      for (const [body, message] of [
        [{ maxRunningWorkspacesPerUser: 0 }, /from 1 to 10000/],
        [{ maxRunningWorkspacesPerUser: 'many' }, /from 1 to 10000/],
        [{}, /is required/],
      ] as const) {
        const bad = await request(server)
          .put('/api/rde/admin/settings')
          .set(auth(ADMIN))
          .send(body);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(message);
      }
      expect(
        (
          await request(server)
            .put('/api/rde/admin/settings')
            .set(auth(A))
            .send({ maxRunningWorkspacesPerUser: 50 })
        ).status,
      ).toBe(403);
    });

    it('rate-limits launches per user; every spelling of the route counts as one', async () => {
      await startBackend({ limits: { launchesPerMinute: 5 } });
      const spellings = [
        '/api/rde/workspaces',
        '/api/rde/workspaces/',
        '/api/rde//workspaces',
        '/api/rde/WORKSPACES',
        '/api/rde/Workspaces//',
      ];
      for (const path of spellings) {
        const res = await request(server)
          .post(path)
          .set(auth(A))
          .send({ blueprint: 'remote' });
        expect({ path, status: res.status }).toEqual({ path, status: 202 });
      }
      for (const path of [...spellings, '/api/rde/workspaces?x=1']) {
        const res = await request(server)
          .post(path)
          .set(auth(A))
          .send({ blueprint: 'remote' });
        expect({ path, status: res.status }).toEqual({ path, status: 429 });
        expect(res.body.error.name).toBe('TooManyRequestsError');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Another user has their own budget.
      const other = await request(server)
        .post('/api/rde/workspaces')
        .set(auth(B))
        .send({ blueprint: 'remote' });
      expect(other.status).toBe(202);
      const mine = await request(server)
        .get('/api/rde/workspaces')
        .set(auth(A));
      expect(mine.body.items).toHaveLength(5);
    });

    it('keeps admin routes for admins, with filters, search and counters', async () => {
      const a = await createRunning(A);
      const b = await createRunning(B);
      await request(server)
        .post(`/api/rde/workspaces/${b.id}/stop`)
        .set(auth(B));
      await settled(B, b.id);

      for (const path of [
        '/api/rde/admin/workspaces',
        '/api/rde/admin/blueprints',
        '/api/rde/admin/audit',
        '/api/rde/admin/settings',
      ]) {
        const res = await request(server).get(path).set(auth(A));
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }

      const all = await request(server)
        .get('/api/rde/admin/workspaces')
        .set(auth(ADMIN));
      expect(all.status).toBe(200);
      expect(all.body.counts).toEqual({
        total: 2,
        running: 1,
        stopped: 1,
        failed: 0,
        blueprints: 5,
      });
      const byStatus = await request(server)
        .get('/api/rde/admin/workspaces?status=stopped')
        .set(auth(ADMIN));
      expect(byStatus.body.items.map((w: Workspace) => w.id)).toEqual([b.id]);
      expect(byStatus.body.counts.total).toBe(2);
      const byEmail = await request(server)
        .get('/api/rde/admin/workspaces?q=ALICE@corp')
        .set(auth(ADMIN));
      expect(byEmail.body.items.map((w: Workspace) => w.id)).toEqual([a.id]);
      const byBlueprint = await request(server)
        .get('/api/rde/admin/workspaces?blueprint=remote&cluster=local')
        .set(auth(ADMIN));
      expect(byBlueprint.body.items).toEqual([]);
      const bad = await request(server)
        .get('/api/rde/admin/workspaces?status=sleeping')
        .set(auth(ADMIN));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/'status' must be one or more/);

      // Admins act on any workspace.
      const restart = await request(server)
        .post(`/api/rde/workspaces/${a.id}/restart`)
        .set(auth(ADMIN));
      expect(restart.status).toBe(202);
      expect(restart.body).toMatchObject({
        status: 'starting',
        operation: 'restart',
      });
      expect((await settled(A, a.id)).status).toBe('running');
    });

    it('stores blueprint overrides that win over the YAML, validated, and resets them', async () => {
      const path = '/api/rde/admin/blueprints/default/demo/override';
      const bad = await request(server)
        .put(path)
        .set(auth(ADMIN))
        .send({
          state: 'maybe',
          access: ['not an address'],
          trustedUsers: ['x'],
        });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /'state' must be one of testing, enabled, disabled/,
      );
      expect(bad.body.error.message).toMatch(/'access' rule 'not an address'/);
      expect(bad.body.error.message).toMatch(/'trustedUsers' entry 'x'/);

      const put = await request(server)
        .put(path)
        .set(auth(ADMIN))
        .send({
          access: ['@Corp.Example'],
          trustedUsers: ['Bob@EvilCorp.Example'],
        });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        ref: 'template:default/demo',
        access: ['corp.example'],
        trustedUsers: ['bob@evilcorp.example'],
        source: { state: 'enabled', access: [], trustedUsers: [] },
        override: { access: ['corp.example'], updatedBy: ADMIN },
      });
      // Carol (no email) no longer sees it; Bob is trusted, so he does.
      const visible = async (user: string) =>
        (
          await request(server).get('/api/rde/blueprints').set(auth(user))
        ).body.items.some((b: any) => b.name === 'demo');
      expect(await visible(C)).toBe(false);
      expect(await visible(B)).toBe(true);

      await request(server)
        .put(path)
        .set(auth(ADMIN))
        .send({ state: 'disabled' });
      expect(await visible(A)).toBe(false);
      const admins = await request(server)
        .get('/api/rde/admin/blueprints')
        .set(auth(ADMIN));
      expect(admins.body.items.find((b: any) => b.name === 'demo').state).toBe(
        'disabled',
      );

      const reset = await request(server).delete(path).set(auth(ADMIN));
      expect(reset.status).toBe(200);
      expect(reset.body.override).toBeUndefined();
      expect(await visible(C)).toBe(true);

      expect(
        (
          await request(server)
            .put(path)
            .set(auth(A))
            .send({ state: 'enabled' })
        ).status,
      ).toBe(403);
      expect(
        (
          await request(server)
            .put('/api/rde/admin/blueprints/default/nope/override')
            .set(auth(ADMIN))
            .send({})
        ).status,
      ).toBe(404);
    });

    it('keeps an audit table of lifecycle operations with actor, email and outcome', async () => {
      const ws = await createRunning(A);
      await request(server)
        .post(`/api/rde/workspaces/${ws.id}/stop`)
        .set(auth(A));
      await settled(A, ws.id);
      await request(server)
        .post(`/api/rde/workspaces/${ws.id}/stop`)
        .set(auth(A)); // refused: 409
      await request(server)
        .post('/api/rde/workspaces')
        .set(auth(B))
        .send({ blueprint: 'corp-only' });

      let rows: any[] = [];
      for (let i = 0; i < 50; i++) {
        rows = (
          await request(server).get('/api/rde/admin/audit').set(auth(ADMIN))
        ).body.items;
        if (rows.filter((r: any) => r.outcome === 'succeeded').length >= 2)
          break;
        await new Promise(r => setTimeout(r, 20));
      }
      const summary = rows
        .map((r: any) => `${r.actorRef} ${r.action} ${r.outcome}`)
        .sort();
      expect(summary).toEqual(
        [
          `${A} workspace-create initiated`,
          `${A} workspace-create succeeded`,
          `${A} workspace-stop initiated`,
          `${A} workspace-stop succeeded`,
          `${A} workspace-stop failed`,
          `${B} workspace-create failed`,
        ].sort(),
      );
      const created = rows.find(
        (r: any) =>
          r.action === 'workspace-create' && r.outcome === 'succeeded',
      );
      expect(created).toMatchObject({
        actorEmail: 'alice@corp.example',
        workspaceId: ws.id,
        workspaceName: ws.name,
        blueprint: 'template:default/demo',
        time: expect.any(String),
      });
      const refusedStop = rows.find(
        (r: any) => r.action === 'workspace-stop' && r.outcome === 'failed',
      );
      expect(refusedStop.message).toMatch(
        /only a running or failed workspace can be stopped/,
      );
      const filtered = await request(server)
        .get(
          `/api/rde/admin/audit?workspaceId=${ws.id}&action=workspace-create`,
        )
        .set(auth(ADMIN));
      expect(filtered.body.items).toHaveLength(2);
      expect(
        (
          await request(server)
            .get('/api/rde/admin/audit?limit=0')
            .set(auth(ADMIN))
        ).status,
      ).toBe(400);
    });

    it('serves the catalog sync to services only', async () => {
      const ws = await createRunning(A);
      const asUser = await request(server)
        .get('/api/rde/catalog/workspaces')
        .set(auth(A));
      expect(asUser.status).toBe(403);
      const asService = await request(server)
        .get('/api/rde/catalog/workspaces')
        .set({
          Authorization: mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:catalog'),
            targetPluginId: 'rde',
          }),
        });
      expect(asService.status).toBe(200);
      expect(asService.body.items.map((w: Workspace) => w.id)).toEqual([ws.id]);

      // The blueprints a user may not see, for the catalog permission policy.
      const service = {
        Authorization: mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:permission'),
          targetPluginId: 'rde',
        }),
      };
      const hidden = async (query: string) =>
        request(server)
          .get(`/api/rde/catalog/hidden-blueprints?${query}`)
          .set(service);
      expect((await hidden(`user=${B}`)).body.items).toEqual([
        'template:default/corp-only',
        'template:default/off',
      ]);
      expect((await hidden(`user=${A}`)).body.items).toEqual([
        'template:default/off',
      ]);
      expect(
        (await hidden(`user=user:default/x&ownership=${ADMIN}`)).body.items,
      ).toEqual([]); // admins see every template, disabled ones included
      expect((await hidden('user=nobody')).status).toBe(400);
      expect(
        (
          await request(server)
            .get(`/api/rde/catalog/hidden-blueprints?user=${B}`)
            .set(auth(B))
        ).status,
      ).toBe(403);
    });

    it('tells the caller who they are', async () => {
      expect(
        (await request(server).get('/api/rde/me').set(auth(A))).body,
      ).toEqual({
        userRef: A,
        email: 'alice@corp.example',
        isAdmin: false,
      });
      expect(
        (await request(server).get('/api/rde/me').set(auth(ADMIN))).body,
      ).toEqual({
        userRef: ADMIN,
        isAdmin: true,
      });
    });
  });
});
