// Original file: rde/v1/tunnel.proto

import type { WorkspaceSpec as _rde_v1_WorkspaceSpec, WorkspaceSpec__Output as _rde_v1_WorkspaceSpec__Output } from '../../rde/v1/WorkspaceSpec';
import type { WorkspaceRef as _rde_v1_WorkspaceRef, WorkspaceRef__Output as _rde_v1_WorkspaceRef__Output } from '../../rde/v1/WorkspaceRef';
import type { Long } from '@grpc/proto-loader';

/**
 * A lifecycle command. The agent executes it at most once per idempotency_key and answers with a
 * CommandResult carrying command_id.
 */
export interface Command {
  'commandId'?: (string);
  'idempotencyKey'?: (string);
  /**
   * Unix ms after which the agent must not start it.
   */
  'deadlineMs'?: (number | string | Long);
  'createWorkspace'?: (_rde_v1_WorkspaceSpec | null);
  'startWorkspace'?: (_rde_v1_WorkspaceRef | null);
  'stopWorkspace'?: (_rde_v1_WorkspaceRef | null);
  'deleteWorkspace'?: (_rde_v1_WorkspaceRef | null);
  'observeWorkspace'?: (_rde_v1_WorkspaceRef | null);
  /**
   * End every process of the workspace (terminals, startup command), then start it again.
   */
  'restartWorkspace'?: (_rde_v1_WorkspaceRef | null);
  /**
   * Redeploy with a new spec: keep the workspace's files, replace its settings, restart it.
   */
  'upgradeWorkspace'?: (_rde_v1_WorkspaceSpec | null);
  'action'?: "createWorkspace"|"startWorkspace"|"stopWorkspace"|"deleteWorkspace"|"observeWorkspace"|"restartWorkspace"|"upgradeWorkspace";
}

/**
 * A lifecycle command. The agent executes it at most once per idempotency_key and answers with a
 * CommandResult carrying command_id.
 */
export interface Command__Output {
  'commandId': (string);
  'idempotencyKey': (string);
  /**
   * Unix ms after which the agent must not start it.
   */
  'deadlineMs': (number);
  'createWorkspace'?: (_rde_v1_WorkspaceSpec__Output | null);
  'startWorkspace'?: (_rde_v1_WorkspaceRef__Output | null);
  'stopWorkspace'?: (_rde_v1_WorkspaceRef__Output | null);
  'deleteWorkspace'?: (_rde_v1_WorkspaceRef__Output | null);
  'observeWorkspace'?: (_rde_v1_WorkspaceRef__Output | null);
  /**
   * End every process of the workspace (terminals, startup command), then start it again.
   */
  'restartWorkspace'?: (_rde_v1_WorkspaceRef__Output | null);
  /**
   * Redeploy with a new spec: keep the workspace's files, replace its settings, restart it.
   */
  'upgradeWorkspace'?: (_rde_v1_WorkspaceSpec__Output | null);
  'action'?: "createWorkspace"|"startWorkspace"|"stopWorkspace"|"deleteWorkspace"|"observeWorkspace"|"restartWorkspace"|"upgradeWorkspace";
}
