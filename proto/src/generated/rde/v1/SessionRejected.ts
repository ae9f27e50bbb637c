// Original file: rde/v1/tunnel.proto


export interface SessionRejected {
  'sessionId'?: (string);
  'reason'?: (string);
}

export interface SessionRejected__Output {
  'sessionId': (string);
  'reason': (string);
}
