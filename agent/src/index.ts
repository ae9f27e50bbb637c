/**
 * The in-cluster RDE agent (DESIGN §5).
 *
 * @packageDocumentation
 */
export { TunnelAgent, parseUrl, type TunnelAgentOptions } from './TunnelAgent';
export { Backoff, type BackoffOptions } from './backoff';
export {
  LocalDriver,
  endPty,
  type LocalDriverOptions,
} from './drivers/LocalDriver';
export { LocalSecretStore } from './drivers/LocalSecretStore';
export { workspaceSpecFromProto } from './workspaceSpecFromProto';
export type {
  WorkspaceDriver,
  WorkspaceSpec,
  WorkspaceState,
  TtyRequest,
} from './drivers/WorkspaceDriver';
export { consoleLogger, type AgentLogger } from './logger';
