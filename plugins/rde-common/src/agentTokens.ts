/**
 * An agent token as the admin REST API lists it (`GET /api/rde/clusters/:cluster/agent-tokens`).
 * Never carries the token itself nor its hash. Times are ISO-8601 strings.
 *
 * @public
 */
export interface AgentToken {
  /** Random id (UUID); the handle for revocation (`DELETE /api/rde/agent-tokens/:id`). */
  id: string;
  /** The cluster whose agent may authenticate with it. */
  cluster: string;
  createdAt: string;
  /** Entity ref of the admin who created it, or `config` for a token seeded from `rde.agents`. */
  createdBy: string;
  /** Last time an agent authenticated with it; absent when never used. */
  lastUsedAt?: string;
  /** When it was revoked; absent while it is valid. */
  revokedAt?: string;
}

/**
 * Response of `POST /api/rde/clusters/:cluster/agent-tokens`: the new token in plain text. This is
 * the only time the plaintext is shown; the control plane keeps only its SHA-256 hash (DESIGN §3).
 *
 * @public
 */
export interface CreatedAgentToken extends AgentToken {
  /** The plaintext token to give to the agent (`rde-agent --token …`). */
  token: string;
}
