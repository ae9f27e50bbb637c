/*
 * `yarn bench:terminal`: keystroke echo latency and output throughput through the full chain
 * (WebSocket → backend → gRPC tunnel → agent → PTY and back) next to a direct WebSocket-to-PTY
 * server measured in the same run, on loopback. Targets: DESIGN §9. Not a test: it prints
 * figures and ratios and asserts nothing.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { startStack, waitForWorkspace } from '../stack';
import { TerminalClient } from '../terminalClient';
import { startDirectPtyServer } from './directPtyServer';

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 400);
const OUTPUT_BYTES = Number(process.env.BENCH_OUTPUT_BYTES ?? 64 * 1024 * 1024);

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function settle(client: TerminalClient): Promise<void> {
  const marker = `ready-${Math.random().toString(36).slice(2)}`;
  client.send(
    `stty -echoctl; echo ${marker.slice(0, 6)}""${marker.slice(6)}\r`,
  );
  await client.waitFor(marker, 20_000);
  await new Promise(r => setTimeout(r, 200));
}

/** Sends one character at a time and waits for the PTY's echo of it; returns ms per round trip. */
async function echoLatencies(client: TerminalClient): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < KEYSTROKES + 20; i++) {
    // Wait on the socket's event, not a polling loop: on 2 cores a spinning client would steal
    // CPU from the backend and agent it measures.
    const echoed = new Promise<void>(resolve => {
      const onMessage = (_data: unknown, isBinary: boolean) => {
        if (!isBinary) return;
        client.socket.off('message', onMessage);
        resolve();
      };
      client.socket.on('message', onMessage);
    });
    const start = process.hrtime.bigint();
    client.send('x');
    await echoed;
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= 20) samples.push(elapsed);
  }
  client.send('\x15');
  return samples.sort((a, b) => a - b);
}

/** Has the shell print OUTPUT_BYTES bytes and measures MB/s until the end marker arrives. */
async function throughput(client: TerminalClient): Promise<number> {
  client.text = '';
  const before = client.bytes;
  const start = process.hrtime.bigint();
  client.send(
    `head -c ${OUTPUT_BYTES} /dev/zero | tr '\\0' 'a'; echo; echo "done"-mark\r`,
  );
  await client.waitFor('done-mark', 300_000);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (client.bytes - before) / seconds / 1e6;
}

async function measure(name: string, connect: () => Promise<TerminalClient>) {
  const client = await connect();
  // Keep memory flat: the benchmark only needs the tail of the output text.
  const originalWaitFor = client.waitFor.bind(client);
  client.waitFor = async (pattern, timeout) => {
    const trim = setInterval(() => {
      if (client.text.length > 1 << 16) client.text = client.text.slice(-4096);
    }, 5);
    try {
      await originalWaitFor(pattern, timeout);
    } finally {
      clearInterval(trim);
    }
  };
  await settle(client);
  const latencies = await echoLatencies(client);
  const mbps = await throughput(client);
  client.close();
  return {
    name,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    p999: percentile(latencies, 99.9),
    mbps,
  };
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-bench-'));
  const direct = await startDirectPtyServer(workDir);
  const stack = await startStack();
  try {
    await stack.startAgent();
    const created = await stack.api('POST', '/workspaces', {
      blueprint: 'shell',
      name: 'bench',
    });
    await waitForWorkspace(stack, created.body.id, 'running');
    const viaTunnel = async () => {
      const res = await stack.api(
        'POST',
        `/workspaces/${created.body.id}/tickets`,
        { cols: 120, rows: 40 },
      );
      const url = `${stack.baseUrl.replace(/^http/, 'ws')}/api/rde${
        res.body.path
      }?ticket=${encodeURIComponent(res.body.ticket)}`;
      return TerminalClient.connect(url, stack.baseUrl);
    };
    const directResult = await measure('direct WebSocket → PTY', () =>
      TerminalClient.connect(direct.url, 'http://localhost'),
    );
    const chainResult = await measure(
      'browser socket → backend → tunnel → agent → PTY',
      viaTunnel,
    );

    const rows = [directResult, chainResult];
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(50) : c.padStart(12))).join('');
    process.stdout.write(
      `\nTerminal benchmark (${KEYSTROKES} keystrokes, ${(
        OUTPUT_BYTES / 1e6
      ).toFixed(0)} MB of output, loopback, ${os.cpus().length} cores, Node ${
        process.version
      })\n`,
    );
    process.stdout.write(
      `${line([
        'path',
        'echo p50 ms',
        'echo p99 ms',
        'p99.9 ms',
        'output MB/s',
      ])}\n`,
    );
    for (const r of rows) {
      process.stdout.write(
        `${line([
          r.name,
          r.p50.toFixed(3),
          r.p99.toFixed(3),
          r.p999.toFixed(3),
          r.mbps.toFixed(1),
        ])}\n`,
      );
    }
    process.stdout.write(
      `\nchain vs direct: echo p99 +${(
        chainResult.p99 - directResult.p99
      ).toFixed(3)} ms (target ≤ +1 ms), ` +
        `throughput ${((chainResult.mbps / directResult.mbps) * 100).toFixed(
          0,
        )} % of direct (target ≥ 50 %)\n`,
    );
  } finally {
    await stack.stop();
    await direct.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`bench:terminal failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
