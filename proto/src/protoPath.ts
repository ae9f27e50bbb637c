import path from 'node:path';

/** Absolute path of the tunnel protocol file, `rde/v1/tunnel.proto` in this package. */
export const TUNNEL_PROTO_PATH = path.resolve(
  __dirname,
  '../rde/v1/tunnel.proto',
);
