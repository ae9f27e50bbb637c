import type { Workspace, WorkspaceStatus } from '@rde-portal/plugin-rde-common';

/**
 * States in which the workspace is on its way to another state; pages poll while any
 * workspace they show is in one of them.
 *
 * @public
 */
export const TRANSITIONAL_STATUSES: ReadonlyArray<WorkspaceStatus> = [
  'pending',
  'starting',
  'stopping',
  'deleting',
];

/**
 * How often pages refresh while a workspace is in a transitional state, in milliseconds.
 *
 * @public
 */
export const TRANSITION_POLL_INTERVAL_MS = 2000;

/**
 * Whether the workspace is on its way to another state.
 *
 * @public
 */
export function isTransitional(status: WorkspaceStatus): boolean {
  return TRANSITIONAL_STATUSES.includes(status);
}

/**
 * The lifecycle actions that make sense for a workspace in its current state.
 *
 * @public
 */
export interface WorkspaceActionAvailability {
  start: boolean;
  stop: boolean;
  /** End every process and start again with the same spec: while running, or after a failure. */
  restart: boolean;
  /** Redeploy with the blueprint's current spec: while running, stopped or failed. */
  upgrade: boolean;
  delete: boolean;
  open: boolean;
  terminal: boolean;
}

/**
 * Which actions to offer for a workspace, following the backend's rules (rde-backend
 * `WorkspaceService`): start from stopped or failed; stop and restart from running or failed;
 * upgrade from running, stopped or failed. Delete stays offered while an operation is in flight,
 * because the backend lets a stuck one be deleted; it answers 409 with its reason otherwise.
 *
 * @public
 */
export function availableActions(
  workspace: Pick<Workspace, 'status'>,
): WorkspaceActionAvailability {
  const { status } = workspace;
  return {
    start: status === 'stopped' || status === 'failed',
    stop: status === 'running' || status === 'failed',
    restart: status === 'running' || status === 'failed',
    upgrade:
      status === 'running' || status === 'stopped' || status === 'failed',
    delete: status !== 'deleting' && status !== 'deleted',
    open: status !== 'deleted',
    terminal: status === 'running',
  };
}
