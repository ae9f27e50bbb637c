import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { Workspace } from '@rde-portal/plugin-rde-common';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createRdeWorkspaceCreateAction } from './createWorkspaceAction';

const ALICE = 'user:default/alice';
const WS_ID = '5a0f4b7e-2c1d-4e8f-9a3b-6c7d8e9f0a1b';

function workspace(patch: Partial<Workspace> = {}): Workspace {
  return {
    id: WS_ID,
    name: 'alice-node-web-k3x9',
    owner: ALICE,
    blueprint: 'template:default/node-web',
    cluster: 'local',
    status: 'pending',
    operation: 'create',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

type Recorded = {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
};

/**
 * A real HTTP server standing in for `/api/rde`: records every request, answers `POST /workspaces`
 * with `create` and `GET /workspaces/:id` with the next of `statuses` (the last one repeats).
 */
class FakeRdeApi {
  requests: Recorded[] = [];
  create: (res: express.Response) => void = res =>
    res.status(202).json(workspace());
  statuses: Array<Partial<Workspace>> = [];
  private server?: Server;

  async start(): Promise<string> {
    const app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      this.requests.push({
        method: req.method,
        path: req.path,
        authorization: req.headers.authorization,
        body: req.body,
      });
      next();
    });
    app.post('/api/rde/workspaces', (_req, res) => this.create(res));
    app.get('/api/rde/workspaces/:id', (req, res) => {
      const patch =
        this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0];
      res.json(workspace({ id: req.params.id, ...patch }));
    });
    this.server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }
}

describe('rde:workspace:create', () => {
  const api = new FakeRdeApi();
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await api.start();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.requests = [];
    api.statuses = [];
    api.create = res => res.status(202).json(workspace());
  });

  function run(
    input: Record<string, unknown>,
    credentials: BackstageCredentials = mockCredentials.user(ALICE),
  ) {
    const action = createRdeWorkspaceCreateAction({
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
      discovery: {
        getBaseUrl: async pluginId => `${baseUrl}/api/${pluginId}`,
        getExternalBaseUrl: async pluginId => `${baseUrl}/api/${pluginId}`,
      },
      appBaseUrl: 'http://localhost:3000/',
      pollIntervalMs: 5,
      waitTimeoutMs: 2000,
    });
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        logger,
        workspacePath: '/nonexistent/rde-action-test',
      }),
      getInitiatorCredentials: async () => credentials,
    };
    const outputs = () =>
      Object.fromEntries(
        (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
      );
    return {
      action,
      logger,
      outputs,
      promise: action.handler(ctx as any),
    };
  }

  const aliceToken = `Bearer ${mockCredentials.service.token({
    onBehalfOf: mockCredentials.user(ALICE),
    targetPluginId: 'rde',
  })}`;

  it('creates the workspace on behalf of the user, waits until it runs and outputs its link', async () => {
    api.statuses = [{ status: 'starting' }, { status: 'running' }];
    const { promise, outputs, logger } = run({
      blueprint: 'template:default/node-web',
      name: 'my-ws',
      repositoryUrl: 'https://git.example/acme/web.git',
      repositoryRef: 'main',
    });
    await promise;

    expect(api.requests[0]).toEqual({
      method: 'POST',
      path: '/api/rde/workspaces',
      authorization: aliceToken,
      body: {
        blueprint: 'template:default/node-web',
        name: 'my-ws',
        repository: { url: 'https://git.example/acme/web.git', ref: 'main' },
      },
    });
    expect(api.requests.slice(1)).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/api/rde/workspaces/${WS_ID}`,
        authorization: aliceToken,
      }),
      expect.objectContaining({ method: 'GET' }),
    ]);
    expect(outputs()).toEqual({
      workspaceId: WS_ID,
      workspaceName: 'alice-node-web-k3x9',
      status: 'running',
      workspaceUrl: `http://localhost:3000/rde/workspaces/${WS_ID}`,
    });
    const infos = logger.info.mock.calls.map(([m]) => m);
    expect(infos).toEqual(
      expect.arrayContaining([
        'Workspace alice-node-web-k3x9 is starting',
        'Workspace alice-node-web-k3x9 is running',
      ]),
    );
  });

  it('leaves out an empty name and an absent repository, and does not wait when told not to', async () => {
    const { promise, outputs } = run({
      blueprint: 'template:default/node-web',
      name: '',
      waitUntilRunning: false,
    });
    await promise;
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].body).toEqual({
      blueprint: 'template:default/node-web',
    });
    expect(outputs().status).toBe('pending');
  });

  it('sends only the ref when just repositoryRef is given', async () => {
    await run({
      blueprint: 'node-web',
      repositoryRef: 'feature/x',
      waitUntilRunning: false,
    }).promise;
    expect(api.requests[0].body).toEqual({
      blueprint: 'node-web',
      repository: { ref: 'feature/x' },
    });
  });

  it('refuses a task that was not started by a user, without calling the API', async () => {
    await expect(
      run(
        { blueprint: 'template:default/node-web' },
        mockCredentials.service('plugin:catalog'),
      ).promise,
    ).rejects.toThrow(
      /launches a workspace for the signed-in user .* started by a service principal/,
    );
    expect(api.requests).toEqual([]);
  });

  it('passes through 400 refusals', async () => {
    api.create = res =>
      res.status(400).json({
        error: {
          name: 'InputError',
          message: 'Unknown blueprint template:default/nope',
        },
      });
    await expect(
      run({ blueprint: 'template:default/nope' }).promise,
    ).rejects.toMatchObject({
      name: 'RdeApiError',
      status: 400,
      message:
        'Creating a workspace from template:default/nope failed: Unknown blueprint template:default/nope',
    });
  });

  it('explains 403 refusals', async () => {
    api.create = res =>
      res.status(403).json({
        error: {
          name: 'NotAllowedError',
          message: 'Blueprint template:default/ai-assistant is in testing',
        },
      });
    await expect(
      run({ blueprint: 'template:default/ai-assistant' }).promise,
    ).rejects.toThrow(
      'Creating a workspace from template:default/ai-assistant failed: not allowed: Blueprint template:default/ai-assistant is in testing. Ask an RDE admin for access if you need it.',
    );
  });

  it('names the quota when the running-workspace limit is reached (409)', async () => {
    api.create = res =>
      res.status(409).json({
        error: {
          name: 'WorkspaceLimitReachedError',
          message: 'You may run at most 2 workspaces',
        },
        quota: { running: 2, limit: 2 },
      });
    const error = await run({
      blueprint: 'template:default/node-web',
    }).promise.catch(e => e);
    expect(error).toMatchObject({
      name: 'RdeApiError',
      status: 409,
      errorName: 'WorkspaceLimitReachedError',
      quota: { running: 2, limit: 2 },
    });
    expect(error.message).toBe(
      'Creating a workspace from template:default/node-web failed: you have reached your limit of running workspaces (2 of 2 allowed running workspaces in use): You may run at most 2 workspaces. Stop or delete one of your workspaces, then run the template again.',
    );
  });

  it('names the wait when launches are rate limited (429)', async () => {
    api.create = res =>
      res
        .status(429)
        .set('Retry-After', '42')
        .json({
          error: {
            name: 'TooManyRequestsError',
            message: 'At most 5 launches per minute',
          },
        });
    await expect(
      run({ blueprint: 'template:default/node-web' }).promise,
    ).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 42,
      message:
        'Creating a workspace from template:default/node-web failed: too many workspace launches: At most 5 launches per minute. Try again in 42 seconds.',
    });
  });

  it('fails with the status message when the workspace fails to start', async () => {
    api.statuses = [
      { status: 'starting' },
      {
        status: 'failed',
        statusMessage: 'Cluster local has no agent connected',
      },
    ];
    const { promise, outputs } = run({
      blueprint: 'template:default/node-web',
    });
    await expect(promise).rejects.toThrow(
      `Workspace alice-node-web-k3x9 failed to start: Cluster local has no agent connected. See http://localhost:3000/rde/workspaces/${WS_ID}`,
    );
    expect(outputs().workspaceId).toBe(WS_ID);
  });

  it('ends with a warning and the current status when the wait times out', async () => {
    api.statuses = [{ status: 'starting' }];
    const action = createRdeWorkspaceCreateAction({
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
      discovery: {
        getBaseUrl: async () => `${baseUrl}/api/rde`,
        getExternalBaseUrl: async () => `${baseUrl}/api/rde`,
      },
      appBaseUrl: 'http://localhost:3000',
      pollIntervalMs: 5,
      waitTimeoutMs: 50,
    });
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({
        input: { blueprint: 'template:default/node-web' } as any,
        logger,
        workspacePath: '/nonexistent/rde-action-test',
      }),
      getInitiatorCredentials: async () => mockCredentials.user(ALICE),
    };
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('status', 'starting');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Workspace alice-node-web-k3x9 is still starting after 0 s; it keeps starting',
      ),
    );
  });

  it('stops waiting when the task is cancelled', async () => {
    api.statuses = [{ status: 'starting' }];
    const controller = new AbortController();
    const action = createRdeWorkspaceCreateAction({
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
      discovery: {
        getBaseUrl: async () => `${baseUrl}/api/rde`,
        getExternalBaseUrl: async () => `${baseUrl}/api/rde`,
      },
      appBaseUrl: 'http://localhost:3000',
      pollIntervalMs: 60_000,
    });
    const ctx = {
      ...createMockActionContext({
        input: { blueprint: 'template:default/node-web' } as any,
        workspacePath: '/nonexistent/rde-action-test',
      }),
      getInitiatorCredentials: async () => mockCredentials.user(ALICE),
      signal: controller.signal,
    };
    const promise = action.handler(ctx as any);
    await new Promise(resolve => setTimeout(resolve, 50));
    controller.abort();
    await expect(promise).rejects.toThrow('The task was cancelled');
    expect(api.requests.map(r => r.method)).toEqual(['POST']);
  });

  it('declares blueprint as required and name as a DNS label in its input schema', async () => {
    const { action, promise } = run({
      blueprint: 'x',
      waitUntilRunning: false,
    });
    await promise;
    const input = action.schema?.input as {
      required?: string[];
      properties: Record<string, any>;
    };
    expect(input.required).toEqual(['blueprint']);
    expect(JSON.stringify(input.properties.name)).toContain(
      '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    );
    expect(Object.keys(action.schema?.output?.properties ?? {}).sort()).toEqual(
      ['status', 'workspaceId', 'workspaceName', 'workspaceUrl'],
    );
  });
});
