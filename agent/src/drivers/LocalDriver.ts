import fs from 'node:fs/promises';
import { constants as fsConstants, existsSync, open } from 'node:fs';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { spawn as spawnPty, type IPty } from 'node-pty';
import { BackgroundProcess } from './BackgroundProcess';
import { endGroupMembers, signalGroup } from './processGroup';
import { findBubblewrap, sandboxedCommand } from './bubblewrap';
import { DEFAULT_CLONE_TIMEOUT_MS, gitClone, redactUrl } from './gitClone';
import { LocalSecretStore } from './LocalSecretStore';
import type {
  TtyRequest,
  WorkspaceDriver,
  WorkspaceSpec,
  WorkspaceState,
} from './WorkspaceDriver';

const openFd = promisify(open);

// Workspace ids become directory names: allow nothing that could escape the data dir.
const WORKSPACE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

// Grace between SIGHUP and SIGKILL when a terminal or workspace is ended, ms.
const KILL_GRACE_MS = 2000;

/** The agent's files inside a workspace (the startup log); kept out of git status. */
const RDE_DIR = '.rde';
const STARTUP_LOG = 'startup.log';

interface StateFile {
  state: 'running' | 'stopped' | 'failed';
  /** Why the workspace failed, when it did. */
  message?: string;
  spec: WorkspaceSpec;
}

/** Options of {@link LocalDriver}. */
export interface LocalDriverOptions {
  /** Where workspaces, their state and the secret store live; created when missing. */
  dataDir: string;
  /** The agent's cluster name, used in messages; default `local`. */
  cluster?: string;
  /** Login shell for terminals and the startup command; default `/bin/bash`, else `/bin/sh`. */
  shell?: string;
  /**
   * `auto` (default): bubblewrap when installed; `none`: plain processes that can read
   * everything the agent's user can, the agent's token included.
   */
  sandbox?: 'auto' | 'none';
  /** Longest a repository clone may take, ms; default 120 000. */
  cloneTimeoutMs?: number;
}

/**
 * The `local` driver (DESIGN §5): a workspace is a directory under `<dataDir>/workspaces/<id>`
 * and its processes run on the agent's host, in a bubblewrap sandbox when it is installed, with
 * only the workspace's environment — never the agent's own (which holds its token).
 *
 * - State (status and the deployed spec, never secret values) lives in `<dataDir>/state/<id>.json`.
 * - Secrets: `secretEnv` names are resolved from files `<dataDir>/secrets/<secret name>` (see
 *   {@link LocalSecretStore}) each time a process starts.
 * - Repository: cloned (`git clone --depth 1 [--branch ref]`) into the workspace at creation, or at
 *   an upgrade when the workspace has no checkout yet; an existing checkout is never touched.
 * - Startup command: run with the login shell as a background process in the workspace whenever it
 *   starts, stdout and stderr appended to `<workspace>/.rde/startup.log`; its process group is
 *   ended on stop, restart, upgrade, delete and agent shutdown.
 * - Terminals: real PTYs (node-pty) in the workspace directory.
 * - `image`, `resources` and `ports` are recorded only: processes run on the host as they are.
 *
 * Lifecycle operations on one workspace run one after the other; every one is idempotent.
 */
export class LocalDriver implements WorkspaceDriver {
  readonly name = 'local';
  private readonly dataDir: string;
  private readonly shell: string;
  private readonly bwrap: string | undefined;
  private readonly secrets: LocalSecretStore;
  private readonly cloneTimeoutMs: number;
  private readonly ptys = new Map<string, Set<IPty>>();
  private readonly startups = new Map<string, BackgroundProcess>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(options: LocalDriverOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.shell =
      options.shell ?? (existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh');
    this.bwrap = options.sandbox === 'none' ? undefined : findBubblewrap();
    this.secrets = new LocalSecretStore(
      path.join(this.dataDir, 'secrets'),
      options.cluster ?? 'local',
    );
    this.cloneTimeoutMs = options.cloneTimeoutMs ?? DEFAULT_CLONE_TIMEOUT_MS;
  }

  /** The directory of the secret store: secret `x` is the file `<secretsDir>/x`. */
  get secretsDir(): string {
    return this.secrets.dir;
  }

  /** Whether workspace processes run in a bubblewrap sandbox. */
  get sandboxed(): boolean {
    return this.bwrap !== undefined;
  }

  /** Host pid of the workspace's startup command while it runs; for diagnostics and tests. */
  startupPid(workspaceId: string): number | undefined {
    const startup = this.startups.get(workspaceId);
    return startup?.running ? startup.pid : undefined;
  }

  async create(spec: WorkspaceSpec): Promise<WorkspaceState> {
    const id = spec.workspaceId;
    const dir = this.workspaceDir(id);
    return this.exclusive(id, async () => {
      const current = await this.readState(id);
      if (current) {
        // Created before (a retry): make sure it runs, keep what was deployed.
        return this.startLocked(id, current);
      }
      let secrets: Record<string, string>;
      try {
        secrets = await this.secrets.resolve(spec.secretEnv);
      } catch (error) {
        return failed(id, error);
      }
      // A directory without a state file is what an interrupted create left: start afresh.
      await fs.rm(dir, { recursive: true, force: true });
      await fs.mkdir(dir, { recursive: true });
      if (spec.repository) {
        try {
          await this.checkout(spec.repository, dir);
        } catch (error) {
          await fs.rm(dir, { recursive: true, force: true });
          return failed(id, error);
        }
      }
      return this.run(id, spec, secrets);
    });
  }

  async start(workspaceId: string): Promise<WorkspaceState> {
    this.workspaceDir(workspaceId);
    return this.exclusive(workspaceId, async () => {
      const current = await this.readState(workspaceId);
      if (!current) return absent(workspaceId);
      return this.startLocked(workspaceId, current);
    });
  }

  async stop(workspaceId: string): Promise<WorkspaceState> {
    this.workspaceDir(workspaceId);
    return this.exclusive(workspaceId, async () => {
      await this.killAll(workspaceId);
      const current = await this.readState(workspaceId);
      if (!current) {
        return { workspaceId, state: 'absent' };
      }
      await this.writeState(workspaceId, {
        state: 'stopped',
        spec: current.spec,
      });
      return { workspaceId, state: 'stopped' };
    });
  }

  async restart(workspaceId: string): Promise<WorkspaceState> {
    this.workspaceDir(workspaceId);
    return this.exclusive(workspaceId, async () => {
      const current = await this.readState(workspaceId);
      if (!current) return absent(workspaceId);
      await this.killAll(workspaceId);
      return this.startLocked(workspaceId, current);
    });
  }

  async upgrade(spec: WorkspaceSpec): Promise<WorkspaceState> {
    const id = spec.workspaceId;
    const dir = this.workspaceDir(id);
    return this.exclusive(id, async () => {
      const current = await this.readState(id);
      if (!current) return absent(id);
      // Everything that can fail comes before anything changes.
      let secrets: Record<string, string>;
      try {
        secrets = await this.secrets.resolve(spec.secretEnv);
      } catch (error) {
        return failed(id, error, 'the upgrade was not applied');
      }
      await fs.mkdir(dir, { recursive: true });
      if (spec.repository && !existsSync(path.join(dir, '.git'))) {
        try {
          await this.checkout(spec.repository, dir);
        } catch (error) {
          return failed(id, error, 'the upgrade was not applied');
        }
      }
      await this.killAll(id);
      return this.run(id, spec, secrets);
    });
  }

  async delete(workspaceId: string): Promise<WorkspaceState> {
    const dir = this.workspaceDir(workspaceId);
    return this.exclusive(workspaceId, async () => {
      await this.killAll(workspaceId);
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rm(this.stateFile(workspaceId), { force: true });
      return { workspaceId, state: 'absent' };
    });
  }

  async observe(workspaceId: string): Promise<WorkspaceState> {
    const current = await this.readState(workspaceId);
    if (!current) return { workspaceId, state: 'absent' };
    return current.message
      ? { workspaceId, state: current.state, message: current.message }
      : { workspaceId, state: current.state };
  }

  async openTty(workspaceId: string, request: TtyRequest): Promise<IPty> {
    const current = await this.readState(workspaceId);
    if (current?.state !== 'running') {
      throw new Error(
        `Workspace ${workspaceId} is not running; start it before opening a terminal.`,
      );
    }
    const secrets = await this.secrets.resolve(current.spec.secretEnv);
    const cwd = this.workspaceDir(workspaceId);
    const command =
      request.command.length > 0 ? request.command : [this.shell, '-l'];
    const [file, ...args] = this.bwrap
      ? sandboxedCommand(this.bwrap, cwd, command)
      : command;
    const pty = spawnPty(file, args, {
      name: 'xterm-256color',
      // Raw bytes both ways: no decoding, so a UTF-8 character split across reads or writes
      // arrives intact, and no re-encoding cost on the hot path.
      encoding: null,
      cols: request.cols,
      rows: request.rows,
      cwd,
      env: {
        ...this.workspaceEnv(workspaceId, current.spec, secrets, {
          TERM: 'xterm-256color',
          COLORTERM: 'truecolor',
        }),
        ...request.env,
      },
    });
    let set = this.ptys.get(workspaceId);
    if (!set) {
      set = new Set();
      this.ptys.set(workspaceId, set);
    }
    set.add(pty);
    pty.onExit(() => set!.delete(pty));
    return pty;
  }

  async shutdown(): Promise<void> {
    const ids = new Set([...this.ptys.keys(), ...this.startups.keys()]);
    await Promise.all([...ids].map(id => this.killAll(id)));
  }

  /** Marks a workspace running with `spec` and launches its startup command. */
  private async run(
    workspaceId: string,
    spec: WorkspaceSpec,
    secrets: Record<string, string>,
  ): Promise<WorkspaceState> {
    try {
      await this.launchStartup(workspaceId, spec, secrets);
    } catch (error) {
      const message = `could not run the startup command: ${
        (error as Error).message
      }`;
      await this.writeState(workspaceId, { state: 'failed', message, spec });
      return { workspaceId, state: 'failed', message };
    }
    await this.writeState(workspaceId, { state: 'running', spec });
    return { workspaceId, state: 'running' };
  }

  /** `start` once the workspace's queue is ours. */
  private async startLocked(
    workspaceId: string,
    current: StateFile,
  ): Promise<WorkspaceState> {
    let secrets: Record<string, string>;
    try {
      secrets = await this.secrets.resolve(current.spec.secretEnv);
    } catch (error) {
      const message = (error as Error).message;
      await this.writeState(workspaceId, {
        state: 'failed',
        message,
        spec: current.spec,
      });
      return { workspaceId, state: 'failed', message };
    }
    await fs.mkdir(this.workspaceDir(workspaceId), { recursive: true });
    return this.run(workspaceId, current.spec, secrets);
  }

  /**
   * Starts the spec's startup command unless it was started since the workspace's processes were
   * last ended: a repeated start or create neither runs a second copy nor re-runs a one-shot
   * command that already finished.
   */
  private async launchStartup(
    workspaceId: string,
    spec: WorkspaceSpec,
    secrets: Record<string, string>,
  ): Promise<void> {
    if (!spec.startupCommand || this.startups.has(workspaceId)) {
      return;
    }
    const cwd = this.workspaceDir(workspaceId);
    const logFd = await this.openStartupLog(cwd);
    const command = [this.shell, '-lc', spec.startupCommand];
    const argv = this.bwrap
      ? sandboxedCommand(this.bwrap, cwd, command)
      : command;
    this.startups.set(
      workspaceId,
      BackgroundProcess.start(
        {
          argv,
          cwd,
          env: this.workspaceEnv(workspaceId, spec, secrets, { TERM: 'dumb' }),
          logFd,
        },
        'startup command',
      ),
    );
  }

  /**
   * Opens `<workspace>/.rde/startup.log` for appending. The workspace's own processes can write
   * there, so neither `.rde` nor the log may be a symbolic link the agent would follow.
   */
  private async openStartupLog(cwd: string): Promise<number> {
    const dir = path.join(cwd, RDE_DIR);
    const log = path.join(dir, STARTUP_LOG);
    const dirStat = await fs.lstat(dir).catch(() => undefined);
    if (dirStat && !dirStat.isDirectory()) {
      await fs.rm(dir, { recursive: true, force: true });
    }
    await fs.mkdir(dir, { recursive: true });
    const logStat = await fs.lstat(log).catch(() => undefined);
    if (logStat && !logStat.isFile()) {
      await fs.rm(log, { recursive: true, force: true });
    }
    // A plain fd, not a FileHandle (which would close it when garbage-collected):
    // BackgroundProcess closes it once the process ended.
    return openFd(
      log,
      fsConstants.O_WRONLY |
        fsConstants.O_CREAT |
        fsConstants.O_APPEND |
        fsConstants.O_NOFOLLOW,
      0o644,
    );
  }

  /**
   * Clones `repository` next to the workspace and moves its entries in, so that a workspace that
   * already holds files (an upgrade) gets the checkout too.
   *
   * @throws Error `could not clone …` (see gitClone), or naming a file that is in the way;
   *   nothing is left behind.
   */
  private async checkout(
    repository: { url: string; ref?: string },
    dir: string,
  ): Promise<void> {
    const tmp = path.join(
      path.dirname(dir),
      `.${path.basename(dir)}.clone-${randomBytes(4).toString('hex')}`,
    );
    try {
      await gitClone(repository, tmp, { timeoutMs: this.cloneTimeoutMs });
      const entries = await fs.readdir(tmp);
      const existing = new Set(await fs.readdir(dir));
      const clash = entries.find(entry => existing.has(entry));
      if (clash) {
        throw new Error(
          `could not check out ${redactUrl(
            repository.url,
          )}: the workspace already has '${clash}'; move it away and upgrade again`,
        );
      }
      for (const entry of entries) {
        await fs.rename(path.join(tmp, entry), path.join(dir, entry));
      }
      await fs.mkdir(path.join(dir, '.git', 'info'), { recursive: true });
      await fs.appendFile(
        path.join(dir, '.git', 'info', 'exclude'),
        `\n/${RDE_DIR}/\n`,
      );
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }

  /** The whole environment of a workspace process: nothing of the agent's own. */
  private workspaceEnv(
    workspaceId: string,
    spec: WorkspaceSpec,
    secrets: Record<string, string>,
    terminal: Record<string, string>,
  ): Record<string, string> {
    const home = this.workspaceDir(workspaceId);
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: home,
      SHELL: this.shell,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      USER: process.env.USER ?? 'workspace',
      ...terminal,
      RDE_WORKSPACE_ID: workspaceId,
      RDE_WORKSPACE_NAME: spec.name,
      ...spec.env,
      ...secrets,
    };
  }

  private async killAll(workspaceId: string): Promise<void> {
    const set = this.ptys.get(workspaceId);
    const startup = this.startups.get(workspaceId);
    this.ptys.delete(workspaceId);
    this.startups.delete(workspaceId);
    await Promise.all([
      ...[...(set ?? [])].map(pty => endPty(pty)),
      startup?.stop(),
    ]);
  }

  /** Runs `operation` after every operation queued before on the same workspace. */
  private exclusive<T>(
    workspaceId: string,
    operation: () => Promise<T>,
  ): Promise<T> {
    const previous = this.queues.get(workspaceId) ?? Promise.resolve();
    const result = previous.then(operation);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(workspaceId, settled);
    settled.then(() => {
      if (this.queues.get(workspaceId) === settled) {
        this.queues.delete(workspaceId);
      }
    });
    return result;
  }

  private workspaceDir(workspaceId: string): string {
    if (!WORKSPACE_ID.test(workspaceId)) {
      throw new Error(`Invalid workspace id '${workspaceId}'`);
    }
    return path.join(this.dataDir, 'workspaces', workspaceId);
  }

  private stateFile(workspaceId: string): string {
    if (!WORKSPACE_ID.test(workspaceId)) {
      throw new Error(`Invalid workspace id '${workspaceId}'`);
    }
    return path.join(this.dataDir, 'state', `${workspaceId}.json`);
  }

  private async readState(workspaceId: string): Promise<StateFile | undefined> {
    let parsed: StateFile;
    try {
      parsed = JSON.parse(
        await fs.readFile(this.stateFile(workspaceId), 'utf8'),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    // State written by an agent before secrets, resources and ports existed.
    parsed.spec = {
      ...parsed.spec,
      env: parsed.spec.env ?? {},
      secretEnv: parsed.spec.secretEnv ?? {},
      resources: parsed.spec.resources ?? { cpu: '', memory: '', storage: '' },
      ports: parsed.spec.ports ?? [],
    };
    return parsed;
  }

  private async writeState(
    workspaceId: string,
    state: StateFile,
  ): Promise<void> {
    const file = this.stateFile(workspaceId);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
    await fs.rename(tmp, file);
  }
}

function absent(workspaceId: string): WorkspaceState {
  return {
    workspaceId,
    state: 'absent',
    message: 'The workspace does not exist on this cluster; create it again.',
  };
}

function failed(
  workspaceId: string,
  error: unknown,
  consequence?: string,
): WorkspaceState {
  const reason = (error as Error).message;
  return {
    workspaceId,
    state: 'failed',
    message: consequence ? `${reason}; ${consequence}` : reason,
  };
}

/**
 * Ends a PTY's process group: SIGHUP (what a closed terminal sends), then SIGKILL after
 * {@link KILL_GRACE_MS} if it is still there. Resolves when the process exited.
 */
export function endPty(pty: IPty): Promise<void> {
  return new Promise(resolve => {
    let done = false;
    const timer = setTimeout(() => {
      if (!done) {
        signalGroup(pty.pid, 'SIGKILL');
        setTimeout(resolve, 100);
      }
    }, KILL_GRACE_MS);
    pty.onExit(() => {
      done = true;
      clearTimeout(timer);
      endGroupMembers(pty.pid).then(resolve);
    });
    signalGroup(pty.pid, 'SIGHUP');
  });
}
