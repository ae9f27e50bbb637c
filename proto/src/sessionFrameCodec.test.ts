import * as protobuf from 'protobufjs';
import { decodeSessionFrame, encodeSessionFrame } from './sessionFrameCodec';
import { TUNNEL_PROTO_PATH } from './protoPath';

const type = protobuf
  .loadSync(TUNNEL_PROTO_PATH)
  .lookupType('rde.v1.SessionFrame');
const protobufjsEncode = (frame: object) =>
  Buffer.from(type.encode(type.fromObject(frame)).finish());

describe('session frame codec', () => {
  it.each([0, 1, 127, 128, 300, 16383, 16384, 32 * 1024, 200_000])(
    'encodes a %i-byte data frame exactly as protobufjs does and decodes it without a copy',
    size => {
      const payload = Buffer.alloc(size, 0x61);
      if (size > 0) payload[size - 1] = 0xff;
      const encoded = encodeSessionFrame({ data: payload });
      expect(encoded.equals(protobufjsEncode({ data: payload }))).toBe(true);
      const decoded = decodeSessionFrame(encoded);
      expect(decoded.body).toBe('data');
      expect(Buffer.compare(decoded.data!, payload)).toBe(0);
      expect(decoded.data!.buffer).toBe(encoded.buffer);
    },
  );

  it('round-trips control frames through protobufjs', () => {
    const frames = [
      { credit: 65536 },
      { resize: { cols: 120, rows: 40 } },
      { fin: {} },
      { reset: { reason: 'browser went away' } },
      { exit: { code: 130, signal: 'SIGINT' } },
      { opened: { sessionId: 'abc', initialCredit: 1024 } },
    ];
    for (const frame of frames) {
      const decoded = decodeSessionFrame(encodeSessionFrame(frame));
      const key = Object.keys(frame)[0];
      expect(decoded.body).toBe(key);
      expect(decoded).toMatchObject(frame);
      expect(decoded.data).toBeUndefined();
    }
  });

  it('rejects garbage', () => {
    expect(() => decodeSessionFrame(Buffer.from([0x0a, 0x05, 0x01]))).toThrow();
  });
});
