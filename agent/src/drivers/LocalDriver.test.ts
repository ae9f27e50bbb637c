import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDriver } from './LocalDriver';

const spec = (workspaceId: string) => ({
  workspaceId,
  name: 'demo',
  owner: 'user:default/a',
  image: 'local',
  env: { FROM_BLUEPRINT: 'yes' },
});

describe('LocalDriver', () => {
  let dataDir: string;
  let driver: LocalDriver;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-local-'));
    driver = new LocalDriver({ dataDir });
  });

  afterEach(async () => {
    await driver.shutdown();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('walks a workspace through its lifecycle, idempotently', async () => {
    expect(await driver.observe('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'absent',
    });
    expect(await driver.create(spec('ws-1'))).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(await driver.create(spec('ws-1'))).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(fs.existsSync(path.join(dataDir, 'workspaces', 'ws-1'))).toBe(true);
    expect(await driver.stop('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'stopped',
    });
    await expect(
      driver.openTty('ws-1', { cols: 80, rows: 24, command: [], env: {} }),
    ).rejects.toThrow(/is not running; start it before opening a terminal/);
    expect(await driver.start('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'running',
    });
    expect(await driver.delete('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'absent',
    });
    expect(await driver.delete('ws-1')).toEqual({
      workspaceId: 'ws-1',
      state: 'absent',
    });
    expect(fs.existsSync(path.join(dataDir, 'workspaces', 'ws-1'))).toBe(false);
    expect((await driver.start('ws-1')).state).toBe('absent');
  });

  it('refuses ids that could leave the data directory', async () => {
    for (const id of ['../etc', 'a/b', '', '.hidden', 'UPPER']) {
      await expect(driver.create(spec(id))).rejects.toThrow(
        /Invalid workspace id/,
      );
    }
  });

  it("gives a terminal the workspace's environment, never the agent's", async () => {
    process.env.RDE_AGENT_SECRET_FOR_TEST = 'must-not-leak';
    try {
      await driver.create(spec('ws-2'));
      const pty = await driver.openTty('ws-2', {
        cols: 80,
        rows: 24,
        command: ['/usr/bin/env'],
        env: { FROM_REQUEST: 'also' },
      });
      let out = '';
      pty.onData(data => {
        out += data.toString();
      });
      await new Promise(resolve => pty.onExit(resolve));
      expect(out).toContain('FROM_BLUEPRINT=yes');
      expect(out).toContain('FROM_REQUEST=also');
      expect(out).toContain(`HOME=${path.join(dataDir, 'workspaces', 'ws-2')}`);
      expect(out).not.toContain('must-not-leak');
    } finally {
      delete process.env.RDE_AGENT_SECRET_FOR_TEST;
    }
  });
});
