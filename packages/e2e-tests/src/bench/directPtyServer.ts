import http from 'node:http';
import { WebSocketServer } from 'ws';
import { spawn } from 'node-pty';

/**
 * The baseline of the terminal benchmark: the shortest honest path from a WebSocket to a PTY in
 * one process (no backend, no tunnel, no agent), as a terminal server without a control plane
 * would do it. Binary frames both ways; `ws` backpressure pauses the PTY.
 */
export async function startDirectPtyServer(
  cwd: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on('connection', socket => {
    const pty = spawn('/bin/bash', ['--norc', '--noprofile'], {
      name: 'xterm-256color',
      cols: 120,
      rows: 40,
      cwd,
      encoding: null,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        TERM: 'xterm-256color',
        LANG: 'C.UTF-8',
        PS1: '$ ',
      },
    });
    pty.onData(data => {
      socket.send(data as unknown as Buffer, { binary: true });
      if (socket.bufferedAmount > 1024 * 1024) {
        pty.pause();
        const wait = setInterval(() => {
          if (socket.bufferedAmount < 256 * 1024) {
            clearInterval(wait);
            pty.resume();
          }
        }, 1);
      }
    });
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) pty.write(data);
    });
    socket.on('close', () => pty.kill('SIGHUP'));
    pty.onExit(() => socket.close());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/`,
    close: () =>
      new Promise(resolve => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
