import type { Workspace } from '@rde-portal/plugin-rde-common';
import { isTransitional } from './workspaceStatus';

const OPERATION_LABELS: Record<string, string> = {
  create: 'Creating…',
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
  upgrade: 'Upgrading…',
  delete: 'Deleting…',
};

const STATUS_LABELS: Record<string, string> = {
  pending: 'Creating…',
  starting: 'Starting…',
  stopping: 'Stopping…',
  deleting: 'Deleting…',
};

/**
 * What a workspace is doing, in words, while it is in a transitional status: the operation in
 * flight when the backend names one (`restart` → "Restarting…", `upgrade` → "Upgrading…", since
 * those pass through `stopping` and `starting`), else the status ("Starting…"). `undefined` when
 * the workspace is not changing state.
 *
 * @public
 */
export function workspaceProgressLabel(
  workspace: Pick<Workspace, 'status' | 'operation'>,
): string | undefined {
  if (!isTransitional(workspace.status)) {
    return undefined;
  }
  return (
    (workspace.operation && OPERATION_LABELS[workspace.operation]) ??
    STATUS_LABELS[workspace.status]
  );
}
