import type {
  WorkspaceCommand,
  WorkspaceObservation,
} from '../tunnel/AgentGateway';
import type { WorkspaceStatus } from '@rde-portal/plugin-rde-common';

/** Lifecycle actions the service sends to the agent. */
export type LifecycleAction = Exclude<WorkspaceCommand['action'], 'observe'>;

/** The status a lifecycle command ended in, and why when it failed. */
export interface LifecycleOutcome {
  status: WorkspaceStatus;
  /** Set when `status` is `failed`: what happened and what the person can do about it. */
  message?: string;
}

const SUCCESS: Record<
  LifecycleAction,
  { observed: WorkspaceObservation['state']; status: WorkspaceStatus }
> = {
  create: { observed: 'running', status: 'running' },
  start: { observed: 'running', status: 'running' },
  stop: { observed: 'stopped', status: 'stopped' },
  restart: { observed: 'running', status: 'running' },
  upgrade: { observed: 'running', status: 'running' },
  delete: { observed: 'absent', status: 'deleted' },
};

const PAST: Record<LifecycleAction, string> = {
  create: 'created',
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  upgrade: 'upgraded',
  delete: 'deleted',
};

/**
 * Maps the agent's observation after a command to the workspace's new status (DESIGN §3: the
 * agent reports observed state). The expected observation (`running` after create/start, `stopped`
 * after stop, `absent` after delete) is success; anything else is `failed` with a message.
 */
export function outcomeOfObservation(
  action: LifecycleAction,
  observation: WorkspaceObservation,
): LifecycleOutcome {
  const success = SUCCESS[action];
  if (observation.state === success.observed) {
    return { status: success.status };
  }
  const detail = observation.message ? `: ${observation.message}` : '';
  if (observation.state === 'absent') {
    return {
      status: 'failed',
      message: `The workspace no longer exists on its cluster, so it could not be ${PAST[action]}${detail}. Delete it and create a new one.`,
    };
  }
  if (observation.state === 'failed') {
    return {
      status: 'failed',
      message: `The workspace could not be ${PAST[action]}${detail}. Try again; if it keeps failing, delete it and create a new one.`,
    };
  }
  return {
    status: 'failed',
    message: `The workspace is ${observation.state} after the ${action} command instead of ${success.observed}${detail}. Try again; if it keeps failing, delete it and create a new one.`,
  };
}

/**
 * Maps a failed `AgentGateway.runCommand` to a `failed` outcome with a message a person can act
 * on. `ServiceUnavailableError` means no agent is connected for the cluster.
 */
export function outcomeOfError(
  action: LifecycleAction,
  cluster: string,
  error: unknown,
): LifecycleOutcome {
  const name = (error as { name?: unknown })?.name;
  if (name === 'ServiceUnavailableError') {
    const next =
      action === 'create'
        ? 'Delete it and create it again once the agent is connected'
        : `Try again once the agent is connected`;
    return {
      status: 'failed',
      message: `The agent of cluster '${cluster}' is not connected, so the workspace could not be ${PAST[action]}. ${next}; if it stays offline, ask an RDE administrator to check the agent.`,
    };
  }
  const text =
    error instanceof Error ? error.message : String(error ?? 'unknown error');
  return {
    status: 'failed',
    message: `The agent of cluster '${cluster}' could not ${action} the workspace: ${text}. Try again; if it keeps failing, ask an RDE administrator.`,
  };
}
