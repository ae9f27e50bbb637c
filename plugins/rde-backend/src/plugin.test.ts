import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RDE_WORKSPACE_EVENT_TOPIC,
  WorkspaceChangedEvent,
} from '@rde-portal/plugin-rde-common';
import { testBlueprintEntities } from './__testUtils__/testBlueprints';
import request from 'supertest';
import WebSocket from 'ws';
import { FakeAgentGateway } from './__testUtils__/FakeAgentGateway';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { createWebSocketTestServices } from './__testUtils__/webSocketTestServices';
import { createRdeBackendPlugin } from './plugin';
import { TicketService } from './service/TicketService';
import { DatabaseTicketStore } from './database/DatabaseTicketStore';
import { RecordingAuditor } from './__testUtils__/RecordingAuditor';

jest.setTimeout(30_000);

const databases = createTestDatabases();
const A = 'user:default/alice';
const ORIGIN = 'http://localhost:3000';

/** Opens the terminal socket and resolves with the HTTP status of a refused upgrade (or 101). */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise(resolve => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => resolve(-1));
  });
}

/** Another plugin listening on the events service, as the catalog module does. */
function workspaceEventListener(received: WorkspaceChangedEvent[]) {
  return createBackendPlugin({
    pluginId: 'listener',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-listener',
            topics: [RDE_WORKSPACE_EVENT_TOPIC],
            async onEvent(params) {
              received.push(params.eventPayload as WorkspaceChangedEvent);
            },
          });
        },
      });
    },
  });
}

describe('rde plugin wiring', () => {
  it('seeds config tokens, starts and stops the tunnel, publishes workspace changes, and serves the terminal socket with our tickets', async () => {
    const received: WorkspaceChangedEvent[] = [];
    const knex = await databases.init('SQLITE_3');
    const gateway = new FakeAgentGateway(['local']);
    const tunnel = { started: 0, stopped: 0 };
    const http = createWebSocketTestServices();
    const auditor = new RecordingAuditor();
    const backend = await startTestBackend({
      features: [
        ...http.features,
        createRdeBackendPlugin({
          tunnelFactory: ({ tokens, clusters }) => {
            expect(tokens.verify).toEqual(expect.any(Function));
            expect(clusters.markSeen).toEqual(expect.any(Function));
            return {
              gateway,
              start: async () => {
                tunnel.started++;
              },
              stop: async () => {
                tunnel.stopped++;
              },
            };
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: testBlueprintEntities() }),
        workspaceEventListener(received),
        // The real in-process events service (backend-defaults installs it; the test backend's
        // default is a per-plugin mock).
        eventsServiceFactory,
        auditor.factory,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: ORIGIN },
            events: { useEventBus: 'never' },
            rde: {
              agents: [{ cluster: 'local', token: 'dev-token-123' }],
            },
          },
        }),
      ],
    });
    expect(tunnel.started).toBe(1);
    const tokenRows = await knex('rde_agent_tokens').select();
    expect(tokenRows).toHaveLength(1);
    expect(JSON.stringify(tokenRows)).not.toContain('dev-token-123');

    const auth = { Authorization: mockCredentials.user.header(A) };
    const created = await request(backend.server)
      .post('/api/rde/workspaces')
      .set(auth)
      .send({ blueprint: 'demo' });
    expect(created.status).toBe(202);
    let status = created.body.status;
    for (let i = 0; i < 100 && status !== 'running'; i++) {
      await new Promise(r => setTimeout(r, 10));
      status = (
        await request(backend.server)
          .get(`/api/rde/workspaces/${created.body.id}`)
          .set(auth)
      ).body.status;
    }
    expect(status).toBe('running');
    // Every change went out on the events service (the catalog module's deltas).
    expect(received.map(e => [e.workspace.id, e.workspace.status])).toEqual([
      [created.body.id, 'pending'],
      [created.body.id, 'starting'],
      [created.body.id, 'running'],
    ]);

    const issue = async () =>
      (
        await request(backend.server)
          .post(`/api/rde/workspaces/${created.body.id}/tickets`)
          .set(auth)
          .send({})
      ).body.ticket as string;
    const socketUrl = (ticket: string) =>
      `${http.webSocketUrl()}/api/rde/terminal?ticket=${encodeURIComponent(
        ticket,
      )}`;

    // Wrong or missing Origin: refused before the ticket is even looked at.
    const ticket = await issue();
    expect(await upgradeStatus(socketUrl(ticket), 'http://evil.example')).toBe(
      403,
    );
    expect(await upgradeStatus(socketUrl(ticket))).toBe(403);
    // Malformed ticket.
    expect(await upgradeStatus(socketUrl('nope'), ORIGIN)).toBe(401);
    // A valid ticket is consumed; the fake agent cannot open a PTY, so the relay answers 503…
    expect(await upgradeStatus(socketUrl(ticket), ORIGIN)).toBe(503);
    // …and the ticket is gone: reuse is refused.
    expect(await upgradeStatus(socketUrl(ticket), ORIGIN)).toBe(401);

    // A ticket bound to another user for Alice's workspace (the REST API never issues one; the
    // socket must refuse it on its own).
    const foreign = await new TicketService({
      store: new DatabaseTicketStore(knex),
    }).issue('user:default/bob', created.body.id, 'terminal', {
      cols: 80,
      rows: 24,
    });
    expect(await upgradeStatus(socketUrl(foreign.ticket), ORIGIN)).toBe(403);

    // Every attempt, refused or not, is an auditor event with the client address.
    const terminalEvents = auditor.events.filter(
      e => e.eventId === 'terminal-session',
    );
    expect(terminalEvents).toHaveLength(6);
    expect(terminalEvents.every(e => e.outcome === 'fail')).toBe(true);
    expect(terminalEvents[0].meta).toMatchObject({
      clientIp: expect.stringMatching(/127\.0\.0\.1/),
      origin: 'http://evil.example',
    });
    expect(JSON.stringify(terminalEvents)).not.toContain(ticket);

    await backend.stop();
    expect(tunnel.stopped).toBe(1);
  });
});
