import { isLoopbackHost as isLoopback } from '@rde-portal/tunnel';
import { parseUrl, TunnelAgent } from './TunnelAgent';
import { LocalDriver } from './drivers/LocalDriver';

describe('control-plane URLs', () => {
  it('parses grpc:// and grpcs:// with and without ports', () => {
    expect(parseUrl('grpc://127.0.0.1:7100')).toEqual({
      host: '127.0.0.1',
      port: 7100,
      tls: false,
    });
    expect(parseUrl('grpcs://rde.example.com')).toEqual({
      host: 'rde.example.com',
      port: 443,
      tls: true,
    });
    expect(parseUrl('grpc://[::1]:7100')).toEqual({
      host: '::1',
      port: 7100,
      tls: false,
    });
  });

  it('refuses other schemes and garbage with a message naming the expected form', () => {
    for (const url of ['http://x:1', 'x', '']) {
      expect(() => parseUrl(url)).toThrow(
        /expected grpc:\/\/host:port or grpcs:\/\/host:port/,
      );
    }
  });

  it('knows loopback hosts', () => {
    expect(
      ['localhost', '127.0.0.1', '127.1.2.3', '::1'].every(isLoopback),
    ).toBe(true);
    expect(['10.0.0.1', 'example.com', '128.0.0.1'].some(isLoopback)).toBe(
      false,
    );
  });

  it('refuses plain text to a control plane that is not on loopback', () => {
    expect(
      () =>
        new TunnelAgent({
          url: 'grpc://rde.example.com:7100',
          token: 't',
          cluster: 'c',
          driver: new LocalDriver({ dataDir: '/tmp/unused' }),
          logger: { info() {}, warn() {}, error() {} },
        }),
    ).toThrow(
      /Refusing plain-text grpc:\/\/rde.example.com:7100: use grpcs:\/\//,
    );
  });
});
