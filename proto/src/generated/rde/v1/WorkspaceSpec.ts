// Original file: rde/v1/tunnel.proto


/**
 * What create and upgrade deploy (a blueprint resolved for one workspace).
 */
export interface WorkspaceSpec {
  'workspaceId'?: (string);
  'name'?: (string);
  'owner'?: (string);
  'image'?: (string);
  /**
   * Plain environment variables: name -> value.
   */
  'env'?: ({[key: string]: string});
  /**
   * Git repository cloned into the workspace when it is created; empty for none.
   */
  'repositoryUrl'?: (string);
  /**
   * Branch or tag to check out; empty for the repository's default branch.
   */
  'repositoryRef'?: (string);
  /**
   * Shell command run in the background in the workspace whenever it starts; empty for none.
   */
  'startupCommand'?: (string);
  /**
   * Environment variables whose values are secrets: variable name -> secret name. The agent
   * resolves the names in its own cluster's secret store; values never cross the tunnel.
   */
  'secretEnv'?: ({[key: string]: string});
  /**
   * Kubernetes quantities: CPU ("2", "500m"), memory and storage ("2Gi").
   */
  'cpu'?: (string);
  'memory'?: (string);
  'storage'?: (string);
  /**
   * TCP ports the workspace serves for preview.
   */
  'ports'?: (number)[];
}

/**
 * What create and upgrade deploy (a blueprint resolved for one workspace).
 */
export interface WorkspaceSpec__Output {
  'workspaceId': (string);
  'name': (string);
  'owner': (string);
  'image': (string);
  /**
   * Plain environment variables: name -> value.
   */
  'env': ({[key: string]: string});
  /**
   * Git repository cloned into the workspace when it is created; empty for none.
   */
  'repositoryUrl': (string);
  /**
   * Branch or tag to check out; empty for the repository's default branch.
   */
  'repositoryRef': (string);
  /**
   * Shell command run in the background in the workspace whenever it starts; empty for none.
   */
  'startupCommand': (string);
  /**
   * Environment variables whose values are secrets: variable name -> secret name. The agent
   * resolves the names in its own cluster's secret store; values never cross the tunnel.
   */
  'secretEnv': ({[key: string]: string});
  /**
   * Kubernetes quantities: CPU ("2", "500m"), memory and storage ("2Gi").
   */
  'cpu': (string);
  'memory': (string);
  'storage': (string);
  /**
   * TCP ports the workspace serves for preview.
   */
  'ports': (number)[];
}
