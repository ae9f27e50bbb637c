/**
 * A cluster as the control plane records it. Whether an agent is connected is live state held by
 * the tunnel server, not stored (DESIGN §3).
 */
export interface ClusterRecord {
  name: string;
  /** ISO-8601 time the cluster was first recorded. */
  createdAt: string;
  /** ISO-8601 time an agent for it last connected or disconnected; absent when never. */
  lastSeenAt?: string;
}

/**
 * Persistence of known clusters (`rde_clusters`).
 */
export interface ClusterStore {
  /**
   * Records the cluster if it is not known yet; does nothing otherwise. Safe under concurrency.
   */
  ensure(name: string): Promise<void>;

  /**
   * Records that an agent for `name` connected or disconnected at `at` (default now), creating the
   * cluster when it is not known yet. The tunnel server calls this on connect and on disconnect.
   */
  markSeen(name: string, at?: Date): Promise<void>;

  /** The cluster, or `undefined` when unknown. */
  get(name: string): Promise<ClusterRecord | undefined>;

  /** All known clusters, ordered by name. */
  list(): Promise<ClusterRecord[]>;
}
