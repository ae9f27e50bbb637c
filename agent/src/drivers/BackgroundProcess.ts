import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { endGroupMembers, signalGroup } from './processGroup';

/** Grace between SIGTERM and SIGKILL when a background process is ended, ms. */
export const BACKGROUND_KILL_GRACE_MS = 2000;

/** What {@link BackgroundProcess.start} runs. */
export interface BackgroundProcessOptions {
  /** argv; `argv[0]` is looked up on the env's `PATH`. */
  argv: string[];
  cwd: string;
  /** The whole environment of the process (nothing is inherited). */
  env: Record<string, string>;
  /**
   * File that stdout and stderr are appended to; opened by the caller (with `O_NOFOLLOW`) and
   * owned by this process from now on: it is closed once the process ended.
   */
  logFd: number;
}

/**
 * A long-running process without a terminal (a workspace's startup command) in its own process
 * group, so that ending it ends everything it started that stayed in the group (shell children,
 * background jobs). When it exits on its own a line `[rde] … exited with code N` is appended to
 * its log.
 */
export class BackgroundProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private ended = false;

  private constructor(options: BackgroundProcessOptions, label: string) {
    this.child = spawn(options.argv[0], options.argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', options.logFd, options.logFd],
    });
    this.exited = new Promise(resolve => {
      let closed = false;
      const finish = (line: string) => {
        this.ended = true;
        if (!closed) {
          closed = true;
          try {
            fs.writeSync(options.logFd, `[rde] ${label} ${line}\n`);
          } catch {
            // The log is best effort.
          }
          fs.close(options.logFd, () => {});
        }
        resolve();
      };
      this.child.once('exit', (code, signal) =>
        finish(
          signal ? `ended by ${signal}` : `exited with code ${code ?? '?'}`,
        ),
      );
      this.child.once('error', error =>
        finish(`could not run: ${error.message}`),
      );
    });
  }

  /**
   * Starts `options.argv`. Failing to execute it (e.g. a missing shell) is reported in the log,
   * not thrown.
   *
   * @param label - names the process in its log lines, e.g. `startup command`.
   * @throws Error when the arguments are unusable (e.g. a NUL byte in an environment value).
   */
  static start(
    options: BackgroundProcessOptions,
    label: string,
  ): BackgroundProcess {
    try {
      return new BackgroundProcess(options, label);
    } catch (error) {
      fs.close(options.logFd, () => {});
      throw error;
    }
  }

  /** Host pid of the process (the group leader); undefined when it could not be started. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return !this.ended;
  }

  /**
   * Ends the process group: SIGTERM, then SIGKILL once the leader exited or after
   * {@link BACKGROUND_KILL_GRACE_MS} — members that outlived the leader are not left behind.
   * Resolves when no process of the group is left.
   */
  async stop(graceMs = BACKGROUND_KILL_GRACE_MS): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    signalGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.exited,
      new Promise(resolve => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    signalGroup(pid, 'SIGKILL');
    await this.exited;
    await endGroupMembers(pid);
  }
}
