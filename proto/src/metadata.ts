/**
 * gRPC metadata keys of the tunnel. `authorization` carries `Bearer <agent token>` on every call;
 * `rde-session-id` names the session a `Session` call carries.
 */
export const TUNNEL_METADATA = {
  authorization: 'authorization',
  sessionId: 'rde-session-id',
} as const;
