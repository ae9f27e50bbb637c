// Original file: rde/v1/tunnel.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentMessage as _rde_v1_AgentMessage, AgentMessage__Output as _rde_v1_AgentMessage__Output } from '../../rde/v1/AgentMessage';
import type { ControlMessage as _rde_v1_ControlMessage, ControlMessage__Output as _rde_v1_ControlMessage__Output } from '../../rde/v1/ControlMessage';
import type { SessionFrame as _rde_v1_SessionFrame, SessionFrame__Output as _rde_v1_SessionFrame__Output } from '../../rde/v1/SessionFrame';

export interface TunnelClient extends grpc.Client {
  /**
   * The control stream, one per connected agent: hello/welcome, heartbeats, lifecycle commands,
   * session open/cancel, drain and session sync. It carries no bulk data, so it never queues
   * behind a session's bytes. The agent authenticates with `authorization: Bearer <agent token>`
   * metadata.
   */
  Control(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_AgentMessage, _rde_v1_ControlMessage__Output>;
  Control(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_AgentMessage, _rde_v1_ControlMessage__Output>;
  /**
   * The control stream, one per connected agent: hello/welcome, heartbeats, lifecycle commands,
   * session open/cancel, drain and session sync. It carries no bulk data, so it never queues
   * behind a session's bytes. The agent authenticates with `authorization: Bearer <agent token>`
   * metadata.
   */
  control(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_AgentMessage, _rde_v1_ControlMessage__Output>;
  control(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_AgentMessage, _rde_v1_ControlMessage__Output>;
  
  /**
   * One stream per session, opened by the agent when the control plane sends OpenSession.
   * Metadata: `authorization` as for Control, `rde-session-id`. Frames are at most 32 KiB of
   * payload; each direction sends data only within the credit the other side granted.
   */
  Session(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_SessionFrame, _rde_v1_SessionFrame__Output>;
  Session(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_SessionFrame, _rde_v1_SessionFrame__Output>;
  /**
   * One stream per session, opened by the agent when the control plane sends OpenSession.
   * Metadata: `authorization` as for Control, `rde-session-id`. Frames are at most 32 KiB of
   * payload; each direction sends data only within the credit the other side granted.
   */
  session(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_SessionFrame, _rde_v1_SessionFrame__Output>;
  session(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rde_v1_SessionFrame, _rde_v1_SessionFrame__Output>;
  
}

export interface TunnelHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The control stream, one per connected agent: hello/welcome, heartbeats, lifecycle commands,
   * session open/cancel, drain and session sync. It carries no bulk data, so it never queues
   * behind a session's bytes. The agent authenticates with `authorization: Bearer <agent token>`
   * metadata.
   */
  Control: grpc.handleBidiStreamingCall<_rde_v1_AgentMessage__Output, _rde_v1_ControlMessage>;
  
  /**
   * One stream per session, opened by the agent when the control plane sends OpenSession.
   * Metadata: `authorization` as for Control, `rde-session-id`. Frames are at most 32 KiB of
   * payload; each direction sends data only within the credit the other side granted.
   */
  Session: grpc.handleBidiStreamingCall<_rde_v1_SessionFrame__Output, _rde_v1_SessionFrame>;
  
}

export interface TunnelDefinition extends grpc.ServiceDefinition {
  Control: MethodDefinition<_rde_v1_AgentMessage, _rde_v1_ControlMessage, _rde_v1_AgentMessage__Output, _rde_v1_ControlMessage__Output>
  Session: MethodDefinition<_rde_v1_SessionFrame, _rde_v1_SessionFrame, _rde_v1_SessionFrame__Output, _rde_v1_SessionFrame__Output>
}
