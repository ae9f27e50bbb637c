import fs from 'node:fs/promises';
import path from 'node:path';

// A secret name is one file name: no separators, no leading dot, nothing to escape the store.
const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
// Larger files are surely not meant as one environment variable's value.
const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The `local` driver's secret store: the value of secret `<name>` is the content of the file
 * `<dir>/<name>` (normally `<dataDir>/secrets/<name>`), with one trailing newline removed, so
 * `printf '%s' "$TOKEN" > secrets/github-token` and `echo "$TOKEN" > secrets/github-token` give the
 * same value. Values are read when a process starts (a changed file applies at the next start,
 * restart or terminal) and are never written anywhere else, logged or put in an error message.
 */
export class LocalSecretStore {
  /**
   * @param dir - the directory holding one file per secret.
   * @param cluster - the agent's cluster name, for messages.
   */
  constructor(readonly dir: string, private readonly cluster: string) {}

  /** Where the value of secret `name` is read from. */
  pathOf(name: string): string {
    return path.join(this.dir, name);
  }

  /**
   * Resolves variable name → secret name into variable name → secret value.
   *
   * @throws Error naming the first secret that is missing (`secret 'x' is not set on cluster
   *   'c': write it to <path>`), unreadable, too large (> 64 KiB), contains a NUL byte, or whose
   *   name is not a plain file name.
   */
  async resolve(
    secretEnv: Record<string, string>,
  ): Promise<Record<string, string>> {
    const resolved: Record<string, string> = {};
    for (const [variable, name] of Object.entries(secretEnv)) {
      resolved[variable] = await this.read(name, variable);
    }
    return resolved;
  }

  private async read(name: string, variable: string): Promise<string> {
    if (!SECRET_NAME.test(name)) {
      throw new Error(
        `secret name '${name}' (for ${variable}) is not valid on cluster '${this.cluster}': ` +
          "use letters, digits, '.', '_' and '-', starting with a letter or digit",
      );
    }
    const file = this.pathOf(name);
    let content: Buffer;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) {
        throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
      }
      if (stat.size > MAX_SECRET_BYTES) {
        throw new Error(
          `secret '${name}' on cluster '${this.cluster}' is larger than 64 KiB: ${file}`,
        );
      }
      content = await fs.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTFILE') {
        throw new Error(
          `secret '${name}' is not set on cluster '${this.cluster}': write it to ${file}`,
        );
      }
      if (code === 'EACCES') {
        throw new Error(
          `secret '${name}' on cluster '${this.cluster}' is not readable by the agent: ${file}`,
        );
      }
      throw error;
    }
    const value = content.toString('utf8').replace(/\r?\n$/, '');
    if (value.includes('\0')) {
      throw new Error(
        `secret '${name}' on cluster '${this.cluster}' contains a NUL byte, which an environment variable cannot hold: ${file}`,
      );
    }
    return value;
  }
}
