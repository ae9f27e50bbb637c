import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { AgentTokenStore } from '../database/AgentTokenStore';
import type { ClusterStore } from '../database/ClusterStore';
import type { AgentGateway } from './AgentGateway';
import { TunnelServer } from './TunnelServer';

/**
 * What the plugin needs from the tunnel: an {@link AgentGateway} plus its listener's lifecycle.
 */
export interface RdeTunnel {
  gateway: AgentGateway;
  /** Starts listening for agents; rejects when it cannot (e.g. port taken, TLS missing). */
  start(): Promise<void>;
  /** Drains and closes agent connections. */
  stop(): Promise<void>;
}

/** Builds the tunnel from config and the stores agents authenticate and register through. */
export type RdeTunnelFactory = (options: {
  config: Config;
  logger: LoggerService;
  tokens: AgentTokenStore;
  clusters: ClusterStore;
}) => RdeTunnel;

/** The real tunnel: a {@link TunnelServer} (DESIGN §4). */
export const defaultTunnelFactory: RdeTunnelFactory = options => {
  const server = new TunnelServer(options);
  return {
    gateway: server,
    start: () => server.start(),
    stop: () => server.stop(),
  };
};
