// Original file: rde/v1/tunnel.proto


export interface Exit {
  /**
   * Exit status, or -1 when a signal ended the process.
   */
  'code'?: (number);
  /**
   * Signal name (e.g. "SIGHUP") when a signal ended it.
   */
  'signal'?: (string);
}

export interface Exit__Output {
  /**
   * Exit status, or -1 when a signal ended the process.
   */
  'code': (number);
  /**
   * Signal name (e.g. "SIGHUP") when a signal ended it.
   */
  'signal': (string);
}
