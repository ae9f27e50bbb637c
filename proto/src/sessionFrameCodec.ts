import * as protobuf from 'protobufjs';
import { TUNNEL_PROTO_PATH } from './protoPath';
import type {
  SessionFrame,
  SessionFrame__Output,
} from './generated/rde/v1/SessionFrame';

// Tag of SessionFrame.data: field 1, wire type 2 (length-delimited).
const DATA_TAG = 0x0a;

let messageType: protobuf.Type | undefined;
function sessionFrameType(): protobuf.Type {
  if (!messageType) {
    messageType = protobuf
      .loadSync(TUNNEL_PROTO_PATH)
      .lookupType('rde.v1.SessionFrame');
  }
  return messageType;
}

function varintLength(value: number): number {
  let n = 1;
  let v = value;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

function writeVarint(target: Buffer, offset: number, value: number): number {
  let v = value;
  let o = offset;
  while (v >= 0x80) {
    target[o++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  target[o++] = v;
  return o;
}

/**
 * Encodes a session frame to protobuf wire bytes. A data frame is written directly (tag, length
 * varint, payload: one allocation, one copy); every other frame goes through protobufjs. The
 * output is byte-identical to protobufjs's for the same frame.
 */
export function encodeSessionFrame(frame: SessionFrame): Buffer {
  const data = frame.data;
  if (data !== undefined && data !== null && typeof data !== 'string') {
    const length = data.length;
    const out = Buffer.allocUnsafe(1 + varintLength(length) + length);
    out[0] = DATA_TAG;
    const offset = writeVarint(out, 1, length);
    out.set(data, offset);
    return out;
  }
  const type = sessionFrameType();
  return Buffer.from(type.encode(type.fromObject(frame)).finish());
}

/**
 * Decodes protobuf wire bytes of a session frame. A frame holding only `data` is decoded without
 * copying: the payload is a view into `buf`. Other frames are decoded by protobufjs with the same
 * options as the rest of the tunnel (see TUNNEL_PROTO_LOADER_OPTIONS).
 *
 * @throws Error on malformed input.
 */
export function decodeSessionFrame(buf: Buffer): SessionFrame__Output {
  if (buf.length > 0 && buf[0] === DATA_TAG) {
    let length = 0;
    let shift = 1;
    let offset = 1;
    for (; offset < buf.length && offset < 6; offset++) {
      const byte = buf[offset];
      length += (byte & 0x7f) * shift;
      shift *= 128;
      if (byte < 0x80) {
        offset++;
        if (offset + length === buf.length) {
          return { data: buf.subarray(offset), body: 'data' };
        }
        break;
      }
    }
  }
  const type = sessionFrameType();
  return type.toObject(type.decode(buf), {
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  }) as SessionFrame__Output;
}
