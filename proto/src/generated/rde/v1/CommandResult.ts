// Original file: rde/v1/tunnel.proto

import type { WorkspaceObservation as _rde_v1_WorkspaceObservation, WorkspaceObservation__Output as _rde_v1_WorkspaceObservation__Output } from '../../rde/v1/WorkspaceObservation';

export interface CommandResult {
  'commandId'?: (string);
  'ok'?: (boolean);
  /**
   * A message a person can act on, when !ok.
   */
  'error'?: (string);
  /**
   * Observed state after the command, when it concerns one workspace.
   */
  'observation'?: (_rde_v1_WorkspaceObservation | null);
  /**
   * Output of an exec command (bounded; not a stream).
   */
  'output'?: (Buffer | Uint8Array | string);
}

export interface CommandResult__Output {
  'commandId': (string);
  'ok': (boolean);
  /**
   * A message a person can act on, when !ok.
   */
  'error': (string);
  /**
   * Observed state after the command, when it concerns one workspace.
   */
  'observation': (_rde_v1_WorkspaceObservation__Output | null);
  /**
   * Output of an exec command (bounded; not a stream).
   */
  'output': (Buffer);
}
