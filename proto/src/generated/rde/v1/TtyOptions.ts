// Original file: rde/v1/tunnel.proto


export interface TtyOptions {
  'cols'?: (number);
  'rows'?: (number);
  /**
   * argv; empty for the workspace's login shell.
   */
  'command'?: (string)[];
  'env'?: ({[key: string]: string});
}

export interface TtyOptions__Output {
  'cols': (number);
  'rows': (number);
  /**
   * argv; empty for the workspace's login shell.
   */
  'command': (string)[];
  'env': ({[key: string]: string});
}
