import { spawn } from 'node:child_process';

/** How long a clone may take before it is abandoned, ms (issue 3 brief: e.g. 120 s). */
export const DEFAULT_CLONE_TIMEOUT_MS = 120_000;

// Bytes of git's stderr kept to build the error message; the last line is what matters.
const STDERR_TAIL_BYTES = 8 * 1024;

/** A git repository to check out: `ref` is a branch or tag; the default branch when absent. */
export interface GitRepository {
  url: string;
  ref?: string;
}

/**
 * Clones `repository` (shallow: `--depth 1`, `--branch <ref>` when given) into `dest`, which
 * must not exist or be empty. Git runs without a terminal and without the agent's environment:
 * only `PATH` and `HOME` (so the agent user's git configuration and credential helpers apply),
 * `GIT_TERMINAL_PROMPT=0` and an SSH in batch mode, so a repository that needs credentials fails
 * at once instead of waiting for a password.
 *
 * @param options.timeoutMs - default {@link DEFAULT_CLONE_TIMEOUT_MS}; git (and its helpers, as
 *   one process group) is killed when it is exceeded.
 * @throws Error `could not clone <url>: <git's reason>` (its first `fatal:` line, else its last
 *   stderr line; the URL and the reason without a password),
 *   or `…: git did not finish within <n> s`, or `…: git is not installed on the agent's host`.
 *   `dest` may then hold a partial clone; the caller removes it.
 */
export function gitClone(
  repository: GitRepository,
  dest: string,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLONE_TIMEOUT_MS;
  const password = urlPassword(repository.url);
  const fail = (reason: string) =>
    new Error(
      `could not clone ${redactUrl(repository.url)}: ${
        password ? reason.split(password).join('***') : reason
      }`,
    );
  const args = [
    'clone',
    '--quiet',
    '--depth',
    '1',
    ...(repository.ref ? [`--branch=${repository.ref}`] : []),
    '--',
    repository.url,
    dest,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      // Its own process group, so a timeout ends git's transport helpers too.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
        LANG: 'C',
        LC_ALL: 'C',
        GIT_TERMINAL_PROMPT: '0',
        GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
      },
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(
        fail(
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? "git is not installed on the agent's host"
            : error.message,
        ),
      );
    });
    child.on('close', code => {
      clearTimeout(timer);
      if (timedOut) {
        reject(fail(`git did not finish within ${timeoutMs / 1000} s`));
      } else if (code === 0) {
        resolve();
      } else {
        reject(fail(reasonOf(stderr) ?? `git exited with code ${code}`));
      }
    });
  });
}

/**
 * What went wrong, from git's stderr: its first `fatal:` line (the cause; what follows is
 * generic advice such as "Please make sure you have the correct access rights"), else the last
 * non-empty line. Progress output separates lines with `\r` too.
 */
function reasonOf(stderr: string): string | undefined {
  const lines = stderr
    .split(/[\r\n]+/)
    .map(line => line.trim())
    .filter(Boolean);
  return lines.find(line => line.startsWith('fatal:')) ?? lines.at(-1);
}

function urlPassword(url: string): string | undefined {
  try {
    return new URL(url).password || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A repository URL fit for a message: a password (`https://user:token@host/…`) is replaced by
 * `***`. Other forms (scp-like `git@host:path`, `file://`) are returned unchanged.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
      return parsed.toString();
    }
  } catch {
    // Not a URL (scp-like syntax): nothing to redact.
  }
  return url;
}
