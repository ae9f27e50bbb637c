import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where Debian's `bubblewrap` package installs `bwrap`. */
const BWRAP_CANDIDATES = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];

/** User and group id a sandboxed process runs as, inside its own user namespace. */
const SANDBOX_ID = 1000;

/** The `bwrap` binary, or undefined when bubblewrap is not installed. */
export function findBubblewrap(): string | undefined {
  return BWRAP_CANDIDATES.find(candidate => existsSync(candidate));
}

/**
 * Wraps a command so it runs in a bubblewrap sandbox (DESIGN §5, `local` driver) that sees only
 * the system directories read-only, its own workspace directory read-write, a private /tmp, and
 * a private PID namespace (so /proc shows no agent process and no other workspace). Nothing of
 * the agent's data directory, including its token, is visible. The shell runs as uid/gid 1000 in
 * a user namespace of its own with every capability dropped, so even under an agent running as
 * root it cannot remount the read-only system directories, create devices or change other users'
 * files (found by review: without this, root's capabilities survived into the sandbox). The network is shared: previews
 * dial the workspace's ports on loopback. No new session is started, so the PTY stays the
 * controlling terminal and job control works.
 *
 * @returns argv for the PTY: `[bwrap, ...options, '--', ...command]`.
 */
export function sandboxedCommand(
  bwrap: string,
  workspaceDir: string,
  command: string[],
): string[] {
  const readOnly = [
    '/usr',
    '/bin',
    '/sbin',
    '/lib',
    '/lib32',
    '/lib64',
    '/etc',
    '/opt',
  ];
  return [
    bwrap,
    ...readOnly.flatMap(dir => ['--ro-bind-try', dir, dir]),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    '--dir',
    path.dirname(workspaceDir),
    '--bind',
    workspaceDir,
    workspaceDir,
    '--chdir',
    workspaceDir,
    '--unshare-user',
    '--uid',
    String(SANDBOX_ID),
    '--gid',
    String(SANDBOX_ID),
    '--cap-drop',
    'ALL',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--hostname',
    'workspace',
    '--die-with-parent',
    '--',
    ...command,
  ];
}
