import * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
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
} from '@rde-portal/agent';
import { loadTunnelDefinition, TUNNEL_METADATA } from '@rde-portal/tunnel';
import { TunnelServer, TUNNEL_RECEIVE_WINDOW } from './TunnelServer';

/** Tokens in memory: the tunnel server's view of the agent token store. */
class Tokens {
  readonly valid = new Map<string, string>([
    ['good-token', 'local'],
    ['other-token', 'other'],
  ]);
  async verify(token: string) {
    const cluster = this.valid.get(token);
    return cluster ? { tokenId: token, cluster } : undefined;
  }
  async markUsed() {}
}

const clusters = { ensure: async () => {}, markSeen: async () => {} };
const quiet: AgentLogger = { info: () => {}, warn: () => {}, error: () => {} };

const until = async (check: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 10));
  }
};

describe('TunnelServer with a real agent', () => {
  let server: TunnelServer;
  let tokens: Tokens;
  let dataDir: string;
  const agents: TunnelAgent[] = [];

  beforeEach(async () => {
    tokens = new Tokens();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-tunnel-'));
    server = new TunnelServer({
      config: new ConfigReader({
        rde: { tunnel: { listen: { host: '127.0.0.1', port: 0 } } },
      }),
      logger: mockServices.logger.mock(),
      tokens,
      clusters,
      heartbeatIntervalMs: 200,
    });
    await server.start();
  });

  afterEach(async () => {
    await Promise.all(agents.splice(0).map(a => a.stop()));
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const agent = (token: string, cluster = 'local') => {
    const a = new TunnelAgent({
      url: `grpc://127.0.0.1:${server.boundPort}`,
      token,
      cluster,
      driver: new LocalDriver({ dataDir }),
      logger: quiet,
      backoff: new Backoff({ initialMs: 50, maxMs: 200 }),
    });
    agents.push(a);
    a.start();
    return a;
  };

  it('runs lifecycle commands and a PTY through the agent it authenticated', async () => {
    await agent('good-token').whenConnected();
    expect(server.isOnline('local')).toBe(true);
    const created = await server.runCommand('local', {
      action: 'create',
      workspaceId: 'ws-1',
      name: 'demo',
      owner: 'user:default/a',
      image: 'local',
      env: { GREETING: 'hi' },
      secretEnv: {},
      resources: { cpu: '1', memory: '2Gi', storage: '10Gi' },
      ports: [],
    });
    expect(created).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
      message: undefined,
    });
    const session = await server.openTerminal('local', 'ws-1', {
      cols: 80,
      rows: 24,
    });
    let out = '';
    session.channel.on('data', (b: Buffer) => {
      out += b.toString();
      session.channel.consumed(b.length);
    });
    session.channel.write(Buffer.from('echo "$GREETING from $PWD"; exit 3\r'));
    const exit = await new Promise(resolve =>
      session.channel.once('exit', (code: number) => resolve(code)),
    );
    expect(exit).toBe(3);
    expect(out).toContain(
      `hi from ${path.join(dataDir, 'workspaces', 'ws-1')}`,
    );
    await expect(
      server.runCommand('local', { action: 'stop', workspaceId: 'ws-1' }),
    ).resolves.toMatchObject({ state: 'stopped' });
    await expect(
      server.openTerminal('local', 'ws-1', { cols: 80, rows: 24 }),
    ).rejects.toThrow(/not running/);
  });

  it('refuses an unknown token and a token of another cluster with clear statuses', async () => {
    const { Client } = loadTunnelDefinition();
    const client = new Client(
      `127.0.0.1:${server.boundPort}`,
      grpc.credentials.createInsecure(),
    );
    const call = (token: string, cluster: string) =>
      new Promise<grpc.StatusObject>(resolve => {
        const md = new grpc.Metadata();
        md.set(TUNNEL_METADATA.authorization, `Bearer ${token}`);
        const c = (client as any).Control(md);
        c.on('status', resolve);
        c.on('error', () => {});
        c.write({
          hello: {
            cluster,
            agentVersion: 't',
            driver: 'local',
            instanceId: 'x',
          },
        });
      });
    const unknown = await call('nope', 'local');
    expect(unknown.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(unknown.details).toMatch(/Unknown or revoked agent token/);
    const wrongCluster = await call('other-token', 'local');
    expect(wrongCluster.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(wrongCluster.details).toMatch(/belongs to cluster 'other'/);
    expect(server.isOnline('local')).toBe(false);
    client.close();
  });

  it('disconnects an agent whose token is revoked, and marks the cluster offline', async () => {
    await agent('good-token').whenConnected();
    tokens.valid.delete('good-token');
    await until(() => !server.isOnline('local'));
    await expect(
      server.runCommand('local', { action: 'observe', workspaceId: 'ws-1' }),
    ).rejects.toThrow(/No agent is connected for cluster 'local'/);
  });

  it('fails commands promptly when the agent goes away, and serves the agent that reconnects', async () => {
    const first = agent('good-token');
    await first.whenConnected();
    await first.stop();
    await until(() => !server.isOnline('local'));
    await expect(
      server.runCommand('local', { action: 'observe', workspaceId: 'ws-9' }),
    ).rejects.toThrow(/No agent/);
    await agent('good-token').whenConnected();
    await expect(
      server.runCommand('local', { action: 'observe', workspaceId: 'ws-9' }),
    ).resolves.toMatchObject({ state: 'absent' });
  });

  it('advertises a widened HTTP/2 receive window to agents (DESIGN §4 known trap)', async () => {
    await agent('good-token').whenConnected();
    const http2Servers = (server as any).server.http2Servers as Map<
      unknown,
      { sessions: Set<import('node:http2').ServerHttp2Session> }
    >;
    const sessions = [...http2Servers.values()].flatMap(s => [...s.sessions]);
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(session.state.effectiveLocalWindowSize).toBeGreaterThanOrEqual(
        TUNNEL_RECEIVE_WINDOW,
      );
      expect(session.localSettings.initialWindowSize).toBe(
        TUNNEL_RECEIVE_WINDOW,
      );
    }
  });
});

describe('TunnelServer transport security', () => {
  it('refuses to listen off loopback without TLS, with a message naming the settings', async () => {
    const server = new TunnelServer({
      config: new ConfigReader({
        rde: { tunnel: { listen: { host: '0.0.0.0', port: 0 } } },
      }),
      logger: mockServices.logger.mock(),
      tokens: new Tokens(),
      clusters,
    });
    await expect(server.start()).rejects.toThrow(
      /0\.0\.0\.0, which is not loopback: configure rde\.tunnel\.tls\.certFile and keyFile/,
    );
  });

  it('serves agents over TLS with the configured certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-tls-'));
    const certFile = path.join(dir, 'tls.crt');
    const keyFile = path.join(dir, 'tls.key');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    const server = new TunnelServer({
      config: new ConfigReader({
        rde: {
          tunnel: {
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile, keyFile },
          },
        },
      }),
      logger: mockServices.logger.mock(),
      tokens: new Tokens(),
      clusters,
    });
    await server.start();
    const tlsAgent = new TunnelAgent({
      url: `grpcs://localhost:${server.boundPort}`,
      token: 'good-token',
      cluster: 'local',
      driver: new LocalDriver({ dataDir: dir }),
      logger: quiet,
      caPem: fs.readFileSync(certFile),
      backoff: new Backoff({ initialMs: 50, maxMs: 200 }),
    });
    try {
      tlsAgent.start();
      await tlsAgent.whenConnected();
      expect(server.isOnline('local')).toBe(true);
      await expect(
        server.runCommand('local', {
          action: 'observe',
          workspaceId: 'ws-tls',
        }),
      ).resolves.toMatchObject({ state: 'absent' });
    } finally {
      await tlsAgent.stop();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
