// Original file: rde/v1/tunnel.proto


/**
 * The ids of the sessions the sender holds; the receiver ends those the sender does not list.
 */
export interface SessionSync {
  'sessionIds'?: (string)[];
}

/**
 * The ids of the sessions the sender holds; the receiver ends those the sender does not list.
 */
export interface SessionSync__Output {
  'sessionIds': (string)[];
}
