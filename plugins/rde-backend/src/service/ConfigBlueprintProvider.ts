import type { Config } from '@backstage/config';
import { WORKSPACE_NAME_PATTERN } from '@rde-portal/plugin-rde-common';
import type { BlueprintProvider, BlueprintSpec } from './BlueprintProvider';

/**
 * {@link BlueprintProvider} reading `rde.blueprints` once, at construction.
 */
export class ConfigBlueprintProvider implements BlueprintProvider {
  private readonly blueprints: Map<string, BlueprintSpec>;

  /**
   * @throws Error naming the entry when a blueprint lacks a required key, its name or cluster is
   *   not a DNS label, or two blueprints share a name.
   */
  static fromConfig(config: Config): ConfigBlueprintProvider {
    const specs = (config.getOptionalConfigArray('rde.blueprints') ?? []).map(
      (entry, index): BlueprintSpec => {
        const name = entry.getString('name');
        const cluster = entry.getString('cluster');
        for (const [key, value] of [
          ['name', name],
          ['cluster', cluster],
        ]) {
          if (!WORKSPACE_NAME_PATTERN.test(value)) {
            throw new Error(
              `Invalid rde.blueprints[${index}].${key} '${value}': use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit`,
            );
          }
        }
        const envConfig = entry.getOptionalConfig('env');
        const env: Record<string, string> = {};
        for (const key of envConfig?.keys() ?? []) {
          env[key] = envConfig!.getString(key);
        }
        const description = entry.getOptionalString('description');
        const initCommand = entry.getOptionalString('initCommand');
        return {
          name,
          title: entry.getString('title'),
          ...(description ? { description } : {}),
          cluster,
          image: entry.getString('image'),
          env,
          ...(initCommand ? { initCommand } : {}),
        };
      },
    );
    return new ConfigBlueprintProvider(specs);
  }

  constructor(specs: BlueprintSpec[]) {
    this.blueprints = new Map();
    for (const spec of specs) {
      if (this.blueprints.has(spec.name)) {
        throw new Error(
          `Duplicate blueprint name '${spec.name}' in rde.blueprints`,
        );
      }
      this.blueprints.set(spec.name, spec);
    }
  }

  async list(): Promise<BlueprintSpec[]> {
    return [...this.blueprints.values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  async get(name: string): Promise<BlueprintSpec | undefined> {
    return this.blueprints.get(name);
  }
}
