import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  Backoff,
  LocalDriver,
  TunnelAgent,
  type AgentLogger,
  type WorkspaceSpec,
} from '@rde-portal/agent';
import {
  loadTunnelDefinition,
  type ControlMessage__Output,
} from '@rde-portal/tunnel';
import { toProtoAction } from './AgentConnection';
import type { WorkspaceCommand, WorkspaceDeployment } from './AgentGateway';
import { TunnelServer } from './TunnelServer';

const deployment: WorkspaceDeployment = {
  workspaceId: 'ws-1',
  name: 'alice-node-web-x1y2',
  owner: 'user:default/alice',
  image: 'node:22',
  env: { NODE_ENV: 'development' },
  secretEnv: { GITHUB_TOKEN: 'github-token' },
  repository: { url: 'https://git.example.com/team/app.git', ref: 'main' },
  startupCommand: 'npm run dev',
  resources: { cpu: '500m', memory: '2Gi', storage: '10Gi' },
  ports: [3000, 9229],
};

/** The command part of a control message as the agent decodes it, through the real serialisers. */
function asReceived(command: WorkspaceCommand) {
  const control = loadTunnelDefinition().service.Control;
  const message = control.responseDeserialize(
    control.responseSerialize({
      command: { commandId: 'c', ...toProtoAction(command) },
    }),
  ) as ControlMessage__Output;
  return message.command!;
}

describe('toProtoAction', () => {
  it('sends every deployment field for upgrade and create', () => {
    const spec = {
      workspaceId: 'ws-1',
      name: 'alice-node-web-x1y2',
      owner: 'user:default/alice',
      image: 'node:22',
      env: { NODE_ENV: 'development' },
      secretEnv: { GITHUB_TOKEN: 'github-token' },
      repositoryUrl: 'https://git.example.com/team/app.git',
      repositoryRef: 'main',
      startupCommand: 'npm run dev',
      cpu: '500m',
      memory: '2Gi',
      storage: '10Gi',
      ports: [3000, 9229],
    };
    const upgrade = asReceived({ action: 'upgrade', ...deployment });
    expect(upgrade.action).toBe('upgradeWorkspace');
    expect(upgrade.upgradeWorkspace).toEqual(spec);
    const create = asReceived({ action: 'create', ...deployment });
    expect(create.action).toBe('createWorkspace');
    expect(create.createWorkspace).toEqual(spec);
  });

  it('sends absent optional fields as empty strings', () => {
    const { repository, startupCommand, ...rest } = deployment;
    const received = asReceived({ action: 'create', ...rest });
    expect(received.createWorkspace).toMatchObject({
      repositoryUrl: '',
      repositoryRef: '',
      startupCommand: '',
    });
    expect(
      asReceived({
        action: 'create',
        ...rest,
        repository: { url: 'https://git.example.com/x.git' },
      }).createWorkspace,
    ).toMatchObject({
      repositoryUrl: 'https://git.example.com/x.git',
      repositoryRef: '',
    });
  });

  it('maps each workspace reference action to its own oneof case', () => {
    for (const [action, field] of [
      ['start', 'startWorkspace'],
      ['stop', 'stopWorkspace'],
      ['restart', 'restartWorkspace'],
      ['delete', 'deleteWorkspace'],
      ['observe', 'observeWorkspace'],
    ] as const) {
      const received = asReceived({ action, workspaceId: 'ws-7' });
      expect(received.action).toBe(field);
      expect(received[field]).toEqual({ workspaceId: 'ws-7' });
    }
  });

  it('refuses an unknown action with a message naming it', () => {
    expect(() =>
      toProtoAction({ action: 'explode', workspaceId: 'x' } as any),
    ).toThrow("Unknown workspace command 'explode'");
  });
});

/** The local driver, remembering what it was asked to deploy. */
class RecordingDriver extends LocalDriver {
  readonly upgrades: WorkspaceSpec[] = [];
  readonly restarts: string[] = [];

  async upgrade(spec: WorkspaceSpec) {
    this.upgrades.push(spec);
    return super.upgrade(spec);
  }

  async restart(workspaceId: string) {
    this.restarts.push(workspaceId);
    return super.restart(workspaceId);
  }
}

describe('AgentConnection with a real agent', () => {
  const quiet: AgentLogger = {
    info: () => {},
    warn: () => {},
    error: () => {},
  };
  let dataDir: string;
  let server: TunnelServer;
  let driver: RecordingDriver;
  let agent: TunnelAgent;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-conn-'));
    server = new TunnelServer({
      config: new ConfigReader({
        rde: { tunnel: { listen: { host: '127.0.0.1', port: 0 } } },
      }),
      logger: mockServices.logger.mock(),
      tokens: {
        verify: async token =>
          token === 'good-token'
            ? { tokenId: 't', cluster: 'local' }
            : undefined,
        markUsed: async () => {},
      },
      clusters: { ensure: async () => {}, markSeen: async () => {} },
      heartbeatIntervalMs: 200,
    });
    await server.start();
    driver = new RecordingDriver({ dataDir, cluster: 'local' });
    agent = new TunnelAgent({
      url: `grpc://127.0.0.1:${server.boundPort}`,
      token: 'good-token',
      cluster: 'local',
      driver,
      logger: quiet,
      backoff: new Backoff({ initialMs: 50, maxMs: 200 }),
    });
    agent.start();
    await agent.whenConnected();
  });

  afterEach(async () => {
    await agent.stop();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const local: Omit<WorkspaceDeployment, 'workspaceId'> = {
    name: 'demo',
    owner: 'user:default/alice',
    image: 'local',
    env: { VERSION: 'one' },
    secretEnv: {},
    resources: { cpu: '1', memory: '2Gi', storage: '10Gi' },
    ports: [],
  };

  it('runs restart and upgrade on the agent and maps its observations back', async () => {
    await expect(
      server.runCommand('local', {
        action: 'create',
        workspaceId: 'ws-u',
        ...local,
      }),
    ).resolves.toEqual({
      workspaceId: 'ws-u',
      state: 'running',
      message: undefined,
    });

    fs.mkdirSync(path.join(dataDir, 'secrets'));
    fs.writeFileSync(path.join(dataDir, 'secrets', 'api-token'), 'v');
    const upgrade: WorkspaceCommand = {
      action: 'upgrade',
      workspaceId: 'ws-u',
      ...local,
      env: { VERSION: 'two' },
      secretEnv: { API_TOKEN: 'api-token' },
      startupCommand: 'sleep 1000',
      resources: { cpu: '2', memory: '4Gi', storage: '20Gi' },
      ports: [3000],
    };
    await expect(server.runCommand('local', upgrade)).resolves.toEqual({
      workspaceId: 'ws-u',
      state: 'running',
      message: undefined,
    });
    expect(driver.upgrades).toEqual([
      {
        workspaceId: 'ws-u',
        name: 'demo',
        owner: 'user:default/alice',
        image: 'local',
        env: { VERSION: 'two' },
        secretEnv: { API_TOKEN: 'api-token' },
        startupCommand: 'sleep 1000',
        resources: { cpu: '2', memory: '4Gi', storage: '20Gi' },
        ports: [3000],
      },
    ]);
    const before = driver.startupPid('ws-u');
    expect(before).toBeGreaterThan(0);

    await expect(
      server.runCommand('local', { action: 'restart', workspaceId: 'ws-u' }),
    ).resolves.toEqual({
      workspaceId: 'ws-u',
      state: 'running',
      message: undefined,
    });
    expect(driver.restarts).toEqual(['ws-u']);
    expect(driver.startupPid('ws-u')).not.toBe(before);

    await expect(
      server.runCommand('local', { action: 'restart', workspaceId: 'ws-9' }),
    ).resolves.toEqual({
      workspaceId: 'ws-9',
      state: 'absent',
      message: 'The workspace does not exist on this cluster; create it again.',
    });
  });

  it("rejects with the agent's message when an upgrade cannot be applied", async () => {
    await server.runCommand('local', {
      action: 'create',
      workspaceId: 'ws-f',
      ...local,
    });
    await expect(
      server.runCommand('local', {
        action: 'upgrade',
        workspaceId: 'ws-f',
        ...local,
        secretEnv: { DB_PASSWORD: 'db-password' },
      }),
    ).rejects.toThrow(
      `secret 'db-password' is not set on cluster 'local': write it to ${path.join(
        dataDir,
        'secrets',
        'db-password',
      )}; the upgrade was not applied`,
    );
  });
});
