/** How long {@link endGroupMembers} waits for the last members of a group to go, ms. */
const GROUP_EXIT_TIMEOUT_MS = 2_000;
const POLL_MS = 10;

/**
 * Sends `signal` to the process group `pgid` and to the process `pgid` itself (a leader that
 * already left its group still gets it). Missing processes are ignored.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  for (const target of [-pgid, pgid]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * After a group's leader exited: SIGKILLs what is left of the group and resolves once no process
 * of it remains (or after 2000 ms). Without this wait a restart could start the new startup
 * command while the old one still holds its port, and a caller could observe members that are
 * already dying (a sandbox's children die after bubblewrap itself).
 */
export async function endGroupMembers(pgid: number): Promise<void> {
  const deadline = Date.now() + GROUP_EXIT_TIMEOUT_MS;
  for (;;) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      return; // ESRCH: no process in the group any more.
    }
    if (Date.now() > deadline) return;
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}
