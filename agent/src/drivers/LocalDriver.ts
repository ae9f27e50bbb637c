import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawn as spawnPty, type IPty } from 'node-pty';
import { findBubblewrap, sandboxedCommand } from './bubblewrap';
import type {
  TtyRequest,
  WorkspaceDriver,
  WorkspaceSpec,
  WorkspaceState,
} from './WorkspaceDriver';

// Workspace ids become directory names: allow nothing that could escape the data dir.
const WORKSPACE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

// Grace between SIGHUP and SIGKILL when a terminal or workspace is ended, ms.
const KILL_GRACE_MS = 2000;

interface StateFile {
  state: 'running' | 'stopped';
  spec: WorkspaceSpec;
}

/**
 * The `local` driver (DESIGN §5): a workspace is a directory under `<dataDir>/workspaces/<id>`
 * and terminals are real PTYs (node-pty) started in it, with only the workspace's environment —
 * never the agent's own (which holds its token). State lives in `<dataDir>/state/<id>.json`.
 */
export class LocalDriver implements WorkspaceDriver {
  readonly name = 'local';
  private readonly dataDir: string;
  private readonly shell: string;
  private readonly bwrap: string | undefined;
  private readonly ptys = new Map<string, Set<IPty>>();

  /**
   * @param options.dataDir - where workspaces live; created when missing.
   * @param options.shell - login shell for terminals; default `/bin/bash`, else `/bin/sh`.
   * @param options.sandbox - `auto` (default): bubblewrap when installed; `none`: plain processes
   *   that can read everything the agent's user can, the agent's token included.
   */
  constructor(options: {
    dataDir: string;
    shell?: string;
    sandbox?: 'auto' | 'none';
  }) {
    this.dataDir = path.resolve(options.dataDir);
    this.shell =
      options.shell ?? (existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh');
    this.bwrap = options.sandbox === 'none' ? undefined : findBubblewrap();
  }

  async create(spec: WorkspaceSpec): Promise<WorkspaceState> {
    const dir = this.workspaceDir(spec.workspaceId);
    await fs.mkdir(dir, { recursive: true });
    await this.writeState(spec.workspaceId, { state: 'running', spec });
    return { workspaceId: spec.workspaceId, state: 'running' };
  }

  async start(workspaceId: string): Promise<WorkspaceState> {
    const current = await this.readState(workspaceId);
    if (!current) {
      return {
        workspaceId,
        state: 'absent',
        message:
          'The workspace does not exist on this cluster; create it again.',
      };
    }
    await this.writeState(workspaceId, { ...current, state: 'running' });
    return { workspaceId, state: 'running' };
  }

  async stop(workspaceId: string): Promise<WorkspaceState> {
    await this.killAll(workspaceId);
    const current = await this.readState(workspaceId);
    if (!current) {
      return { workspaceId, state: 'absent' };
    }
    await this.writeState(workspaceId, { ...current, state: 'stopped' });
    return { workspaceId, state: 'stopped' };
  }

  async delete(workspaceId: string): Promise<WorkspaceState> {
    await this.killAll(workspaceId);
    await fs.rm(this.workspaceDir(workspaceId), {
      recursive: true,
      force: true,
    });
    await fs.rm(this.stateFile(workspaceId), { force: true });
    return { workspaceId, state: 'absent' };
  }

  async observe(workspaceId: string): Promise<WorkspaceState> {
    const current = await this.readState(workspaceId);
    return { workspaceId, state: current?.state ?? 'absent' };
  }

  async openTty(workspaceId: string, request: TtyRequest): Promise<IPty> {
    const current = await this.readState(workspaceId);
    if (current?.state !== 'running') {
      throw new Error(
        `Workspace ${workspaceId} is not running; start it before opening a terminal.`,
      );
    }
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
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        HOME: cwd,
        SHELL: this.shell,
        TERM: 'xterm-256color',
        COLORTERM: 'truecolor',
        LANG: 'C.UTF-8',
        LC_ALL: 'C.UTF-8',
        USER: process.env.USER ?? 'workspace',
        RDE_WORKSPACE_ID: workspaceId,
        RDE_WORKSPACE_NAME: current.spec.name,
        ...current.spec.env,
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

  /** Whether terminals run in a bubblewrap sandbox. */
  get sandboxed(): boolean {
    return this.bwrap !== undefined;
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.ptys.keys()].map(id => this.killAll(id)));
  }

  private async killAll(workspaceId: string): Promise<void> {
    const set = this.ptys.get(workspaceId);
    if (!set) return;
    await Promise.all([...set].map(pty => endPty(pty)));
    this.ptys.delete(workspaceId);
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
    try {
      return JSON.parse(await fs.readFile(this.stateFile(workspaceId), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
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
      resolve();
    });
    signalGroup(pty.pid, 'SIGHUP');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}
