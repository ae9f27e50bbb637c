// Original file: rde/v1/tunnel.proto

export const SessionKind = {
  SESSION_KIND_UNSPECIFIED: 'SESSION_KIND_UNSPECIFIED',
  /**
   * A process on a pseudo-terminal: data both ways, resize, exit status.
   */
  SESSION_KIND_TTY: 'SESSION_KIND_TTY',
  /**
   * A byte stream to a TCP port of the workspace (preview HTTP and WebSocket).
   */
  SESSION_KIND_PORT: 'SESSION_KIND_PORT',
} as const;

export type SessionKind =
  | 'SESSION_KIND_UNSPECIFIED'
  | 0
  /**
   * A process on a pseudo-terminal: data both ways, resize, exit status.
   */
  | 'SESSION_KIND_TTY'
  | 1
  /**
   * A byte stream to a TCP port of the workspace (preview HTTP and WebSocket).
   */
  | 'SESSION_KIND_PORT'
  | 2

export type SessionKind__Output = typeof SessionKind[keyof typeof SessionKind]
