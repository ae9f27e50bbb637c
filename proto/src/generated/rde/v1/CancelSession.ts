// Original file: rde/v1/tunnel.proto


export interface CancelSession {
  'sessionId'?: (string);
  'reason'?: (string);
}

export interface CancelSession__Output {
  'sessionId': (string);
  'reason': (string);
}
