// Original file: rde/v1/tunnel.proto

import type { Welcome as _rde_v1_Welcome, Welcome__Output as _rde_v1_Welcome__Output } from '../../rde/v1/Welcome';
import type { Heartbeat as _rde_v1_Heartbeat, Heartbeat__Output as _rde_v1_Heartbeat__Output } from '../../rde/v1/Heartbeat';
import type { Command as _rde_v1_Command, Command__Output as _rde_v1_Command__Output } from '../../rde/v1/Command';
import type { OpenSession as _rde_v1_OpenSession, OpenSession__Output as _rde_v1_OpenSession__Output } from '../../rde/v1/OpenSession';
import type { CancelSession as _rde_v1_CancelSession, CancelSession__Output as _rde_v1_CancelSession__Output } from '../../rde/v1/CancelSession';
import type { Drain as _rde_v1_Drain, Drain__Output as _rde_v1_Drain__Output } from '../../rde/v1/Drain';
import type { SessionSync as _rde_v1_SessionSync, SessionSync__Output as _rde_v1_SessionSync__Output } from '../../rde/v1/SessionSync';

export interface ControlMessage {
  'welcome'?: (_rde_v1_Welcome | null);
  'heartbeat'?: (_rde_v1_Heartbeat | null);
  'command'?: (_rde_v1_Command | null);
  'openSession'?: (_rde_v1_OpenSession | null);
  'cancelSession'?: (_rde_v1_CancelSession | null);
  'drain'?: (_rde_v1_Drain | null);
  'sessionSync'?: (_rde_v1_SessionSync | null);
  'body'?: "welcome"|"heartbeat"|"command"|"openSession"|"cancelSession"|"drain"|"sessionSync";
}

export interface ControlMessage__Output {
  'welcome'?: (_rde_v1_Welcome__Output | null);
  'heartbeat'?: (_rde_v1_Heartbeat__Output | null);
  'command'?: (_rde_v1_Command__Output | null);
  'openSession'?: (_rde_v1_OpenSession__Output | null);
  'cancelSession'?: (_rde_v1_CancelSession__Output | null);
  'drain'?: (_rde_v1_Drain__Output | null);
  'sessionSync'?: (_rde_v1_SessionSync__Output | null);
  'body'?: "welcome"|"heartbeat"|"command"|"openSession"|"cancelSession"|"drain"|"sessionSync";
}
