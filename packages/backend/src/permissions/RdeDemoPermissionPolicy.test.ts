import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { RdeDemoPermissionPolicy } from './RdeDemoPermissionPolicy';

const user: PolicyQueryUser = {
  credentials: mockCredentials.user('user:default/mallory'),
  info: {
    userEntityRef: 'user:default/mallory',
    ownershipEntityRefs: ['user:default/mallory', 'group:default/team'],
  },
};

/** A real HTTP server standing in for `/api/rde`, answering `respond(url)`. */
async function rdeServer(
  respond: (url: URL) => { status: number; body?: unknown },
) {
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    requests.push(url);
    const { status, body } = respond(url);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const policy = new RdeDemoPermissionPolicy({
    auth: mockServices.auth(),
    discovery: {
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/rde`,
      getExternalBaseUrl: async () => '',
    },
    logger: mockServices.logger.mock(),
  });
  return { policy, requests, close: () => new Promise(r => server.close(r)) };
}

describe('RdeDemoPermissionPolicy', () => {
  it('turns the hidden blueprints into a catalog condition, and caches per user', async () => {
    const rde = await rdeServer(() => ({
      status: 200,
      body: { items: ['template:default/python-app', 'template:team/secret'] },
    }));
    try {
      const decision = await rde.policy.handle(
        { permission: catalogEntityReadPermission },
        user,
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          not: {
            anyOf: [
              {
                allOf: [
                  expect.objectContaining({
                    rule: 'IS_ENTITY_KIND',
                    params: { kinds: ['template'] },
                  }),
                  expect.objectContaining({
                    rule: 'HAS_METADATA',
                    params: { key: 'namespace', value: 'default' },
                  }),
                  expect.objectContaining({
                    rule: 'HAS_METADATA',
                    params: { key: 'name', value: 'python-app' },
                  }),
                ],
              },
              {
                allOf: [
                  expect.objectContaining({ rule: 'IS_ENTITY_KIND' }),
                  expect.objectContaining({
                    params: { key: 'namespace', value: 'team' },
                  }),
                  expect.objectContaining({
                    params: { key: 'name', value: 'secret' },
                  }),
                ],
              },
            ],
          },
        },
      });
      await rde.policy.handle(
        { permission: catalogEntityReadPermission },
        user,
      );
      expect(rde.requests).toHaveLength(1);
      expect(rde.requests[0].pathname).toBe(
        '/api/rde/catalog/hidden-blueprints',
      );
      expect(rde.requests[0].searchParams.get('user')).toBe(
        'user:default/mallory',
      );
      expect(rde.requests[0].searchParams.get('ownership')).toBe(
        'user:default/mallory,group:default/team',
      );
    } finally {
      await rde.close();
    }
  });

  it('allows everything else, and everything to services', async () => {
    const rde = await rdeServer(() => ({
      status: 200,
      body: { items: ['template:default/x'] },
    }));
    try {
      const other = createPermission({
        name: 'rde.workspace.create',
        attributes: {},
      });
      expect(await rde.policy.handle({ permission: other }, user)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(
        await rde.policy.handle({ permission: catalogEntityReadPermission }),
      ).toEqual({ result: AuthorizeResult.ALLOW });
      expect(rde.requests).toHaveLength(0);
    } finally {
      await rde.close();
    }
  });

  it('hides every blueprint template when rde cannot answer (fail closed)', async () => {
    const rde = await rdeServer(() => ({ status: 503 }));
    try {
      const decision = await rde.policy.handle(
        { permission: catalogEntityReadPermission },
        user,
      );
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          not: {
            allOf: [
              { rule: 'IS_ENTITY_KIND', params: { kinds: ['template'] } },
              {
                rule: 'HAS_SPEC',
                params: { key: 'type', value: 'rde-blueprint' },
              },
            ],
          },
        },
      });
    } finally {
      await rde.close();
    }
  });
});
