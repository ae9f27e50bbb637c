export * from './AgentGateway';
export {
  TunnelServer,
  TUNNEL_RECEIVE_WINDOW,
  type TunnelServerOptions,
  type AgentTokenVerifier,
  type ClusterPresence,
} from './TunnelServer';
export { SESSION_SEND_WINDOW } from './AgentConnection';
export {
  defaultTunnelFactory,
  type RdeTunnel,
  type RdeTunnelFactory,
} from './tunnelFactory';
