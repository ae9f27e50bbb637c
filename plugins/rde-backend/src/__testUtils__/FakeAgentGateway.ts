import { ServiceUnavailableError } from '@backstage/errors';
import type {
  AgentGateway,
  TerminalSession,
  WorkspaceCommand,
  WorkspaceObservation,
} from '../tunnel/AgentGateway';

/** The state a command leads to when it succeeds. */
const EXPECTED_STATE: Record<
  WorkspaceCommand['action'],
  WorkspaceObservation['state']
> = {
  create: 'running',
  start: 'running',
  observe: 'running',
  stop: 'stopped',
  restart: 'running',
  upgrade: 'running',
  delete: 'absent',
};

/** What the fake agent does with a command: answer with a state, fail, or wait for a release. */
export type FakeCommandBehaviour =
  | { state: WorkspaceObservation['state']; message?: string }
  | { error: Error }
  | { hold: true };

/**
 * An in-memory {@link AgentGateway} for tests: clusters are online when listed, commands succeed
 * with the expected state unless told otherwise, every command is recorded.
 */
export class FakeAgentGateway implements AgentGateway {
  readonly commands: Array<{ cluster: string; command: WorkspaceCommand }> = [];
  private readonly online = new Set<string>();
  private readonly next: FakeCommandBehaviour[] = [];
  private readonly held: Array<() => void> = [];

  constructor(onlineClusters: string[] = []) {
    onlineClusters.forEach(c => this.online.add(c));
  }

  setOnline(cluster: string, online: boolean): void {
    if (online) this.online.add(cluster);
    else this.online.delete(cluster);
  }

  /** Queues how the next command(s) behave, in order. */
  willAnswer(...behaviours: FakeCommandBehaviour[]): void {
    this.next.push(...behaviours);
  }

  /** Lets every held command answer with its expected state. */
  releaseHeld(): void {
    this.held.splice(0).forEach(release => release());
  }

  isOnline(cluster: string): boolean {
    return this.online.has(cluster);
  }

  async runCommand(
    cluster: string,
    command: WorkspaceCommand,
  ): Promise<WorkspaceObservation> {
    this.commands.push({ cluster, command });
    if (!this.online.has(cluster)) {
      throw new ServiceUnavailableError(
        `No agent is connected for cluster '${cluster}'`,
      );
    }
    const behaviour = this.next.shift();
    const expected = EXPECTED_STATE[command.action];
    if (behaviour && 'error' in behaviour) {
      throw behaviour.error;
    }
    if (behaviour && 'hold' in behaviour) {
      await new Promise<void>(resolve => this.held.push(resolve));
      return { workspaceId: command.workspaceId, state: expected };
    }
    return {
      workspaceId: command.workspaceId,
      state: behaviour?.state ?? expected,
      ...(behaviour?.message ? { message: behaviour.message } : {}),
    };
  }

  async openTerminal(): Promise<TerminalSession> {
    throw new Error('FakeAgentGateway does not open terminals');
  }
}
