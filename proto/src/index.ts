/**
 * The RDE tunnel between the in-cluster agent and the control plane (DESIGN §4): the protocol
 * definition, its generated types, the session frame codec and per-session credit flow control.
 *
 * @packageDocumentation
 */
export { TUNNEL_PROTO_PATH } from './protoPath';
export {
  loadTunnelDefinition,
  TUNNEL_PROTO_LOADER_OPTIONS,
  type TunnelDefinition,
} from './tunnelDefinition';
export { encodeSessionFrame, decodeSessionFrame } from './sessionFrameCodec';
export {
  SessionChannel,
  MAX_FRAME_BYTES,
  type SessionChannelOptions,
  type SessionCloseInfo,
  type SessionFrameStream,
} from './SessionChannel';
export { TUNNEL_METADATA } from './metadata';
export { isLoopbackHost } from './loopback';
export type { WorkspaceDeployment } from './workspaceDeployment';
export type {
  AgentMessage,
  AgentMessage__Output,
} from './generated/rde/v1/AgentMessage';
export type {
  ControlMessage,
  ControlMessage__Output,
} from './generated/rde/v1/ControlMessage';
export type {
  SessionFrame,
  SessionFrame__Output,
} from './generated/rde/v1/SessionFrame';
export type { Command, Command__Output } from './generated/rde/v1/Command';
export type {
  CommandResult,
  CommandResult__Output,
} from './generated/rde/v1/CommandResult';
export type {
  OpenSession,
  OpenSession__Output,
} from './generated/rde/v1/OpenSession';
export type {
  WorkspaceSpec,
  WorkspaceSpec__Output,
} from './generated/rde/v1/WorkspaceSpec';
export type {
  WorkspaceObservation,
  WorkspaceObservation__Output,
} from './generated/rde/v1/WorkspaceObservation';
