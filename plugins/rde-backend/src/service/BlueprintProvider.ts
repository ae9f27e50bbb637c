import type { Blueprint } from '@rde-portal/plugin-rde-common';

/**
 * A blueprint with what the agent needs to create a workspace from it. Only the {@link Blueprint}
 * part is shown to users.
 */
export interface BlueprintSpec extends Blueprint {
  /** Container image (the `local` driver treats it as a label). */
  image: string;
  /** Environment variables set in the workspace. */
  env: Record<string, string>;
  /** Command run once when a workspace is created. */
  initCommand?: string;
}

/**
 * Where blueprints come from. Config for now (`rde.blueprints`); the catalog later (DESIGN §6),
 * behind this same interface.
 */
export interface BlueprintProvider {
  /** All blueprints, ordered by name. */
  list(): Promise<BlueprintSpec[]>;
  /** The blueprint named `name`, or `undefined`. */
  get(name: string): Promise<BlueprintSpec | undefined>;
}

/** The public part of a blueprint, as `GET /api/rde/blueprints` returns it. */
export function toPublicBlueprint(spec: BlueprintSpec): Blueprint {
  return {
    name: spec.name,
    title: spec.title,
    ...(spec.description ? { description: spec.description } : {}),
    cluster: spec.cluster,
  };
}
