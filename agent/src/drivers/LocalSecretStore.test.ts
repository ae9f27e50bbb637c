import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalSecretStore } from './LocalSecretStore';

describe('LocalSecretStore', () => {
  let dir: string;
  let store: LocalSecretStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rde-secrets-'));
    store = new LocalSecretStore(dir, 'eu-1');
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads one file per secret, dropping one trailing newline', async () => {
    fs.writeFileSync(path.join(dir, 'a'), 'value-a\n');
    fs.writeFileSync(path.join(dir, 'b.token'), 'line1\nline2\n\n');
    fs.writeFileSync(path.join(dir, 'c_c-1'), 'no newline');
    expect(
      await store.resolve({ A: 'a', B: 'b.token', C: 'c_c-1', ALSO_A: 'a' }),
    ).toEqual({
      A: 'value-a',
      B: 'line1\nline2\n',
      C: 'no newline',
      ALSO_A: 'value-a',
    });
    expect(await store.resolve({})).toEqual({});
  });

  it('names the missing secret and where to write it', async () => {
    await expect(store.resolve({ X: 'missing' })).rejects.toThrow(
      `secret 'missing' is not set on cluster 'eu-1': write it to ${path.join(
        dir,
        'missing',
      )}`,
    );
    fs.mkdirSync(path.join(dir, 'a-dir'));
    await expect(store.resolve({ X: 'a-dir' })).rejects.toThrow(
      /secret 'a-dir' is not set on cluster 'eu-1'/,
    );
  });

  it('refuses names that are not a plain file name', async () => {
    fs.writeFileSync(path.join(dir, '.hidden'), 'x');
    for (const name of ['../etc/passwd', 'a/b', '.hidden', '', '-x']) {
      await expect(store.resolve({ X: name })).rejects.toThrow(
        `secret name '${name}' (for X) is not valid on cluster 'eu-1'`,
      );
    }
  });

  it('refuses values an environment variable cannot hold, without showing them', async () => {
    fs.writeFileSync(path.join(dir, 'nul'), 'S3CR3T\0X');
    const error: Error = await store.resolve({ X: 'nul' }).catch(e => e);
    expect(error.message).toMatch(
      /secret 'nul' on cluster 'eu-1' contains a NUL byte/,
    );
    expect(error.message).not.toContain('S3CR3T');
    fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(64 * 1024 + 1));
    await expect(store.resolve({ X: 'big' })).rejects.toThrow(
      /secret 'big' on cluster 'eu-1' is larger than 64 KiB/,
    );
  });
});
