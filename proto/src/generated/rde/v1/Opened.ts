// Original file: rde/v1/tunnel.proto


export interface Opened {
  'sessionId'?: (string);
  'initialCredit'?: (number);
}

export interface Opened__Output {
  'sessionId': (string);
  'initialCredit': (number);
}
