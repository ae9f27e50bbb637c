import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The repository root. */
// Tests run from source, never from a build, so __dirname is this folder.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running demo stack: a real backend process and agents started on demand. */
export interface Stack {
  /** http://localhost:<port> of the backend (which also serves the built app). */
  baseUrl: string;
  tunnelPort: number;
  agentToken: string;
  dataDir: string;
  /** Starts an rde-agent process for cluster `local`; resolves once it is connected. */
  startAgent(): Promise<ChildProcess>;
  /** A Backstage token of the guest user. */
  guestToken(): Promise<string>;
  /** Calls the RDE REST API as the guest. */
  api(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  /** The agent processes started so far, still running or not. */
  agentProcesses(): ChildProcess[];
  /** Everything the processes printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

function spawnLogged(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  log: string[],
  name: string,
) {
  const child = spawn(command, args, {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  const keep = (chunk: Buffer) => {
    if (chunk.includes('/.backstage/health/')) return;
    log.push(`[${name}] ${chunk.toString()}`);
    if (log.length > 5000) log.splice(0, log.length - 5000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('error', error =>
    log.push(`[${name}] failed to start: ${error.message}\n`),
  );
  child.on('exit', (code, signal) =>
    log.push(`[${name}] exited: ${signal ?? code}\n`),
  );
  return child;
}

async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  log: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}\n${log().slice(-6000)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * The blueprint every end-to-end test launches: a plain shell on the local agent (no repository,
 * no startup command), as a catalog Template like the examples in `examples/blueprints/`.
 */
export const E2E_BLUEPRINT = 'shell';

const E2E_BLUEPRINT_YAML = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${E2E_BLUEPRINT}
  title: Shell workspace
  description: A directory on the local agent's host with a login shell.
spec:
  type: rde-blueprint
  owner: group:default/guests
  steps:
    - id: workspace
      name: Create workspace
      action: rde:workspace:create
      input:
        blueprint: template:default/${E2E_BLUEPRINT}
  rde:
    image: local
    cluster: local
    env:
      EDITOR: vi
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: broken-blueprint
  title: A blueprint with an invalid rde block
spec:
  type: rde-blueprint
  owner: group:default/guests
  steps: []
  rde:
    image: local
    cluster: local
    ports:
      - port: 70000
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: restricted-lab
  title: A blueprint only other.example may use
spec:
  type: rde-blueprint
  owner: group:default/guests
  steps: []
  rde:
    image: local
    cluster: local
    access: ['@other.example']
`;

/** Options of {@link startStack}. */
export interface StackOptions {
  /**
   * A PostgreSQL connection string and a database prefix: the backend keeps its plugin databases
   * there (`<prefix>rde`, `<prefix>catalog`, …) instead of SQLite, so two stacks given the same
   * pair share them like two replicas.
   */
  postgres?: { connection: string; prefix: string };
  /** Merged over `rde` of the generated config, e.g. `{ limits: { … } }`. */
  rde?: Record<string, unknown>;
}

/**
 * Starts the demo backend as a real process (the same entry point as `scripts/start.sh`), on free
 * ports with a fresh SQLite directory (or the given PostgreSQL), with the example catalog plus the
 * {@link E2E_BLUEPRINT} blueprint, and returns handles to drive it once that blueprint is offered.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = await freePort();
  const tunnelPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-e2e-'));
  const agentToken = randomBytes(32).toString('base64url');
  const baseUrl = `http://localhost:${port}`;
  const configFile = path.join(dataDir, 'app-config.e2e.yaml');
  const blueprintFile = path.join(dataDir, 'e2e-blueprint.yaml');
  fs.writeFileSync(blueprintFile, E2E_BLUEPRINT_YAML);
  const examples = path.join(REPO_ROOT, 'examples');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        cors: { origin: baseUrl },
        database: options.postgres
          ? {
              client: 'pg',
              connection: options.postgres.connection,
              prefix: options.postgres.prefix,
            }
          : {
              client: 'better-sqlite3',
              connection: { directory: path.join(dataDir, 'sqlite') },
            },
      },
      catalog: {
        // Arrays replace, not merge: the example locations again, plus the e2e blueprint.
        locations: [
          { type: 'file', target: path.join(examples, 'entities.yaml') },
          {
            type: 'file',
            target: path.join(examples, 'org.yaml'),
            rules: [{ allow: ['User', 'Group'] }],
          },
          {
            type: 'file',
            target: path.join(examples, 'blueprints/*.yaml'),
            rules: [{ allow: ['Template'] }],
          },
          {
            type: 'file',
            target: blueprintFile,
            rules: [{ allow: ['Template'] }],
          },
        ],
      },
      events: { useEventBus: 'never' },
      rde: {
        tunnel: { listen: { host: '127.0.0.1', port: tunnelPort } },
        agents: [{ cluster: 'local', token: agentToken }],
        terminal: { allowedOrigins: [baseUrl] },
        // The suites launch more than the default 5 per minute; the limit has its own tests.
        limits: { launchesPerMinute: 1000, maxRunningWorkspacesPerUser: 50 },
        ...options.rde,
      },
    }),
  );
  const log: string[] = [];
  const output = () => log.join('');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RDE_DEV_AGENT_TOKEN: agentToken,
    RDE_DATA_DIR: dataDir,
    NODE_ENV: 'development',
  };
  delete env.CI;
  const backend = spawnLogged(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    { cwd: path.join(REPO_ROOT, 'packages/backend'), env },
    log,
    'backend',
  );
  const agents: ChildProcess[] = [];
  let token: string | undefined;

  const stack: Stack = {
    baseUrl,
    tunnelPort,
    agentToken,
    dataDir,
    output,
    agentProcesses: () =>
      agents.filter(a => a.exitCode === null && a.signalCode === null),
    async startAgent() {
      const tokenFile = path.join(dataDir, 'agent-token');
      fs.writeFileSync(tokenFile, agentToken, { mode: 0o600 });
      const agent = spawnLogged(
        path.join(REPO_ROOT, 'agent/bin/rde-agent'),
        [
          '--url',
          `grpc://127.0.0.1:${tunnelPort}`,
          '--cluster',
          'local',
          '--token-file',
          tokenFile,
          '--data-dir',
          path.join(dataDir, 'agent'),
        ],
        {
          cwd: REPO_ROOT,
          env: {
            ...env,
            // As scripts/start.sh: the agent reads its token from the file only.
            RDE_DEV_AGENT_TOKEN: undefined,
            PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
          },
        },
        log,
        'agent',
      );
      agents.push(agent);
      await waitFor(
        'the agent to connect',
        async () => {
          const { body } = await stack.api('GET', '/clusters');
          return body?.items?.some((c: any) => c.name === 'local' && c.online)
            ? true
            : undefined;
        },
        30_000,
        output,
      );
      return agent;
    },
    async guestToken() {
      if (!token) {
        const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        });
        if (!res.ok)
          throw new Error(
            `guest sign-in failed: ${res.status} ${await res.text()}`,
          );
        token = (await res.json()).backstageIdentity.token as string;
      }
      return token;
    },
    async api(method, route, body) {
      const res = await fetch(`${baseUrl}/api/rde${route}`, {
        method,
        headers: {
          Authorization: `Bearer ${await stack.guestToken()}`,
          'Content-Type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed };
    },
    async stop() {
      await Promise.all(agents.map(killProcess));
      await killProcess(backend);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await waitFor(
      'the backend to be ready',
      async () => {
        if (backend.exitCode !== null)
          throw new Error(
            `backend exited with ${backend.exitCode}\n${output()}`,
          );
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok ? true : undefined;
      },
      120_000,
      output,
    );
    // The catalog processes the blueprint templates shortly after start.
    await waitFor(
      `blueprint '${E2E_BLUEPRINT}' in the catalog`,
      async () => {
        const { body } = await stack.api('GET', '/blueprints');
        return body?.items?.some((b: any) => b.name === E2E_BLUEPRINT)
          ? true
          : undefined;
      },
      120_000,
      output,
    );
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** Polls until the workspace reaches `status`; fails with the stack's output after `timeoutMs`. */
export async function waitForWorkspace(
  stack: Stack,
  id: string,
  status: string,
  timeoutMs = 30_000,
): Promise<any> {
  let last: unknown;
  return waitFor(
    `workspace ${id} to be ${status}`,
    async () => {
      const { body } = await stack.api('GET', `/workspaces/${id}`);
      last = body;
      return body?.status === status ? body : undefined;
    },
    timeoutMs,
    () => `${stack.output()}\nlast seen: ${JSON.stringify(last)}`,
  );
}
