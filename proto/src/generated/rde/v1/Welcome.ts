// Original file: rde/v1/tunnel.proto


export interface Welcome {
  /**
   * Id the control plane gave this connection.
   */
  'connectionId'?: (string);
  'heartbeatIntervalMs'?: (number);
  /**
   * Largest payload of one SessionFrame, bytes.
   */
  'maxFrameBytes'?: (number);
}

export interface Welcome__Output {
  /**
   * Id the control plane gave this connection.
   */
  'connectionId': (string);
  'heartbeatIntervalMs': (number);
  /**
   * Largest payload of one SessionFrame, bytes.
   */
  'maxFrameBytes': (number);
}
