// Original file: rde/v1/tunnel.proto


export interface WorkspaceSpec {
  'workspaceId'?: (string);
  'name'?: (string);
  'owner'?: (string);
  'image'?: (string);
  'env'?: ({[key: string]: string});
  /**
   * Run in the workspace directory after creation (e.g. a clone); empty for none.
   */
  'initCommand'?: (string);
}

export interface WorkspaceSpec__Output {
  'workspaceId': (string);
  'name': (string);
  'owner': (string);
  'image': (string);
  'env': ({[key: string]: string});
  /**
   * Run in the workspace directory after creation (e.g. a clone); empty for none.
   */
  'initCommand': (string);
}
