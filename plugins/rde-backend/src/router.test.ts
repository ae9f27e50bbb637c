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

  beforeEach(async () => {
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
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            rde: {
              admins: [ADMIN],
              agents: [{ cluster: 'local', token: 'dev-token' }],
              blueprints: [
                {
                  name: 'demo',
                  title: 'Demo',
                  description: 'A demo workspace',
                  cluster: 'local',
                  image: 'debian:12',
                  env: { A: '1' },
                },
                { name: 'far', title: 'Far', cluster: 'eu', image: 'x' },
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
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
      blueprint: 'demo',
      cluster: 'local',
      status: 'pending',
    });
    expect((await settled(A, res.body.id)).status).toBe('running');
    expect(gateway.commands[0].command).toMatchObject({
      action: 'create',
      image: 'debian:12',
      env: { A: '1' },
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
        meta: { blueprint: 'demo' },
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
      .send({ blueprint: 'far' });
    expect(res.status).toBe(202);
    const ws = await settled(A, res.body.id);
    expect(ws.status).toBe('failed');
    expect(ws.statusMessage).toMatch(
      /The agent of cluster 'eu' is not connected/,
    );
    expect(auditEvents).toEqual([
      {
        eventId: 'workspace-create',
        meta: { blueprint: 'far' },
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
        /'blueprint' is required: the name of a blueprint listed by GET \/api\/rde\/blueprints/,
      ],
      [{ blueprint: 42 }, /'blueprint' must be a string/],
      [
        { blueprint: 'demo', name: 'Not A Label' },
        /'name' must be 1-63 lower-case letters/,
      ],
      [{ blueprint: 'demo', nmae: 'x' }, /unknown field 'nmae'/],
      [{ blueprint: 'nope' }, /There is no blueprint named 'nope'/],
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
    expect(bps.body.items).toEqual([
      {
        name: 'demo',
        title: 'Demo',
        description: 'A demo workspace',
        cluster: 'local',
      },
      { name: 'far', title: 'Far', cluster: 'eu' },
    ]);

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
});
