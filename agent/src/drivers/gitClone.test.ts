import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitClone, redactUrl } from './gitClone';

describe('gitClone', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-clone-'));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const sockets: net.Socket[] = [];
    let closed = 0;
    const server = net.createServer(socket => {
      sockets.push(socket);
      socket.on('data', () => {});
      socket.on('error', () => {});
      socket.on('close', () => closed++);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const url = `git://127.0.0.1:${port}/silent.git`;
    try {
      const started = Date.now();
      await expect(
        gitClone({ url }, path.join(root, 'out'), { timeoutMs: 500 }),
      ).rejects.toThrow(
        `could not clone ${url}: git did not finish within 0.5 s`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
      // git (its whole process group) was killed: its connection went away with it.
      expect(sockets.length).toBeGreaterThan(0);
      for (let i = 0; i < 100 && closed < sockets.length; i++) {
        await new Promise(r => setTimeout(r, 20));
      }
      expect(closed).toBe(sockets.length);
    } finally {
      sockets.forEach(socket => socket.destroy());
      server.close();
    }
  });

  it('keeps a password out of its message', async () => {
    const url = 'https://someone:hunter2@127.0.0.1:1/repo.git';
    const error: Error = await gitClone({ url }, path.join(root, 'out')).then(
      () => {
        throw new Error('the clone should have failed');
      },
      e => e,
    );
    expect(error.message).toMatch(
      /^could not clone https:\/\/someone:\*\*\*@127\.0\.0\.1:1\/repo\.git: fatal: /,
    );
    expect(error.message).not.toContain('hunter2');
  });
});

describe('redactUrl', () => {
  it('replaces only a password', () => {
    expect(redactUrl('https://u:p4ss@git.example.com/a.git')).toBe(
      'https://u:***@git.example.com/a.git',
    );
    expect(redactUrl('https://git.example.com/a.git')).toBe(
      'https://git.example.com/a.git',
    );
    expect(redactUrl('git@git.example.com:team/a.git')).toBe(
      'git@git.example.com:team/a.git',
    );
  });
});
