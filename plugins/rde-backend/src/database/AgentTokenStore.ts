import type { AgentToken } from '@rde-portal/plugin-rde-common';

/**
 * A development agent token seeded from config (`rde.agents`).
 */
export interface AgentTokenSeed {
  cluster: string;
  /** The plaintext token. */
  token: string;
}

/**
 * Who an agent token authenticates: the token's id (for `markUsed`, logs and revocation) and the
 * cluster the agent may serve.
 */
export interface VerifiedAgentToken {
  tokenId: string;
  cluster: string;
}

/**
 * Per-cluster agent tokens (`rde_agent_tokens`, DESIGN §3): admin-created, stored only as a
 * SHA-256 hash, revocable, last use recorded.
 */
export interface AgentTokenStore {
  /**
   * Creates a token for `cluster` (and records the cluster if it is new).
   *
   * @param options.cluster - cluster name.
   * @param options.createdBy - entity ref of the admin creating it.
   * @returns the plaintext token — shown this once, never stored: `rdeat_` followed by 32 random
   *   bytes (256 bits) from `node:crypto` `randomBytes`, base64url — and the stored record.
   */
  create(options: {
    cluster: string;
    createdBy: string;
  }): Promise<{ token: string; record: AgentToken }>;

  /**
   * Checks a plaintext token presented by an agent. Looks the token up by its SHA-256 hash (the
   * plaintext is never compared, so timing reveals nothing about it).
   *
   * @param plaintext - the token exactly as presented.
   * @returns the token id and its cluster, or `undefined` when the token is unknown, revoked, empty
   *   or longer than 1024 characters. Never throws for bad input; throws only on database errors.
   */
  verify(plaintext: string): Promise<VerifiedAgentToken | undefined>;

  /** Records that the token was used to authenticate at `at` (default now). */
  markUsed(tokenId: string, at?: Date): Promise<void>;

  /**
   * Revokes the token at `at` (default now); revoking an already revoked token keeps its first
   * revocation time.
   *
   * @returns the token's record, or `undefined` when no token has that id.
   */
  revoke(tokenId: string, at?: Date): Promise<AgentToken | undefined>;

  /** A token's record (no hash), or `undefined` when unknown. */
  get(tokenId: string): Promise<AgentToken | undefined>;

  /** The tokens of `cluster` (revoked ones included), newest first, without hashes. */
  list(cluster: string): Promise<AgentToken[]>;

  /**
   * Stores the hashes of config-provided development tokens (`rde.agents`) that are not stored yet,
   * with `createdBy: 'config'`, and records their clusters. Idempotent: a token already stored —
   * including one revoked through the admin API — is left as it is, so revocation sticks.
   *
   * @returns how many tokens were newly stored.
   */
  seed(seeds: AgentTokenSeed[]): Promise<number>;
}
