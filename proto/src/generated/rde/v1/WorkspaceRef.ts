// Original file: rde/v1/tunnel.proto


export interface WorkspaceRef {
  'workspaceId'?: (string);
}

export interface WorkspaceRef__Output {
  'workspaceId': (string);
}
