import type { Config } from '@backstage/config';
import type { AgentTokenSeed } from '../database/AgentTokenStore';

/**
 * The development agent tokens from `rde.agents` (list of `{ cluster, token }`).
 *
 * @returns an empty list when `rde.agents` is absent.
 * @throws Error from `@backstage/config` when an entry lacks `cluster` or `token`.
 */
export function readAgentTokenSeeds(config: Config): AgentTokenSeed[] {
  return (config.getOptionalConfigArray('rde.agents') ?? []).map(agent => ({
    cluster: agent.getString('cluster'),
    token: agent.getString('token'),
  }));
}
