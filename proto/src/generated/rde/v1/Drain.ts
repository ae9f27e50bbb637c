// Original file: rde/v1/tunnel.proto


/**
 * The control plane is going away: finish what is open, open nothing new, reconnect after the
 * given delay (to another replica).
 */
export interface Drain {
  'reason'?: (string);
  'reconnectAfterMs'?: (number);
}

/**
 * The control plane is going away: finish what is open, open nothing new, reconnect after the
 * given delay (to another replica).
 */
export interface Drain__Output {
  'reason': (string);
  'reconnectAfterMs': (number);
}
