// Original file: rde/v1/tunnel.proto

import type { SessionKind as _rde_v1_SessionKind, SessionKind__Output as _rde_v1_SessionKind__Output } from '../../rde/v1/SessionKind';
import type { TtyOptions as _rde_v1_TtyOptions, TtyOptions__Output as _rde_v1_TtyOptions__Output } from '../../rde/v1/TtyOptions';
import type { Long } from '@grpc/proto-loader';

export interface OpenSession {
  'sessionId'?: (string);
  'kind'?: (_rde_v1_SessionKind);
  'workspaceId'?: (string);
  /**
   * Bytes the agent may send on the session before the control plane grants more.
   */
  'initialCredit'?: (number);
  /**
   * Unix ms after which the agent must not open it.
   */
  'deadlineMs'?: (number | string | Long);
  'tty'?: (_rde_v1_TtyOptions | null);
  'port'?: (number);
}

export interface OpenSession__Output {
  'sessionId': (string);
  'kind': (_rde_v1_SessionKind__Output);
  'workspaceId': (string);
  /**
   * Bytes the agent may send on the session before the control plane grants more.
   */
  'initialCredit': (number);
  /**
   * Unix ms after which the agent must not open it.
   */
  'deadlineMs': (number);
  'tty': (_rde_v1_TtyOptions__Output | null);
  'port': (number);
}
