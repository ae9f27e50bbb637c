import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  RDE_WORKSPACE_EVENT_TOPIC,
  Workspace,
  WorkspaceChangedEvent,
} from '@rde-portal/plugin-rde-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleRde } from './module';
// Not dependencies of this package (the real app has them, see packages/backend); hoisted to the
// repository's node_modules.
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';

jest.setTimeout(60_000);

/*
 * A real catalog (@backstage/plugin-catalog-backend with the scaffolder entity model, as in
 * packages/backend) reading a blueprint from a file location, with this module installed.
 */

const validYaml = `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: demo
  title: Demo blueprint
spec:
  type: rde-blueprint
  owner: group:default/guests
  rde:
    cluster: local
    image: node:24
    ports: [{ port: 3000 }]
  steps: []
`;

const invalidYaml = validYaml.replace('port: 3000', 'port: 70000');

type ProcessingError = { entityRef: string; messages: string[] };

/** Records the catalog's processing errors through its own extension point. */
function recordProcessingErrors(errors: ProcessingError[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-recorder',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(event => {
            errors.push({
              entityRef: `${event.unprocessedEntity.kind}:${event.unprocessedEntity.metadata.name}`,
              messages: event.errors.map(e => String(e.message)),
            });
          });
        },
      });
    },
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('catalogModuleRde in a real catalog', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-catalog-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports an invalid blueprint as a processing error naming the field and keeps the last valid version', async () => {
    const file = path.join(dir, 'demo.yaml');
    fs.writeFileSync(file, validYaml);
    const errors: ProcessingError[] = [];

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleRde,
        recordProcessingErrors(errors),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Template', 'Location'] }],
              locations: [{ type: 'file', target: file }],
              // Re-process every entity about every second.
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    const catalogUrl = `http://localhost:${port}/api/catalog`;
    const headers = { Authorization: 'Bearer mock-service-token' };
    type EntityWithStatus = Entity & { status?: { items?: unknown[] } };
    const getTemplate = async (): Promise<EntityWithStatus | undefined> => {
      const res = await fetch(
        `${catalogUrl}/entities/by-name/template/default/demo`,
        { headers },
      );
      return res.ok ? ((await res.json()) as EntityWithStatus) : undefined;
    };

    try {
      const valid = await waitFor('the valid blueprint', getTemplate);
      expect(valid.spec?.rde).toMatchObject({ ports: [{ port: 3000 }] });
      expect(errors).toEqual([]);

      fs.writeFileSync(file, invalidYaml);
      const reported = await waitFor('a processing error', async () =>
        errors.length ? errors : undefined,
      );
      expect(reported[0].entityRef).toBe('Template:demo');
      expect(reported[0].messages.join('\n')).toContain(
        'rde.ports[0].port: must be between 1 and 65535',
      );

      // Not half-applied: the catalog keeps serving the last valid version, with the error.
      const kept = await waitFor('the error on the entity', async () => {
        const entity = await getTemplate();
        return (entity?.status?.items?.length ?? 0) > 0 ? entity : undefined;
      });
      expect(kept.spec?.rde).toMatchObject({ ports: [{ port: 3000 }] });
      expect(JSON.stringify(kept.status?.items)).toContain('rde.ports[0].port');
    } finally {
      await backend.stop();
    }
  });
});

/**
 * Stands in for the rde backend: serves `GET /api/rde/catalog/workspaces` (service callers only)
 * from `workspaces` and publishes `rde.workspace` events on the backend's events service.
 */
function fakeRdePlugin(workspaces: Workspace[]) {
  const state: { events?: EventsService; callers: string[] } = { callers: [] };
  const plugin = createBackendPlugin({
    pluginId: 'rde',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          events: eventsServiceRef,
        },
        async init({ httpRouter, httpAuth, events }) {
          state.events = events;
          httpRouter.use(async (req, res, next) => {
            if (req.method !== 'GET' || req.path !== '/catalog/workspaces') {
              next();
              return;
            }
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            state.callers.push(credentials.principal.subject);
            res.json({ items: workspaces });
          });
        },
      });
    },
  });
  const publish = async (changed: Workspace) => {
    await state.events!.publish({
      topic: RDE_WORKSPACE_EVENT_TOPIC,
      eventPayload: { workspace: changed } satisfies WorkspaceChangedEvent,
    });
  };
  return { plugin, publish, state };
}

function workspace(id: string, patch: Partial<Workspace> = {}): Workspace {
  return {
    id,
    name: `alice-${id.slice(0, 4)}`,
    owner: 'user:default/alice',
    blueprint: 'template:default/node-web',
    cluster: 'local',
    status: 'running',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

describe('the workspace provider in a real catalog, with the default events service', () => {
  const ID_A = 'aaaaaaaa-0000-4000-8000-000000000001';
  const ID_B = 'bbbbbbbb-0000-4000-8000-000000000002';

  it('syncs workspaces at start, and adds, updates and removes them on events', async () => {
    const rde = fakeRdePlugin([workspace(ID_A)]);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleRde,
        rde.plugin,
        // The production events service, as backend-defaults installs it, in its default mode
        // (`events.useEventBus: auto`) and without @backstage/plugin-events-backend: events
        // published by one plugin reach subscribers of another in the same process.
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            catalog: {
              rules: [{ allow: ['Resource'] }],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    const catalogUrl = `http://localhost:${port}/api/catalog`;
    const headers = { Authorization: 'Bearer mock-service-token' };
    const workspaceEntity = async (id: string): Promise<Entity | undefined> => {
      const res = await fetch(
        `${catalogUrl}/entities/by-name/resource/default/ws-${id}`,
        { headers },
      );
      return res.ok ? ((await res.json()) as Entity) : undefined;
    };
    const isGone = async (id: string) =>
      (await workspaceEntity(id)) ? undefined : true;

    try {
      // Full sync once the backend has started, with the catalog's own service token.
      const a = await waitFor('workspace A from the full sync', () =>
        workspaceEntity(ID_A),
      );
      expect(rde.state.callers).toContain('plugin:catalog');
      expect(a.spec).toEqual({
        type: 'rde-workspace',
        owner: 'user:default/alice',
        dependsOn: ['template:default/node-web'],
      });
      expect(a.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'user:default/alice' },
          { type: 'dependsOn', targetRef: 'template:default/node-web' },
        ]),
      );

      // Deltas from events published by another plugin in the same process.
      await rde.publish(workspace(ID_B, { status: 'starting' }));
      await waitFor('workspace B from its event', () => workspaceEntity(ID_B));
      await rde.publish(workspace(ID_A, { status: 'stopped' }));
      await waitFor('workspace A stopped', async () => {
        const e = await workspaceEntity(ID_A);
        return e?.metadata.annotations?.['rde/workspace-status'] === 'stopped'
          ? e
          : undefined;
      });
      await rde.publish(workspace(ID_B, { status: 'deleted' }));
      await waitFor('workspace B removed', () => isGone(ID_B));
      expect(await workspaceEntity(ID_A)).toBeDefined();
    } finally {
      await backend.stop();
    }
  });
});
