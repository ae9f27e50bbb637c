import path from 'node:path';

/**
 * Absolute path of the tunnel protocol file, `rde/v1/tunnel.proto` at this package's root (the
 * same from `src/` and from a build in `dist/`).
 */
export const TUNNEL_PROTO_PATH = path.join(
  path.dirname(require.resolve('@rde-portal/tunnel/package.json')),
  'rde/v1/tunnel.proto',
);
