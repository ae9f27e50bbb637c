/**
 * Configuration of the RDE control plane (`rde-backend`). See DESIGN §3 and §7.
 */
export interface Config {
  rde?: {
    tunnel?: {
      /**
       * Where the gRPC tunnel server listens for agents (DESIGN §3, §4). It is a port of its own,
       * separate from the backend's HTTP port.
       */
      listen?: {
        /** Interface to bind, e.g. `127.0.0.1` or `0.0.0.0`. Default `127.0.0.1`. */
        host?: string;
        /** TCP port. Default 7100; 0 picks a free port. */
        port?: number;
      };
      /**
       * TLS for the tunnel server: PEM files on disk. Required unless `listen.host` is a loopback
       * address (DESIGN §3).
       */
      tls?: {
        /** Path of the PEM certificate chain. */
        certFile: string;
        /** Path of the PEM private key. */
        keyFile: string;
      };
    };

    /**
     * Development agent tokens, one per entry. Each is stored hashed (SHA-256) in the database at
     * startup if it is not there yet; a token revoked through the admin API stays revoked across
     * restarts. Create production tokens through the admin API instead.
     */
    agents?: Array<{
      /** Cluster name the token authenticates an agent for. */
      cluster: string;
      /**
       * The plaintext token the agent presents.
       * @visibility secret
       */
      token: string;
    }>;

    /**
     * RDE administrators: user or group entity refs (e.g. `user:default/jane`,
     * `group:default/platform`). A user is an admin when their user ref or one of their ownership
     * refs is listed (DESIGN §7).
     */
    admins?: string[];

    /**
     * Workspace limits (issue 3). Blueprints are catalog Templates with `spec.type: rde-blueprint`
     * (DESIGN §6), not configuration.
     */
    limits?: {
      /**
       * Default per-user limit on running workspaces (pending, starting, running, stopping); admins
       * can change it at runtime (Admin → Settings), which wins over this value. Default 3.
       */
      maxRunningWorkspacesPerUser?: number;
      /** Workspace launches a user may make per minute, across all replicas. Default 5. */
      launchesPerMinute?: number;
    };

    workspaces?: {
      /**
       * Template of generated workspace names: `{user}`, `{blueprint}` and `{random}` (required)
       * are replaced, and the result is sanitised to a DNS label. Default
       * `{user}-{blueprint}-{random}`.
       */
      nameTemplate?: string;
    };

    terminal?: {
      /**
       * Origins (`scheme://host[:port]`) a browser may open the terminal WebSocket from. Defaults to
       * the origin of `app.baseUrl`. Any other or a missing `Origin` header is refused.
       */
      allowedOrigins?: string[];
    };
  };
}
