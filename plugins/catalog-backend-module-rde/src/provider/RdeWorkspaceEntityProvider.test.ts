import {
  DiscoveryService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import {
  RDE_WORKSPACE_EVENT_TOPIC,
  Workspace,
  WorkspaceChangedEvent,
} from '@rde-portal/plugin-rde-common';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { RdeWorkspaceEntityProvider } from './RdeWorkspaceEntityProvider';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server standing in for the rde backend's `/api/rde`. */
class FakeRdeBackend {
  readonly requests: Array<{ url?: string; authorization?: string }> = [];
  handler: Handler = (_req, res) => this.json(res, 200, { items: [] });
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push({
        url: req.url,
        authorization: req.headers.authorization,
      });
      this.handler(req, res);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async stop() {
    await new Promise<void>(resolve =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** Records what the provider applies, as the catalog's connection would receive it. */
class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];
  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
  }
  async refresh() {}
}

function ws(id: string, patch: Partial<Workspace> = {}): Workspace {
  return {
    id,
    name: `ws-${id}`,
    owner: 'user:default/alice',
    blueprint: 'template:default/node-web',
    cluster: 'local',
    status: 'running',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

describe('RdeWorkspaceEntityProvider', () => {
  const backend = new FakeRdeBackend();
  let baseUrl: string;
  let discovery: DiscoveryService;

  beforeAll(async () => {
    baseUrl = await backend.start();
    discovery = {
      getBaseUrl: async pluginId => `${baseUrl}/api/${pluginId}`,
      getExternalBaseUrl: async pluginId => `${baseUrl}/api/${pluginId}`,
    };
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    backend.requests.length = 0;
  });

  function setup() {
    const logger = mockServices.logger.mock();
    const rootEvents = DefaultEventsService.create({ logger });
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const provider = new RdeWorkspaceEntityProvider({
      discovery,
      auth: mockServices.auth({ pluginId: 'catalog' }),
      logger,
      events: rootEvents.forPlugin('catalog'),
      taskRunner: { run: async task => void tasks.push(task) },
      appBaseUrl: 'http://localhost:3000',
    });
    const connection = new RecordingConnection();
    // What the rde backend publishes on: the same in-process events bus, another plugin.
    const rdeEvents = rootEvents.forPlugin('rde');
    const publish = (workspace: Workspace) =>
      rdeEvents.publish({
        topic: RDE_WORKSPACE_EVENT_TOPIC,
        eventPayload: { workspace } satisfies WorkspaceChangedEvent,
      });
    return { provider, connection, tasks, logger, publish, rdeEvents };
  }

  it('is named rde-workspaces', () => {
    expect(setup().provider.getProviderName()).toBe('rde-workspaces');
  });

  it('schedules the full sync on connect; the task reads all workspaces with a catalog service token and applies a full mutation', async () => {
    backend.handler = (req, res) =>
      req.url === '/api/rde/catalog/workspaces'
        ? backend.json(res, 200, {
            items: [ws(ID_A), ws(ID_B, { status: 'stopped' })],
          })
        : backend.json(res, 404, { error: { name: 'NotFoundError' } });
    const { provider, connection, tasks } = setup();

    await provider.connect(connection);
    expect(tasks.map(t => t.id)).toEqual(['rde-workspaces:refresh']);
    expect(connection.mutations).toEqual([]);

    await tasks[0].fn(new AbortController().signal);

    expect(backend.requests).toEqual([
      {
        url: '/api/rde/catalog/workspaces',
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('plugin:catalog'),
          targetPluginId: 'rde',
        })}`,
      },
    ]);
    expect(connection.mutations).toHaveLength(1);
    const mutation = connection.mutations[0];
    expect(mutation.type).toBe('full');
    const entities = mutation.type === 'full' ? mutation.entities : [];
    expect(entities.map(e => e.locationKey)).toEqual([
      'rde:workspaces',
      'rde:workspaces',
    ]);
    expect(entities.map(e => e.entity.metadata.name)).toEqual([
      `ws-${ID_A}`,
      `ws-${ID_B}`,
    ]);
    expect(entities[1].entity.metadata.annotations).toMatchObject({
      'rde/workspace-id': ID_B,
      'rde/workspace-status': 'stopped',
    });
    expect(entities[0].entity.metadata.links?.[0].url).toBe(
      `http://localhost:3000/rde/workspaces/${ID_A}`,
    );
  });

  it('applies a full mutation with no entities when there are no workspaces (all removed)', async () => {
    backend.handler = (_req, res) => backend.json(res, 200, { items: [] });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toBe(true);
    expect(connection.mutations).toEqual([{ type: 'full', entities: [] }]);
  });

  it('keeps the previous entities when the rde backend answers with an error', async () => {
    backend.handler = (_req, res) =>
      backend.json(res, 503, {
        error: { name: 'ServiceUnavailableError', message: 'starting' },
      });
    const { provider, connection, logger } = setup();
    await provider.connect(connection);

    await expect(provider.refresh()).resolves.toBe(false);

    expect(connection.mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Could not read workspaces from the rde backend; keeping .*503/,
      ),
    );
  });

  it('keeps the previous entities when the rde backend is unreachable', async () => {
    const closed = new FakeRdeBackend();
    const closedUrl = await closed.start();
    await closed.stop();
    const logger = mockServices.logger.mock();
    const provider = new RdeWorkspaceEntityProvider({
      discovery: {
        ...discovery,
        getBaseUrl: async () => `${closedUrl}/api/rde`,
      },
      auth: mockServices.auth({ pluginId: 'catalog' }),
      logger,
      events: DefaultEventsService.create({ logger }).forPlugin('catalog'),
      taskRunner: { run: async () => {} },
    });
    const connection = new RecordingConnection();
    await provider.connect(connection);

    await expect(provider.refresh()).resolves.toBe(false);
    expect(connection.mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not read workspaces from the rde backend'),
    );
  });

  it('applies a delta per workspace event: added, updated, removed when deleted', async () => {
    const { provider, connection, publish } = setup();
    await provider.connect(connection);

    await publish(ws(ID_A, { status: 'pending' }));
    await publish(ws(ID_A, { status: 'running' }));
    await publish(ws(ID_A, { status: 'deleted' }));

    expect(connection.mutations).toHaveLength(3);
    const [added, updated, removed] = connection.mutations;
    expect(added).toMatchObject({
      type: 'delta',
      removed: [],
      added: [
        {
          locationKey: 'rde:workspaces',
          entity: {
            kind: 'Resource',
            metadata: {
              name: `ws-${ID_A}`,
              annotations: { 'rde/workspace-status': 'pending' },
            },
            spec: { type: 'rde-workspace', owner: 'user:default/alice' },
          },
        },
      ],
    });
    expect(updated).toMatchObject({
      type: 'delta',
      added: [
        {
          entity: {
            metadata: { annotations: { 'rde/workspace-status': 'running' } },
          },
        },
      ],
    });
    expect(removed).toEqual({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: `resource:default/ws-${ID_A}`,
          locationKey: 'rde:workspaces',
        },
      ],
    });
  });

  it('ignores malformed events with a warning', async () => {
    const { provider, connection, rdeEvents, logger } = setup();
    await provider.connect(connection);
    await rdeEvents.publish({
      topic: RDE_WORKSPACE_EVENT_TOPIC,
      eventPayload: { workspace: { id: ID_A, status: 'exploded' } },
    });
    expect(connection.mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Ignoring a malformed rde.workspace event'),
    );
  });

  it('lets changes that arrive during a full sync win over the older read', async () => {
    let respond: () => void = () => {};
    const requested = new Promise<void>(resolveRequested => {
      backend.handler = (_req, res) => {
        respond = () =>
          backend.json(res, 200, {
            items: [
              ws(ID_A, { status: 'running' }),
              ws(ID_B, {
                status: 'running',
                updatedAt: '2026-01-01T00:05:00.000Z',
              }),
            ],
          });
        resolveRequested();
      };
    });
    const { provider, connection, publish } = setup();
    await provider.connect(connection);

    const sync = provider.refresh();
    await requested;
    // While the sync reads: A is deleted, and an older change of B arrives late.
    await publish(
      ws(ID_A, { status: 'deleted', updatedAt: '2026-01-01T00:01:00.000Z' }),
    );
    await publish(
      ws(ID_B, { status: 'stopping', updatedAt: '2026-01-01T00:02:00.000Z' }),
    );
    respond();
    await expect(sync).resolves.toBe(true);

    const full = connection.mutations.at(-1)!;
    expect(full.type).toBe('full');
    const entities = full.type === 'full' ? full.entities : [];
    expect(entities.map(e => e.entity.metadata.name)).toEqual([`ws-${ID_B}`]);
    expect(
      entities[0].entity.metadata.annotations?.['rde/workspace-status'],
    ).toBe('running');
  });

  it('refuses to sync before the catalog connected it', async () => {
    await expect(setup().provider.refresh()).rejects.toThrow(
      'rde-workspaces refreshed before the catalog connected it',
    );
  });
});
