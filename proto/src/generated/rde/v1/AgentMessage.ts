// Original file: rde/v1/tunnel.proto

import type { Hello as _rde_v1_Hello, Hello__Output as _rde_v1_Hello__Output } from '../../rde/v1/Hello';
import type { Heartbeat as _rde_v1_Heartbeat, Heartbeat__Output as _rde_v1_Heartbeat__Output } from '../../rde/v1/Heartbeat';
import type { CommandResult as _rde_v1_CommandResult, CommandResult__Output as _rde_v1_CommandResult__Output } from '../../rde/v1/CommandResult';
import type { SessionRejected as _rde_v1_SessionRejected, SessionRejected__Output as _rde_v1_SessionRejected__Output } from '../../rde/v1/SessionRejected';
import type { WorkspaceObservation as _rde_v1_WorkspaceObservation, WorkspaceObservation__Output as _rde_v1_WorkspaceObservation__Output } from '../../rde/v1/WorkspaceObservation';
import type { SessionSync as _rde_v1_SessionSync, SessionSync__Output as _rde_v1_SessionSync__Output } from '../../rde/v1/SessionSync';

export interface AgentMessage {
  'hello'?: (_rde_v1_Hello | null);
  'heartbeat'?: (_rde_v1_Heartbeat | null);
  'commandResult'?: (_rde_v1_CommandResult | null);
  'sessionRejected'?: (_rde_v1_SessionRejected | null);
  'workspaceObservation'?: (_rde_v1_WorkspaceObservation | null);
  'sessionSync'?: (_rde_v1_SessionSync | null);
  'body'?: "hello"|"heartbeat"|"commandResult"|"sessionRejected"|"workspaceObservation"|"sessionSync";
}

export interface AgentMessage__Output {
  'hello'?: (_rde_v1_Hello__Output | null);
  'heartbeat'?: (_rde_v1_Heartbeat__Output | null);
  'commandResult'?: (_rde_v1_CommandResult__Output | null);
  'sessionRejected'?: (_rde_v1_SessionRejected__Output | null);
  'workspaceObservation'?: (_rde_v1_WorkspaceObservation__Output | null);
  'sessionSync'?: (_rde_v1_SessionSync__Output | null);
  'body'?: "hello"|"heartbeat"|"commandResult"|"sessionRejected"|"workspaceObservation"|"sessionSync";
}
