// Original file: rde/v1/tunnel.proto


/**
 * The agent's view of one workspace.
 */
export interface WorkspaceObservation {
  'workspaceId'?: (string);
  /**
   * "running", "stopped", "failed" or "absent".
   */
  'state'?: (string);
  'message'?: (string);
}

/**
 * The agent's view of one workspace.
 */
export interface WorkspaceObservation__Output {
  'workspaceId': (string);
  /**
   * "running", "stopped", "failed" or "absent".
   */
  'state': (string);
  'message': (string);
}
