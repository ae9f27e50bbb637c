import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDriver } from './LocalDriver';
import type { WorkspaceSpec } from './WorkspaceDriver';

const spec = (
  workspaceId: string,
  extra: Partial<WorkspaceSpec> = {},
): WorkspaceSpec => ({
  workspaceId,
  name: 'demo',
  owner: 'user:default/a',
  image: 'local',
  env: { FROM_BLUEPRINT: 'yes' },
  secretEnv: {},
  resources: { cpu: '1', memory: '2Gi', storage: '10Gi' },
  ports: [],
  ...extra,
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  ).trim();

/**
 * A bare repository at `<root>/repo.git` with two commits on `main` (README.md) and a branch
 * `feature` adding FEATURE.md; returns its file:// URL.
 */
function makeRepository(root: string): string {
  const bare = path.join(root, 'repo.git');
  const work = path.join(root, 'repo-work');
  fs.mkdirSync(work);
  git(root, 'init', '--quiet', '--bare', bare);
  git(work, 'init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(work, 'README.md'), 'first\n');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'first');
  fs.writeFileSync(path.join(work, 'README.md'), 'second\n');
  git(work, 'commit', '--quiet', '-am', 'second');
  git(work, 'checkout', '--quiet', '-b', 'feature');
  fs.writeFileSync(path.join(work, 'FEATURE.md'), 'feature\n');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'feature');
  git(work, 'push', '--quiet', bare, 'main', 'feature');
  git(root, '--git-dir', bare, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  return `file://${bare}`;
}

/** Live (not zombie) processes of process group `pgid`, from /proc. */
function liveGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // Exited meanwhile.
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') {
      members.push(Number(entry));
    }
  }
  return members;
}

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms)
      throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
};

// Real processes on a machine shared with other test runs; ending one that ignores SIGTERM
// alone takes the 2 s grace.
jest.setTimeout(30_000);

describe('LocalDriver', () => {
  let root: string;
  let dataDir: string;
  let driver: LocalDriver;
  const wsDir = (id: string) => path.join(dataDir, 'workspaces', id);

  /** Runs argv in a terminal of the workspace and resolves with all it printed. */
  const runInTerminal = async (id: string, command: string[]) => {
    const pty = await driver.openTty(id, {
      cols: 200,
      rows: 24,
      command,
      env: {},
    });
    let out = '';
    pty.onData(data => {
      out += data.toString();
    });
    await new Promise(resolve => pty.onExit(resolve));
    return out;
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-local-'));
    dataDir = path.join(root, 'data');
    driver = new LocalDriver({ dataDir, cluster: 'test-cluster' });
  });

  afterEach(async () => {
    await driver.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('walks a workspace through its lifecycle, idempotently', async () => {
    expect(await driver.observe('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'absent',
    });
    expect(await driver.create(spec('ws-1'))).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(await driver.create(spec('ws-1'))).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(fs.existsSync(wsDir('ws-1'))).toBe(true);
    expect(await driver.stop('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'stopped',
    });
    await expect(
      driver.openTty('ws-1', { cols: 80, rows: 24, command: [], env: {} }),
    ).rejects.toThrow(/is not running; start it before opening a terminal/);
    expect(await driver.start('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(await driver.restart('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(await driver.restart('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(await driver.delete('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'absent',
    });
    expect(await driver.delete('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'absent',
    });
    expect(fs.existsSync(wsDir('ws-1'))).toBe(false);
    for (const result of [
      await driver.start('ws-1'),
      await driver.restart('ws-1'),
      await driver.upgrade(spec('ws-1')),
    ]) {
      expect(result).toEqual({
        workspaceId: 'ws-1',
        state: 'absent',
        message:
          'The workspace does not exist on this cluster; create it again.',
      });
    }
  });

  it('refuses ids that could leave the data directory', async () => {
    for (const id of ['../etc', 'a/b', '', '.hidden', 'UPPER']) {
      await expect(driver.create(spec(id))).rejects.toThrow(
        /Invalid workspace id/,
      );
      await expect(driver.restart(id)).rejects.toThrow(/Invalid workspace id/);
      await expect(driver.upgrade(spec(id))).rejects.toThrow(
        /Invalid workspace id/,
      );
    }
  });

  it("gives a terminal the workspace's environment, never the agent's", async () => {
    process.env.RDE_AGENT_SECRET_FOR_TEST = 'must-not-leak';
    try {
      await driver.create(spec('ws-2'));
      const pty = await driver.openTty('ws-2', {
        cols: 80,
        rows: 24,
        command: ['/usr/bin/env'],
        env: { FROM_REQUEST: 'also' },
      });
      let out = '';
      pty.onData(data => {
        out += data.toString();
      });
      await new Promise(resolve => pty.onExit(resolve));
      expect(out).toContain('FROM_BLUEPRINT=yes');
      expect(out).toContain('FROM_REQUEST=also');
      expect(out).toContain(`HOME=${wsDir('ws-2')}`);
      expect(out).not.toContain('must-not-leak');
    } finally {
      delete process.env.RDE_AGENT_SECRET_FOR_TEST;
    }
  });

  describe('repository', () => {
    it('clones the given branch, shallow, into the workspace', async () => {
      const url = makeRepository(root);
      expect(
        await driver.create(
          spec('ws-git', { repository: { url, ref: 'feature' } }),
        ),
      ).toEqual({ workspaceId: 'ws-git', state: 'running' });
      const dir = wsDir('ws-git');
      expect(fs.readFileSync(path.join(dir, 'FEATURE.md'), 'utf8')).toBe(
        'feature\n',
      );
      expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('feature');
      expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
      // No temporary clone is left next to the workspace.
      expect(fs.readdirSync(path.join(dataDir, 'workspaces'))).toEqual([
        'ws-git',
      ]);
    });

    it("clones the default branch when no ref is given, and keeps the agent's files out of git status", async () => {
      const url = makeRepository(root);
      await driver.create(
        spec('ws-main', { repository: { url }, startupCommand: 'true' }),
      );
      const dir = wsDir('ws-main');
      expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(
        'second\n',
      );
      expect(fs.existsSync(path.join(dir, 'FEATURE.md'))).toBe(false);
      expect(fs.existsSync(path.join(dir, '.rde', 'startup.log'))).toBe(true);
      expect(git(dir, 'status', '--porcelain')).toBe('');
    });

    it('fails with a message naming the repository and leaves nothing behind', async () => {
      const missing = `file://${path.join(root, 'nope.git')}`;
      const result = await driver.create(
        spec('ws-bad', { repository: { url: missing } }),
      );
      expect(result.state).toBe('failed');
      expect(result.message).toMatch(
        new RegExp(
          `^could not clone ${missing}: fatal: '?${path.join(
            root,
            'nope.git',
          )}'? does not appear to be a git repository$`,
        ),
      );
      expect(fs.existsSync(wsDir('ws-bad'))).toBe(false);
      expect(await driver.observe('ws-bad')).toEqual({
        workspaceId: 'ws-bad',
        state: 'absent',
      });

      const url = makeRepository(root);
      const badRef = await driver.create(
        spec('ws-bad', { repository: { url, ref: 'no-such-branch' } }),
      );
      expect(badRef).toEqual({
        workspaceId: 'ws-bad',
        state: 'failed',
        message: `could not clone ${url}: fatal: Remote branch no-such-branch not found in upstream origin`,
      });
      expect(fs.readdirSync(path.join(dataDir, 'workspaces'))).toEqual([]);

      // A later create with a good repository succeeds from scratch.
      expect(
        (await driver.create(spec('ws-bad', { repository: { url } }))).state,
      ).toBe('running');
    });
  });

  describe('startup command', () => {
    // The leader is bash (or the `sh` it execs last); `sleep … &` is one more member of the group.
    const startupCommand =
      'echo "hello $FROM_BLUEPRINT" > started.txt; echo to-stdout; echo to-stderr >&2; sh -c "sleep 1000 & wait"';

    it('runs in the workspace with its env, logs to .rde/startup.log, and is ended on stop with its whole group', async () => {
      await driver.create(spec('ws-s', { startupCommand }));
      const dir = wsDir('ws-s');
      await until(
        () => fs.existsSync(path.join(dir, 'started.txt')),
        'started.txt',
      );
      expect(fs.readFileSync(path.join(dir, 'started.txt'), 'utf8')).toBe(
        'hello yes\n',
      );
      const log = path.join(dir, '.rde', 'startup.log');
      await until(
        () => /to-stderr/.test(fs.readFileSync(log, 'utf8')),
        'the log',
      );
      expect(fs.readFileSync(log, 'utf8')).toContain('to-stdout\n');
      const pid = driver.startupPid('ws-s')!;
      expect(pid).toBeGreaterThan(0);
      await until(() => liveGroupMembers(pid).length >= 2, 'sleep to start');

      expect(await driver.stop('ws-s')).toEqual({
        workspaceId: 'ws-s',
        state: 'stopped',
      });
      expect(liveGroupMembers(pid)).toEqual([]);
      expect(driver.startupPid('ws-s')).toBeUndefined();
      expect(fs.readFileSync(log, 'utf8')).toMatch(
        /\[rde\] startup command (ended by SIGTERM|exited with code \d+)\n$/,
      );

      // start runs it again.
      fs.rmSync(path.join(dir, 'started.txt'));
      await driver.start('ws-s');
      await until(
        () => fs.existsSync(path.join(dir, 'started.txt')),
        'started.txt again',
      );
      const again = driver.startupPid('ws-s')!;
      expect(again).not.toBe(pid);
      await until(() => liveGroupMembers(again).length >= 2, 'sleep again');

      // A repeated start or create does not launch a second one.
      await driver.start('ws-s');
      await driver.create(spec('ws-s', { startupCommand }));
      expect(driver.startupPid('ws-s')).toBe(again);

      await driver.delete('ws-s');
      expect(liveGroupMembers(again)).toEqual([]);
    });

    it('runs a one-shot command once per start, not again on a repeated start or create', async () => {
      const command = 'echo run >> runs.txt';
      const runs = path.join(wsDir('ws-o'), 'runs.txt');
      const count = () =>
        fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').length / 4 : 0;
      await driver.create(spec('ws-o', { startupCommand: command }));
      await until(() => count() === 1, 'the first run');
      await until(() => driver.startupPid('ws-o') === undefined, 'its end');
      await driver.start('ws-o');
      await driver.create(spec('ws-o', { startupCommand: command }));
      await new Promise(r => setTimeout(r, 200));
      expect(count()).toBe(1);
      await driver.restart('ws-o');
      await until(() => count() === 2, 'the run after restart');
      await driver.stop('ws-o');
      await driver.start('ws-o');
      await until(() => count() === 3, 'the run after stop and start');
    });

    it('is replaced on restart and ended on agent shutdown', async () => {
      await driver.create(spec('ws-r', { startupCommand }));
      const first = driver.startupPid('ws-r')!;
      await until(() => liveGroupMembers(first).length >= 2, 'first run');
      expect(await driver.restart('ws-r')).toEqual({
        workspaceId: 'ws-r',
        state: 'running',
      });
      const second = driver.startupPid('ws-r')!;
      expect(second).not.toBe(first);
      expect(liveGroupMembers(first)).toEqual([]);
      await until(() => liveGroupMembers(second).length >= 2, 'second run');
      await driver.shutdown();
      expect(liveGroupMembers(second)).toEqual([]);
    });

    it('never follows a symbolic link the workspace put where its log goes', async () => {
      await driver.create(spec('ws-l'));
      const outside = path.join(root, 'outside.txt');
      fs.writeFileSync(outside, 'untouched\n');
      const rde = path.join(wsDir('ws-l'), '.rde');
      fs.mkdirSync(rde);
      fs.symlinkSync(outside, path.join(rde, 'startup.log'));
      await driver.upgrade(spec('ws-l', { startupCommand: 'echo logged' }));
      await until(
        () =>
          /exited with code 0/.test(
            fs.readFileSync(path.join(rde, 'startup.log'), 'utf8'),
          ),
        'the log',
      );
      expect(fs.lstatSync(path.join(rde, 'startup.log')).isFile()).toBe(true);
      expect(fs.readFileSync(outside, 'utf8')).toBe('untouched\n');

      fs.rmSync(rde, { recursive: true });
      fs.symlinkSync(root, rde);
      await driver.restart('ws-l');
      expect(fs.lstatSync(rde).isDirectory()).toBe(true);
      expect(fs.existsSync(path.join(root, 'startup.log'))).toBe(false);
    });

    it('is killed when it ignores SIGTERM', async () => {
      await driver.create(
        spec('ws-t', {
          startupCommand: "trap '' TERM; sh -c 'sleep 1000 & wait'",
        }),
      );
      const pid = driver.startupPid('ws-t')!;
      await until(() => liveGroupMembers(pid).length >= 2, 'sleep to start');
      await driver.restart('ws-t');
      expect(liveGroupMembers(pid)).toEqual([]);
      await driver.stop('ws-t');
    });

    it('ends the terminals too on restart', async () => {
      await driver.create(spec('ws-p'));
      const pty = await driver.openTty('ws-p', {
        cols: 80,
        rows: 24,
        command: ['sleep', '1000'],
        env: {},
      });
      const exited = new Promise(resolve => pty.onExit(resolve));
      await driver.restart('ws-p');
      await exited;
      expect(liveGroupMembers(pty.pid)).toEqual([]);
    });
  });

  describe('secrets', () => {
    const writeSecret = (name: string, value: string) => {
      fs.mkdirSync(driver.secretsDir, { recursive: true });
      fs.writeFileSync(path.join(driver.secretsDir, name), value);
    };

    it('resolves secret env from <dataDir>/secrets into terminals and the startup command, and never stores the value', async () => {
      expect(driver.secretsDir).toBe(path.join(dataDir, 'secrets'));
      writeSecret('api-token', 's3cret-value\n');
      await driver.create(
        spec('ws-sec', {
          secretEnv: { API_TOKEN: 'api-token' },
          startupCommand: 'printf %s "$API_TOKEN" > from-startup.txt',
        }),
      );
      const out = await runInTerminal('ws-sec', ['/usr/bin/env']);
      expect(out).toMatch(/^API_TOKEN=s3cret-value\r?$/m);
      const file = path.join(wsDir('ws-sec'), 'from-startup.txt');
      await until(() => fs.existsSync(file), 'the startup command');
      await until(
        () => fs.readFileSync(file, 'utf8') === 's3cret-value',
        'the secret in the startup file',
      );
      const state = fs.readFileSync(
        path.join(dataDir, 'state', 'ws-sec.json'),
        'utf8',
      );
      expect(state).toContain('api-token');
      expect(state).not.toContain('s3cret-value');

      // A changed secret applies to the next terminal.
      writeSecret('api-token', 'rotated');
      expect(await runInTerminal('ws-sec', ['/usr/bin/env'])).toMatch(
        /^API_TOKEN=rotated\r?$/m,
      );
    });

    it('fails clearly when a secret is missing, on create and on start', async () => {
      const file = path.join(dataDir, 'secrets', 'db-password');
      expect(
        await driver.create(
          spec('ws-nosec', { secretEnv: { DB_PASSWORD: 'db-password' } }),
        ),
      ).toEqual({
        workspaceId: 'ws-nosec',
        state: 'failed',
        message: `secret 'db-password' is not set on cluster 'test-cluster': write it to ${file}`,
      });
      expect(fs.existsSync(wsDir('ws-nosec'))).toBe(false);
      expect((await driver.observe('ws-nosec')).state).toBe('absent');

      writeSecret('db-password', 'pw');
      await driver.create(
        spec('ws-nosec', { secretEnv: { DB_PASSWORD: 'db-password' } }),
      );
      await driver.stop('ws-nosec');
      fs.rmSync(file);
      const failed = {
        workspaceId: 'ws-nosec',
        state: 'failed',
        message: `secret 'db-password' is not set on cluster 'test-cluster': write it to ${file}`,
      };
      expect(await driver.start('ws-nosec')).toEqual(failed);
      expect(await driver.observe('ws-nosec')).toEqual(failed);
      await expect(
        driver.openTty('ws-nosec', {
          cols: 80,
          rows: 24,
          command: [],
          env: {},
        }),
      ).rejects.toThrow(/is not running/);
      writeSecret('db-password', 'pw');
      expect(await driver.start('ws-nosec')).toEqual({
        workspaceId: 'ws-nosec',
        state: 'running',
      });
      expect(await driver.observe('ws-nosec')).toEqual({
        workspaceId: 'ws-nosec',
        state: 'running',
      });
    });
  });

  describe('upgrade', () => {
    it('applies the new spec to new terminals and the startup command, keeps the files, restarts', async () => {
      await driver.create(
        spec('ws-u', {
          env: { VERSION: 'one' },
          startupCommand: 'sleep 1000',
        }),
      );
      const dir = wsDir('ws-u');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
      const before = driver.startupPid('ws-u')!;
      await until(() => liveGroupMembers(before).length >= 1, 'first run');

      expect(
        await driver.upgrade(
          spec('ws-u', {
            env: { VERSION: 'two' },
            startupCommand: 'echo "$VERSION" > version.txt; sleep 1000',
            ports: [3000],
          }),
        ),
      ).toEqual({ workspaceId: 'ws-u', state: 'running' });
      expect(liveGroupMembers(before)).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe(
        'mine\n',
      );
      const out = await runInTerminal('ws-u', ['/usr/bin/env']);
      expect(out).toMatch(/^VERSION=two\r?$/m);
      await until(
        () => fs.existsSync(path.join(dir, 'version.txt')),
        'the new startup command',
      );
      expect(fs.readFileSync(path.join(dir, 'version.txt'), 'utf8')).toBe(
        'two\n',
      );
      const state = JSON.parse(
        fs.readFileSync(path.join(dataDir, 'state', 'ws-u.json'), 'utf8'),
      );
      expect(state.spec.ports).toEqual([3000]);
    });

    it('clones a repository the workspace does not have yet, and never re-clones an existing checkout', async () => {
      const url = makeRepository(root);
      await driver.create(spec('ws-uc'));
      const dir = wsDir('ws-uc');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');

      await driver.upgrade(spec('ws-uc', { repository: { url } }));
      expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(
        'second\n',
      );
      expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe(
        'mine\n',
      );

      fs.writeFileSync(path.join(dir, 'README.md'), 'local edit\n');
      expect(
        await driver.upgrade(
          spec('ws-uc', { repository: { url, ref: 'feature' } }),
        ),
      ).toEqual({ workspaceId: 'ws-uc', state: 'running' });
      expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(
        'local edit\n',
      );
      expect(fs.existsSync(path.join(dir, 'FEATURE.md'))).toBe(false);
    });

    it('refuses to check out over files the workspace already has', async () => {
      const url = makeRepository(root);
      await driver.create(spec('ws-ux'));
      const dir = wsDir('ws-ux');
      fs.writeFileSync(path.join(dir, 'README.md'), 'mine\n');
      expect(
        await driver.upgrade(spec('ws-ux', { repository: { url } })),
      ).toEqual({
        workspaceId: 'ws-ux',
        state: 'failed',
        message: `could not check out ${url}: the workspace already has 'README.md'; move it away and upgrade again; the upgrade was not applied`,
      });
      expect(fs.readdirSync(dir)).toEqual(['README.md']);
      expect(fs.readdirSync(path.join(dataDir, 'workspaces'))).toEqual([
        'ws-ux',
      ]);
    });

    it('changes nothing when the new spec cannot be applied', async () => {
      await driver.create(
        spec('ws-uf', {
          env: { VERSION: 'one' },
          startupCommand: 'sleep 1000',
        }),
      );
      const pid = driver.startupPid('ws-uf')!;
      const result = await driver.upgrade(
        spec('ws-uf', {
          env: { VERSION: 'two' },
          secretEnv: { TOKEN: 'absent-secret' },
        }),
      );
      expect(result).toEqual({
        workspaceId: 'ws-uf',
        state: 'failed',
        message: `secret 'absent-secret' is not set on cluster 'test-cluster': write it to ${path.join(
          dataDir,
          'secrets',
          'absent-secret',
        )}; the upgrade was not applied`,
      });
      const bad = await driver.upgrade(
        spec('ws-uf', {
          repository: { url: `file://${path.join(root, 'nope.git')}` },
        }),
      );
      expect(bad.state).toBe('failed');
      expect(bad.message).toMatch(
        /^could not clone .*nope\.git: .*; the upgrade was not applied$/,
      );
      expect(driver.startupPid('ws-uf')).toBe(pid);
      expect(await driver.observe('ws-uf')).toEqual({
        workspaceId: 'ws-uf',
        state: 'running',
      });
      expect(await runInTerminal('ws-uf', ['/usr/bin/env'])).toMatch(
        /^VERSION=one\r?$/m,
      );
      expect(fs.readdirSync(path.join(dataDir, 'workspaces'))).toEqual([
        'ws-uf',
      ]);
    });

    it('starts a stopped workspace', async () => {
      await driver.create(spec('ws-us'));
      await driver.stop('ws-us');
      expect(await driver.upgrade(spec('ws-us'))).toEqual({
        workspaceId: 'ws-us',
        state: 'running',
      });
    });
  });
});
