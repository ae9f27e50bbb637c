// Original file: rde/v1/tunnel.proto

import type { Resize as _rde_v1_Resize, Resize__Output as _rde_v1_Resize__Output } from '../../rde/v1/Resize';
import type { Fin as _rde_v1_Fin, Fin__Output as _rde_v1_Fin__Output } from '../../rde/v1/Fin';
import type { Reset as _rde_v1_Reset, Reset__Output as _rde_v1_Reset__Output } from '../../rde/v1/Reset';
import type { Exit as _rde_v1_Exit, Exit__Output as _rde_v1_Exit__Output } from '../../rde/v1/Exit';
import type { Opened as _rde_v1_Opened, Opened__Output as _rde_v1_Opened__Output } from '../../rde/v1/Opened';

export interface SessionFrame {
  /**
   * Payload bytes, at most Welcome.max_frame_bytes, within granted credit.
   */
  'data'?: (Buffer | Uint8Array | string);
  /**
   * Grants the peer this many more bytes of data.
   */
  'credit'?: (number);
  'resize'?: (_rde_v1_Resize | null);
  /**
   * Half-close: the sender sends no more data; the other direction stays open.
   */
  'fin'?: (_rde_v1_Fin | null);
  /**
   * Abort: the session is over, in both directions, and buffered data may be dropped.
   */
  'reset'?: (_rde_v1_Reset | null);
  /**
   * The process ended (agent -> control plane, TTY sessions). The last frame of a session.
   */
  'exit'?: (_rde_v1_Exit | null);
  /**
   * First frame from the agent: the session is open; grants the initial credit for the
   * control plane's data.
   */
  'opened'?: (_rde_v1_Opened | null);
  'body'?: "data"|"credit"|"resize"|"fin"|"reset"|"exit"|"opened";
}

export interface SessionFrame__Output {
  /**
   * Payload bytes, at most Welcome.max_frame_bytes, within granted credit.
   */
  'data'?: (Buffer);
  /**
   * Grants the peer this many more bytes of data.
   */
  'credit'?: (number);
  'resize'?: (_rde_v1_Resize__Output | null);
  /**
   * Half-close: the sender sends no more data; the other direction stays open.
   */
  'fin'?: (_rde_v1_Fin__Output | null);
  /**
   * Abort: the session is over, in both directions, and buffered data may be dropped.
   */
  'reset'?: (_rde_v1_Reset__Output | null);
  /**
   * The process ended (agent -> control plane, TTY sessions). The last frame of a session.
   */
  'exit'?: (_rde_v1_Exit__Output | null);
  /**
   * First frame from the agent: the session is open; grants the initial credit for the
   * control plane's data.
   */
  'opened'?: (_rde_v1_Opened__Output | null);
  'body'?: "data"|"credit"|"resize"|"fin"|"reset"|"exit"|"opened";
}
