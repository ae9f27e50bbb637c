import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('generated tunnel types', () => {
  it('match what proto-loader-gen-types makes of rde/v1/tunnel.proto (never hand-edited)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-gen-'));
    try {
      const script = JSON.parse(
        fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
      ).scripts.generate as string;
      const args = script
        .split(' ')
        .slice(1)
        .map(a => (a === 'src/generated' ? out : a));
      execFileSync(
        process.execPath,
        [
          require.resolve(
            '@grpc/proto-loader/build/bin/proto-loader-gen-types.js',
          ),
          ...args,
        ],
        { cwd: root },
      );
      const committed = path.join(root, 'src/generated');
      expect(files(out)).toEqual(files(committed));
      for (const file of files(out)) {
        expect(fs.readFileSync(path.join(committed, file), 'utf8')).toBe(
          fs.readFileSync(path.join(out, file), 'utf8'),
        );
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
