// Original file: rde/v1/tunnel.proto


export interface Reset {
  'reason'?: (string);
}

export interface Reset__Output {
  'reason': (string);
}
