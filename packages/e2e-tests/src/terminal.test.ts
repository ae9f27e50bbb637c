import {
  E2E_BLUEPRINT,
  startStack,
  waitForWorkspace,
  type Stack,
} from './stack';
import { TerminalClient } from './terminalClient';
import { TERMINAL_OUTPUT_WINDOW_BYTES } from '@rde-portal/plugin-rde-common';
import { execFileSync } from 'node:child_process';

/** Host PIDs whose command line is exactly `command`. */
function hostProcesses(command: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', '-f', command], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * The whole chain with real processes: backend (Backstage + rde-backend, SQLite), an rde-agent
 * dialling the gRPC tunnel, a real PTY, and a WebSocket client speaking the browser's protocol.
 */
describe('terminal through the tunnel', () => {
  let stack: Stack;
  let workspaceId: string;

  beforeAll(async () => {
    stack = await startStack();
    await stack.startAgent();
    const created = await stack.api('POST', '/workspaces', {
      blueprint: E2E_BLUEPRINT,
    });
    if (created.status !== 202) {
      throw new Error(`creating the workspace answered ${created.status}`);
    }
    workspaceId = created.body.id;
    await waitForWorkspace(stack, workspaceId, 'running');
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const ticket = async () => {
    const res = await stack.api('POST', `/workspaces/${workspaceId}/tickets`, {
      cols: 100,
      rows: 30,
    });
    expect(res.status).toBe(201);
    return res.body as { ticket: string; path: string };
  };
  const socketUrl = (t: { ticket: string; path: string }) =>
    `${stack.baseUrl.replace(/^http/, 'ws')}/api/rde${
      t.path
    }?ticket=${encodeURIComponent(t.ticket)}`;

  it('runs a command in a real shell and streams its output back', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    client.send('echo "hello from $RDE_WORKSPACE_ID"\r');
    await client.waitFor(`hello from ${workspaceId}`);
    expect(client.control[0]).toMatchObject({ type: 'ready' });
    client.send('exit 7\r');
    await client.closed;
    expect(client.control).toContainEqual({ type: 'exit', code: 7 });
  });

  it('keeps UTF-8 characters intact when they are split across writes, both ways', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    // Output: the shell writes the euro sign's three bytes in two writes, 300 ms apart.
    client.send("printf 'A\\342\\202'; sleep 0.3; printf '\\254B\\n'\r");
    await client.waitFor('A€B');
    // Input: the euro sign's bytes arrive in two WebSocket frames.
    const euro = Buffer.from('€');
    client.send("printf '<%s>\\n' '");
    client.send(euro.subarray(0, 1));
    await new Promise(r => setTimeout(r, 100));
    client.send(euro.subarray(1));
    client.send("'\r");
    await client.waitFor('<€>');
    // The programs' own output lines are exact (bash's line editor may echo a lone lead byte of
    // the input before the rest arrives; that is its display, not the transport).
    expect(client.text).toMatch(/A€B\r\n/);
    expect(client.text).toMatch(/<€>\r\n/);
    client.close();
  });

  it('applies resize to the PTY', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    client.resize(132, 43);
    await new Promise(r => setTimeout(r, 200));
    client.send('stty size\r');
    await client.waitFor('43 132');
    expect(client.text).toMatch(/^43 132\r?$/m);
    client.close();
  });

  it('ends the PTY and its children when the browser goes away', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    const marker = String(900000 + Math.floor(Math.random() * 99999));
    client.send(`sleep ${marker} & echo started-$!\r`);
    await client.waitFor(/started-\d+/);
    expect(hostProcesses(`sleep ${marker}`)).toHaveLength(1);
    client.close();
    const deadline = Date.now() + 5000;
    while (
      hostProcesses(`sleep ${marker}`).length > 0 &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 100));
    }
    expect(hostProcesses(`sleep ${marker}`)).toEqual([]);
  });

  it('keeps the agent token and the agent out of reach of a workspace shell (bubblewrap)', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    client.send(
      `cat ${stack.dataDir}/agent-token ../../../agent-token; ` +
        `cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c RDE_DEV_AGENT_TOKEN; ` +
        `ls /proc | grep -c '^[0-9]'; echo sandbox-"checked"\r`,
    );
    await client.waitFor('sandbox-checked');
    expect(client.text).toContain('No such file or directory');
    expect(client.text).not.toContain(stack.agentToken);
    // Only the sandbox's own processes exist in its PID namespace: no agent, no other shell.
    const counts = client.text
      .split('\r\n')
      .filter(line => /^\d+$/.test(line.trim()));
    expect(Number(counts[0])).toBe(0);
    expect(Number(counts[1])).toBeLessThan(10);
    client.close();
  });

  it('gives a workspace shell no capabilities, even when the agent runs as root', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    client.send(
      `grep CapEff /proc/self/status; id -u; ` +
        `mount -o remount,rw,bind /usr 2>/dev/null && echo remount-"worked" || echo remount-"refused"; ` +
        `touch /usr/rde-probe 2>/dev/null && echo write-"worked" || echo write-"refused"; ` +
        `echo caps-"checked"\r`,
    );
    await client.waitFor('caps-checked');
    expect(client.text).toMatch(/CapEff:\s+0000000000000000/);
    expect(client.text).toContain('remount-refused');
    expect(client.text).toContain('write-refused');
    expect(client.text).not.toContain('remount-worked');
    expect(client.text).not.toContain('write-worked');
    client.close();
  });

  it('holds a browser that stops acknowledging to its window, without stalling other sessions', async () => {
    const slow = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    slow.autoAck = false;
    slow.send('yes\r');
    await new Promise(r => setTimeout(r, 1500));
    const stalledAt = slow.bytes;
    await new Promise(r => setTimeout(r, 500));
    // Nothing more arrives once the unacknowledged output reaches the window (1 MiB).
    expect(slow.bytes).toBe(stalledAt);
    expect(slow.bytes).toBeLessThanOrEqual(TERMINAL_OUTPUT_WINDOW_BYTES);
    expect(slow.bytes).toBeGreaterThan(TERMINAL_OUTPUT_WINDOW_BYTES / 2);

    const other = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    other.send('echo "still responsive"\r');
    await other.waitFor('still responsive');
    other.close();

    // Acknowledging resumes the flow, and Ctrl-C reaches the flooding process.
    slow.autoAck = true;
    slow.ack(slow.bytes);
    slow.send('\x03');
    slow.send('echo "after"-flood\r');
    await slow.waitFor('after-flood', 20_000);
    slow.close();
  });

  it('refuses a reused ticket, a bad or missing Origin, and a made-up ticket', async () => {
    const t = await ticket();
    const first = await TerminalClient.connect(socketUrl(t), stack.baseUrl);
    await expect(
      TerminalClient.connect(socketUrl(t), stack.baseUrl),
    ).rejects.toMatchObject({ status: 401 });
    first.close();

    await expect(
      TerminalClient.connect(socketUrl(await ticket()), 'https://evil.example'),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      TerminalClient.connect(socketUrl(await ticket()), ''),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      TerminalClient.connect(
        socketUrl({ ticket: 'A'.repeat(43), path: '/terminal' }),
        stack.baseUrl,
      ),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('gives exactly one of many concurrent uses of a ticket the terminal', async () => {
    const url = socketUrl(await ticket());
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        TerminalClient.connect(url, stack.baseUrl),
      ),
    );
    const winners = attempts.filter(a => a.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(
      attempts
        .filter(a => a.status === 'rejected')
        .map(a => (a as PromiseRejectedResult).reason.status),
    ).toEqual(Array(9).fill(401));
    (winners[0] as PromiseFulfilledResult<TerminalClient>).value.close();
  });

  it('refuses an expired ticket (30 s TTL)', async () => {
    const t = await ticket();
    await new Promise(r => setTimeout(r, 31_000));
    await expect(
      TerminalClient.connect(socketUrl(t), stack.baseUrl),
    ).rejects.toMatchObject({ status: 401 });
  }, 60_000);

  it('fails open sessions promptly when the agent dies, and recovers when it is restarted', async () => {
    const client = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    client.send('echo before-kill\r');
    await client.waitFor('before-kill');
    const [agent] = stack.agentProcesses();
    const killedAt = Date.now();
    agent.kill('SIGKILL');
    const { code } = await client.closed;
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(code).toBe(1011);
    expect(client.control.some(m => m.type === 'error')).toBe(true);

    const offline = await stack.api(
      'POST',
      `/workspaces/${workspaceId}/tickets`,
      { cols: 80, rows: 24 },
    );
    const refused = await TerminalClient.connect(
      socketUrl(offline.body),
      stack.baseUrl,
    ).catch(e => e);
    expect(refused.status).toBe(503);

    await stack.startAgent();
    const again = await TerminalClient.connect(
      socketUrl(await ticket()),
      stack.baseUrl,
    );
    again.send('echo after-restart\r');
    await again.waitFor('after-restart');
    again.close();
  });
});
