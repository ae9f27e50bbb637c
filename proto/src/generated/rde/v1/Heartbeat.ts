// Original file: rde/v1/tunnel.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Sent by either side every heartbeat interval; the peer answers with is_reply set.
 */
export interface Heartbeat {
  'nonce'?: (number | string | Long);
  'isReply'?: (boolean);
  /**
   * Sender's wall clock, Unix ms.
   */
  'sentAtMs'?: (number | string | Long);
}

/**
 * Sent by either side every heartbeat interval; the peer answers with is_reply set.
 */
export interface Heartbeat__Output {
  'nonce': (number);
  'isReply': (boolean);
  /**
   * Sender's wall clock, Unix ms.
   */
  'sentAtMs': (number);
}
