import * as grpc from '@grpc/grpc-js';
import { loadTunnelDefinition } from './tunnelDefinition';
import { SessionChannel, MAX_FRAME_BYTES } from './SessionChannel';

/** A real gRPC server and client on loopback joined by one Session call. */
async function sessionPair(window: { server: number; agent: number }) {
  const { service, Client } = loadTunnelDefinition();
  const server = new grpc.Server();
  const serverSide = new Promise<SessionChannel>(resolve => {
    server.addService(service, {
      Control: (call: grpc.ServerDuplexStream<any, any>) => call.end(),
      Session: (call: grpc.ServerDuplexStream<any, any>) =>
        resolve(
          new SessionChannel(call, {
            receiveWindow: window.server,
            initialSendCredit: 0,
          }),
        ),
    });
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      '127.0.0.1:0',
      grpc.ServerCredentials.createInsecure(),
      (e, p) => (e ? reject(e) : resolve(p)),
    ),
  );
  const client = new Client(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const call = (client as any).Session() as grpc.ClientDuplexStream<any, any>;
  const agent = new SessionChannel(call, {
    receiveWindow: window.agent,
    initialSendCredit: window.server,
  });
  agent.opened('s1');
  const cp = await serverSide;
  await new Promise(resolve => cp.once('opened', resolve));
  return {
    agent,
    cp,
    close: () => {
      client.close();
      server.forceShutdown();
    },
  };
}

const until = async (check: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 5));
  }
};

describe('SessionChannel over a real gRPC stream', () => {
  it('carries bytes both ways, in order, in frames of at most 32 KiB', async () => {
    const { agent, cp, close } = await sessionPair({
      server: 1 << 20,
      agent: 1 << 16,
    });
    const seen: Buffer[] = [];
    cp.on('data', (b: Buffer) => {
      expect(b.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      seen.push(b);
      cp.consumed(b.length);
    });
    const payload = Buffer.alloc(300_000);
    for (let i = 0; i < payload.length; i++) payload[i] = i % 251;
    agent.write(payload);
    await until(() => seen.reduce((n, b) => n + b.length, 0) >= payload.length);
    expect(Buffer.concat(seen).equals(payload)).toBe(true);

    const back: Buffer[] = [];
    agent.on('data', (b: Buffer) => {
      back.push(b);
      agent.consumed(b.length);
    });
    cp.write(Buffer.from('echo hi\r'));
    await until(() => back.length > 0);
    expect(Buffer.concat(back).toString()).toBe('echo hi\r');
    close();
  });

  it('never sends more than the receiver granted while its consumer is stalled', async () => {
    const window = 100_000;
    const { agent, cp, close } = await sessionPair({
      server: window,
      agent: 1 << 16,
    });
    let received = 0;
    cp.on('data', (b: Buffer) => {
      received += b.length;
    });
    let drained = false;
    agent.on('drain', () => {
      drained = true;
    });
    expect(agent.write(Buffer.alloc(1_000_000, 1))).toBe(false);
    await until(() => received === window);
    await new Promise(r => setTimeout(r, 200));
    expect(received).toBe(window);
    expect(agent.queuedBytes).toBe(1_000_000 - window);
    cp.consumed(received);
    await until(() => received >= 2 * window);
    expect(drained).toBe(false);
    cp.on('data', (b: Buffer) => cp.consumed(b.length));
    cp.consumed(received - window);
    await until(() => received === 1_000_000);
    await until(() => drained);
    close();
  });

  it('delivers resize, exit status after queued data, and closes both ends', async () => {
    const { agent, cp, close } = await sessionPair({
      server: 1 << 20,
      agent: 1 << 16,
    });
    const resized = new Promise(resolve =>
      agent.once('resize', (c, r) => resolve([c, r])),
    );
    cp.resize(132, 43);
    expect(await resized).toEqual([132, 43]);
    const chunks: Buffer[] = [];
    cp.on('data', (b: Buffer) => chunks.push(b));
    const exited = new Promise(resolve =>
      cp.once('exit', (code, signal) => resolve([code, signal])),
    );
    const cpClosed = new Promise(resolve => cp.once('close', resolve));
    agent.write(Buffer.from('bye\r\n'));
    agent.exit(3);
    expect(await exited).toEqual([3, undefined]);
    expect(Buffer.concat(chunks).toString()).toBe('bye\r\n');
    expect(await cpClosed).toEqual({ reason: 'exit' });
    close();
  });

  it('reset ends the session on both sides with the reason', async () => {
    const { agent, cp, close } = await sessionPair({
      server: 1 << 20,
      agent: 1 << 16,
    });
    const agentClosed = new Promise(resolve => agent.once('close', resolve));
    cp.reset('browser went away');
    expect(await agentClosed).toEqual({
      reason: 'reset',
      message: 'browser went away',
    });
    expect(cp.isClosed).toBe(true);
    close();
  });
});
