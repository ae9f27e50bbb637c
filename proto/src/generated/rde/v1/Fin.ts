// Original file: rde/v1/tunnel.proto


export interface Fin {
}

export interface Fin__Output {
}
