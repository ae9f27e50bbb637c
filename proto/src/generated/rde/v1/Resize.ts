// Original file: rde/v1/tunnel.proto


export interface Resize {
  'cols'?: (number);
  'rows'?: (number);
}

export interface Resize__Output {
  'cols': (number);
  'rows': (number);
}
