import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AgentMessage as _rde_v1_AgentMessage, AgentMessage__Output as _rde_v1_AgentMessage__Output } from './rde/v1/AgentMessage';
import type { CancelSession as _rde_v1_CancelSession, CancelSession__Output as _rde_v1_CancelSession__Output } from './rde/v1/CancelSession';
import type { Command as _rde_v1_Command, Command__Output as _rde_v1_Command__Output } from './rde/v1/Command';
import type { CommandResult as _rde_v1_CommandResult, CommandResult__Output as _rde_v1_CommandResult__Output } from './rde/v1/CommandResult';
import type { ControlMessage as _rde_v1_ControlMessage, ControlMessage__Output as _rde_v1_ControlMessage__Output } from './rde/v1/ControlMessage';
import type { Drain as _rde_v1_Drain, Drain__Output as _rde_v1_Drain__Output } from './rde/v1/Drain';
import type { Exit as _rde_v1_Exit, Exit__Output as _rde_v1_Exit__Output } from './rde/v1/Exit';
import type { Fin as _rde_v1_Fin, Fin__Output as _rde_v1_Fin__Output } from './rde/v1/Fin';
import type { Heartbeat as _rde_v1_Heartbeat, Heartbeat__Output as _rde_v1_Heartbeat__Output } from './rde/v1/Heartbeat';
import type { Hello as _rde_v1_Hello, Hello__Output as _rde_v1_Hello__Output } from './rde/v1/Hello';
import type { OpenSession as _rde_v1_OpenSession, OpenSession__Output as _rde_v1_OpenSession__Output } from './rde/v1/OpenSession';
import type { Opened as _rde_v1_Opened, Opened__Output as _rde_v1_Opened__Output } from './rde/v1/Opened';
import type { Reset as _rde_v1_Reset, Reset__Output as _rde_v1_Reset__Output } from './rde/v1/Reset';
import type { Resize as _rde_v1_Resize, Resize__Output as _rde_v1_Resize__Output } from './rde/v1/Resize';
import type { SessionFrame as _rde_v1_SessionFrame, SessionFrame__Output as _rde_v1_SessionFrame__Output } from './rde/v1/SessionFrame';
import type { SessionRejected as _rde_v1_SessionRejected, SessionRejected__Output as _rde_v1_SessionRejected__Output } from './rde/v1/SessionRejected';
import type { SessionSync as _rde_v1_SessionSync, SessionSync__Output as _rde_v1_SessionSync__Output } from './rde/v1/SessionSync';
import type { TtyOptions as _rde_v1_TtyOptions, TtyOptions__Output as _rde_v1_TtyOptions__Output } from './rde/v1/TtyOptions';
import type { TunnelClient as _rde_v1_TunnelClient, TunnelDefinition as _rde_v1_TunnelDefinition } from './rde/v1/Tunnel';
import type { Welcome as _rde_v1_Welcome, Welcome__Output as _rde_v1_Welcome__Output } from './rde/v1/Welcome';
import type { WorkspaceObservation as _rde_v1_WorkspaceObservation, WorkspaceObservation__Output as _rde_v1_WorkspaceObservation__Output } from './rde/v1/WorkspaceObservation';
import type { WorkspaceRef as _rde_v1_WorkspaceRef, WorkspaceRef__Output as _rde_v1_WorkspaceRef__Output } from './rde/v1/WorkspaceRef';
import type { WorkspaceSpec as _rde_v1_WorkspaceSpec, WorkspaceSpec__Output as _rde_v1_WorkspaceSpec__Output } from './rde/v1/WorkspaceSpec';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  rde: {
    v1: {
      AgentMessage: MessageTypeDefinition<_rde_v1_AgentMessage, _rde_v1_AgentMessage__Output>
      CancelSession: MessageTypeDefinition<_rde_v1_CancelSession, _rde_v1_CancelSession__Output>
      Command: MessageTypeDefinition<_rde_v1_Command, _rde_v1_Command__Output>
      CommandResult: MessageTypeDefinition<_rde_v1_CommandResult, _rde_v1_CommandResult__Output>
      ControlMessage: MessageTypeDefinition<_rde_v1_ControlMessage, _rde_v1_ControlMessage__Output>
      Drain: MessageTypeDefinition<_rde_v1_Drain, _rde_v1_Drain__Output>
      Exit: MessageTypeDefinition<_rde_v1_Exit, _rde_v1_Exit__Output>
      Fin: MessageTypeDefinition<_rde_v1_Fin, _rde_v1_Fin__Output>
      Heartbeat: MessageTypeDefinition<_rde_v1_Heartbeat, _rde_v1_Heartbeat__Output>
      Hello: MessageTypeDefinition<_rde_v1_Hello, _rde_v1_Hello__Output>
      OpenSession: MessageTypeDefinition<_rde_v1_OpenSession, _rde_v1_OpenSession__Output>
      Opened: MessageTypeDefinition<_rde_v1_Opened, _rde_v1_Opened__Output>
      Reset: MessageTypeDefinition<_rde_v1_Reset, _rde_v1_Reset__Output>
      Resize: MessageTypeDefinition<_rde_v1_Resize, _rde_v1_Resize__Output>
      SessionFrame: MessageTypeDefinition<_rde_v1_SessionFrame, _rde_v1_SessionFrame__Output>
      SessionKind: EnumTypeDefinition
      SessionRejected: MessageTypeDefinition<_rde_v1_SessionRejected, _rde_v1_SessionRejected__Output>
      SessionSync: MessageTypeDefinition<_rde_v1_SessionSync, _rde_v1_SessionSync__Output>
      TtyOptions: MessageTypeDefinition<_rde_v1_TtyOptions, _rde_v1_TtyOptions__Output>
      Tunnel: SubtypeConstructor<typeof grpc.Client, _rde_v1_TunnelClient> & { service: _rde_v1_TunnelDefinition }
      Welcome: MessageTypeDefinition<_rde_v1_Welcome, _rde_v1_Welcome__Output>
      WorkspaceObservation: MessageTypeDefinition<_rde_v1_WorkspaceObservation, _rde_v1_WorkspaceObservation__Output>
      WorkspaceRef: MessageTypeDefinition<_rde_v1_WorkspaceRef, _rde_v1_WorkspaceRef__Output>
      WorkspaceSpec: MessageTypeDefinition<_rde_v1_WorkspaceSpec, _rde_v1_WorkspaceSpec__Output>
    }
  }
}

