// Original file: rde/v1/tunnel.proto


/**
 * First message on Control.
 */
export interface Hello {
  'cluster'?: (string);
  'agentVersion'?: (string);
  /**
   * Driver name, e.g. "local" or "kubernetes".
   */
  'driver'?: (string);
  /**
   * Random per agent process; lets the control plane tell a reconnect from a second agent.
   */
  'instanceId'?: (string);
}

/**
 * First message on Control.
 */
export interface Hello__Output {
  'cluster': (string);
  'agentVersion': (string);
  /**
   * Driver name, e.g. "local" or "kubernetes".
   */
  'driver': (string);
  /**
   * Random per agent process; lets the control plane tell a reconnect from a second agent.
   */
  'instanceId': (string);
}
