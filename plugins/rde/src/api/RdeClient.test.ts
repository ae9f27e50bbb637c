/**
 * @jest-environment node
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { errorMessage } from '../lib/errorMessage';
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
  let reply: (req: Seen) => { status: number; body: unknown };

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
        const { status, body: payload } = reply(entry);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
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

  it('lists workspaces, blueprints and clusters', async () => {
    reply = req => {
      if (req.url === '/api/rde/workspaces') {
        return { status: 200, body: { items: [workspace] } };
      }
      if (req.url === '/api/rde/blueprints') {
        return {
          status: 200,
          body: {
            items: [{ name: 'shell', title: 'Shell', cluster: 'local' }],
          },
        };
      }
      return {
        status: 200,
        body: { items: [{ name: 'local', online: true }] },
      };
    };
    const api = client();
    await expect(api.listWorkspaces()).resolves.toEqual([workspace]);
    await expect(api.listBlueprints()).resolves.toEqual([
      { name: 'shell', title: 'Shell', cluster: 'local' },
    ]);
    await expect(api.listClusters()).resolves.toEqual([
      { name: 'local', online: true },
    ]);
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/rde/workspaces',
      'GET /api/rde/blueprints',
      'GET /api/rde/clusters',
    ]);
    expect(seen.every(s => s.authorization === 'Bearer tok')).toBe(true);
  });

  it('creates, gets, starts, stops and deletes workspaces', async () => {
    reply = req => ({
      status: req.method === 'GET' ? 200 : 202,
      body: workspace,
    });
    const api = client();
    await expect(
      api.createWorkspace({ blueprint: 'shell', name: 'demo' }),
    ).resolves.toEqual(workspace);
    await api.createWorkspace({ blueprint: 'shell', name: '' });
    await api.getWorkspace('w/1');
    await api.startWorkspace('w1');
    await api.stopWorkspace('w1');
    await api.deleteWorkspace('w1');
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'POST /api/rde/workspaces',
      'POST /api/rde/workspaces',
      'GET /api/rde/workspaces/w%2F1',
      'POST /api/rde/workspaces/w1/start',
      'POST /api/rde/workspaces/w1/stop',
      'DELETE /api/rde/workspaces/w1',
    ]);
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

  it('rejects with a ResponseError carrying the backend message', async () => {
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
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(errorMessage(error)).toBe('Workspace is not running');
  });
});
