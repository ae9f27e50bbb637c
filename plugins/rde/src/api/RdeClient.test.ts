/**
 * @jest-environment node
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { errorMessage } from '../lib/errorMessage';
import { makeBlueprint } from '../testUtils/FakeRdeApi';
import {
  RdeApiError,
  TooManyRequestsError,
  WorkspaceLimitReachedError,
} from './RdeApiError';
import { RdeClient } from './RdeClient';

const workspace: Workspace = {
  id: 'w1',
  name: 'demo',
  owner: 'user:default/guest',
  blueprint: 'shell',
  cluster: 'local',
  status: 'pending',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

describe('RdeClient', () => {
  let server: http.Server;
  let baseUrl: string;
  let seen: Seen[];
  let reply: (req: Seen) => {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
    raw?: string;
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        const entry: Seen = {
          method: req.method!,
          url: req.url!,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        };
        seen.push(entry);
        const { status, body: payload, headers, raw } = reply(entry);
        res.writeHead(status, {
          'Content-Type': raw === undefined ? 'application/json' : 'text/html',
          ...headers,
        });
        res.end(raw ?? JSON.stringify(payload));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/rde`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    reply = () => ({ status: 200, body: workspace });
  });

  function client(base = baseUrl) {
    return new RdeClient({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) => {
          expect(pluginId).toBe('rde');
          return base;
        },
      },
      fetchApi: {
        // What the app's fetch API does: attach the user's token.
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...(init?.headers as any), Authorization: 'Bearer tok' },
          }),
      },
    });
  }

  it('lists workspaces, blueprints and clusters, and reads quota and user', async () => {
    const blueprint = makeBlueprint({ name: 'shell' });
    reply = req => {
      switch (req.url) {
        case '/api/rde/workspaces':
          return { status: 200, body: { items: [workspace] } };
        case '/api/rde/blueprints':
          return { status: 200, body: { items: [blueprint] } };
        case '/api/rde/blueprints/team%20a/node%2Fweb':
          return { status: 200, body: blueprint };
        case '/api/rde/quota':
          return { status: 200, body: { running: 2, limit: 3 } };
        case '/api/rde/me':
          return {
            status: 200,
            body: { userRef: 'user:default/guest', isAdmin: true },
          };
        default:
          return {
            status: 200,
            body: { items: [{ name: 'local', online: true }] },
          };
      }
    };
    const api = client();
    await expect(api.listWorkspaces()).resolves.toEqual([workspace]);
    await expect(api.listBlueprints()).resolves.toEqual([blueprint]);
    await expect(
      api.getBlueprint({ namespace: 'team a', name: 'node/web' }),
    ).resolves.toEqual(blueprint);
    await expect(api.listClusters()).resolves.toEqual([
      { name: 'local', online: true },
    ]);
    await expect(api.getQuota()).resolves.toEqual({ running: 2, limit: 3 });
    await expect(api.getCurrentUser()).resolves.toEqual({
      userRef: 'user:default/guest',
      isAdmin: true,
    });
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/rde/workspaces',
      'GET /api/rde/blueprints',
      'GET /api/rde/blueprints/team%20a/node%2Fweb',
      'GET /api/rde/clusters',
      'GET /api/rde/quota',
      'GET /api/rde/me',
    ]);
    expect(seen.every(s => s.authorization === 'Bearer tok')).toBe(true);
  });

  it('calls the admin routes with filters as query parameters and bodies as JSON', async () => {
    const list = {
      items: [workspace],
      counts: { total: 1, running: 0, stopped: 0, failed: 0, blueprints: 2 },
    };
    const adminBlueprint = {
      ...makeBlueprint({ name: 'node' }),
      access: [],
      trustedUsers: [],
      source: { state: 'enabled', access: [], trustedUsers: [] },
    };
    reply = req => {
      if (req.url.startsWith('/api/rde/admin/workspaces')) {
        return { status: 200, body: list };
      }
      if (req.url === '/api/rde/admin/blueprints') {
        return { status: 200, body: { items: [adminBlueprint] } };
      }
      if (req.url.startsWith('/api/rde/admin/blueprints/')) {
        return { status: 200, body: adminBlueprint };
      }
      if (req.url.startsWith('/api/rde/admin/audit')) {
        return { status: 200, body: { items: [] } };
      }
      return { status: 200, body: { maxRunningWorkspacesPerUser: 4 } };
    };
    const api = client();
    await expect(api.listAllWorkspaces()).resolves.toEqual(list);
    await api.listAllWorkspaces({
      status: 'running',
      cluster: '',
      blueprint: 'template:default/node',
      q: '  Ada@Corp ',
    });
    await expect(api.listAdminBlueprints()).resolves.toEqual([adminBlueprint]);
    await api.setBlueprintOverride(
      { namespace: 'default', name: 'node' },
      { state: 'testing', access: ['corp.example'], trustedUsers: null },
    );
    await api.deleteBlueprintOverride({ namespace: 'default', name: 'node' });
    await api.listAuditRecords();
    await api.listAuditRecords({ workspaceId: 'w1', action: '', limit: 50 });
    await expect(api.getSettings()).resolves.toEqual({
      maxRunningWorkspacesPerUser: 4,
    });
    await api.updateSettings({ maxRunningWorkspacesPerUser: 4 });

    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/rde/admin/workspaces',
      'GET /api/rde/admin/workspaces?status=running&blueprint=template%3Adefault%2Fnode&q=Ada%40Corp',
      'GET /api/rde/admin/blueprints',
      'PUT /api/rde/admin/blueprints/default/node/override',
      'DELETE /api/rde/admin/blueprints/default/node/override',
      'GET /api/rde/admin/audit',
      'GET /api/rde/admin/audit?workspaceId=w1&limit=50',
      'GET /api/rde/admin/settings',
      'PUT /api/rde/admin/settings',
    ]);
    expect(JSON.parse(seen[3].body)).toEqual({
      state: 'testing',
      access: ['corp.example'],
      trustedUsers: null,
    });
    expect(seen[3].contentType).toBe('application/json');
    expect(JSON.parse(seen[8].body)).toEqual({
      maxRunningWorkspacesPerUser: 4,
    });
  });

  it('creates, gets, starts, stops, restarts, upgrades and deletes workspaces', async () => {
    reply = req => ({
      status: req.method === 'GET' ? 200 : 202,
      body: workspace,
    });
    const api = client();
    await expect(
      api.createWorkspace({ blueprint: 'shell', name: 'demo' }),
    ).resolves.toEqual(workspace);
    await api.createWorkspace({ blueprint: 'shell', name: '' });
    await api.createWorkspace({
      blueprint: 'template:default/node-web',
      repository: { url: ' https://git.example.com/team/app.git ', ref: '' },
    });
    await api.createWorkspace({
      blueprint: 'template:default/node-web',
      repository: { ref: 'feature/x' },
    });
    await api.createWorkspace({
      blueprint: 'template:default/node-web',
      repository: { url: '  ', ref: ' ' },
    });
    await api.getWorkspace('w/1');
    await api.startWorkspace('w1');
    await api.stopWorkspace('w1');
    await api.restartWorkspace('w1');
    await api.upgradeWorkspace('w1');
    await api.deleteWorkspace('w1');
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'POST /api/rde/workspaces',
      'POST /api/rde/workspaces',
      'POST /api/rde/workspaces',
      'POST /api/rde/workspaces',
      'POST /api/rde/workspaces',
      'GET /api/rde/workspaces/w%2F1',
      'POST /api/rde/workspaces/w1/start',
      'POST /api/rde/workspaces/w1/stop',
      'POST /api/rde/workspaces/w1/restart',
      'POST /api/rde/workspaces/w1/upgrade',
      'DELETE /api/rde/workspaces/w1',
    ]);
    expect(JSON.parse(seen[2].body)).toEqual({
      blueprint: 'template:default/node-web',
      repository: { url: 'https://git.example.com/team/app.git' },
    });
    expect(JSON.parse(seen[3].body)).toEqual({
      blueprint: 'template:default/node-web',
      repository: { ref: 'feature/x' },
    });
    expect(JSON.parse(seen[4].body)).toEqual({
      blueprint: 'template:default/node-web',
    });
    expect(JSON.parse(seen[0].body)).toEqual({
      blueprint: 'shell',
      name: 'demo',
    });
    expect(seen[0].contentType).toBe('application/json');
    expect(JSON.parse(seen[1].body)).toEqual({ blueprint: 'shell' });
  });

  it('requests terminal tickets and builds the socket URL without the token', async () => {
    const ticket = {
      ticket: 'abc+/=def',
      expiresAt: '2025-01-01T00:00:30.000Z',
      path: '/terminal',
    };
    reply = () => ({ status: 201, body: ticket });
    const api = client();
    await expect(
      api.createTerminalTicket('w1', { cols: 120, rows: 40 }),
    ).resolves.toEqual(ticket);
    expect(seen[0].url).toBe('/api/rde/workspaces/w1/tickets');
    expect(JSON.parse(seen[0].body)).toEqual({ cols: 120, rows: 40 });

    const url = new URL(await api.getTerminalSocketUrl(ticket));
    expect(url.protocol).toBe('ws:');
    expect(url.pathname).toBe('/api/rde/terminal');
    expect(url.searchParams.get('ticket')).toBe('abc+/=def');
    expect(url.toString()).not.toContain('tok');

    const secure = client('https://portal.example.com/api/rde/');
    expect(await secure.getTerminalSocketUrl(ticket)).toBe(
      'wss://portal.example.com/api/rde/terminal?ticket=abc%2B%2F%3Ddef',
    );
  });

  it('rejects with an RdeApiError carrying the backend message', async () => {
    reply = () => ({
      status: 409,
      body: {
        error: { name: 'ConflictError', message: 'Workspace is not running' },
        response: { statusCode: 409 },
      },
    });
    const error = await client()
      .createTerminalTicket('w1', { cols: 80, rows: 24 })
      .catch(e => e);
    expect(error).toBeInstanceOf(RdeApiError);
    expect(error).not.toBeInstanceOf(WorkspaceLimitReachedError);
    expect(error.statusCode).toBe(409);
    expect(error.errorName).toBe('ConflictError');
    expect(errorMessage(error)).toBe('Workspace is not running');
  });

  it('exposes the quota of a 409 limit refusal, also from start', async () => {
    reply = () => ({
      status: 409,
      body: {
        error: {
          name: 'WorkspaceLimitReachedError',
          message: 'You already have 3 running workspaces; the limit is 3',
        },
        quota: { running: 3, limit: 3 },
      },
    });
    const api = client();
    for (const attempt of [
      () => api.createWorkspace({ blueprint: 'shell' }),
      () => api.startWorkspace('w1'),
    ]) {
      const error = await attempt().catch(e => e);
      expect(error).toBeInstanceOf(WorkspaceLimitReachedError);
      expect(error.quota).toEqual({ running: 3, limit: 3 });
      expect(error.statusCode).toBe(409);
      expect(errorMessage(error)).toBe(
        'You already have 3 running workspaces; the limit is 3',
      );
    }
  });

  it('exposes the retry time of a 429', async () => {
    reply = () => ({
      status: 429,
      headers: { 'Retry-After': '42' },
      body: {
        error: {
          name: 'TooManyRequestsError',
          message: 'Too many launches; try again later',
        },
      },
    });
    const error = await client()
      .createWorkspace({ blueprint: 'shell' })
      .catch(e => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.retryAfterSeconds).toBe(42);
    expect(error.message).toBe('Too many launches; try again later');
  });

  it('names the status when the body is not an RDE error', async () => {
    reply = () => ({
      status: 502,
      body: undefined,
      raw: '<html>Bad gateway</html>',
    });
    const error = await client()
      .listWorkspaces()
      .catch(e => e);
    expect(error).toBeInstanceOf(RdeApiError);
    expect(error.statusCode).toBe(502);
    expect(error.message).toBe('The RDE backend answered 502 Bad Gateway');
  });
});
