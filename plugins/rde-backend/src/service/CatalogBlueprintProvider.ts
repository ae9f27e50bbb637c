import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BlueprintAccessRule,
  RDE_BLUEPRINT_TEMPLATE_TYPE,
  parseBlueprintAccessRule,
  parseBlueprintSpec,
} from '@rde-portal/plugin-rde-common';
import type { BlueprintOverrideStore } from '../database/BlueprintOverrideStore';
import { normalizeEntityRef } from '../config/entityRefs';
import type { BlueprintProvider, ResolvedBlueprint } from './BlueprintProvider';

/** How long the template list read from the catalog is reused, ms. */
const DEFAULT_CACHE_TTL_MS = 5_000;

type Parsed = Omit<
  ResolvedBlueprint,
  'state' | 'access' | 'trustedUsers' | 'override'
>;

/**
 * {@link BlueprintProvider} over the catalog (DESIGN §6): `kind: Template` entities with
 * `spec.type: rde-blueprint`, their `spec.rde` validated with `parseBlueprintSpec`. An invalid
 * template is left out whole (never half-applied) and logged once; the catalog module reports it
 * as a processing error on the entity. Admin overrides from {@link BlueprintOverrideStore} are
 * applied on every call, so an admin's change takes effect at once; the template list itself is
 * cached for `cacheTtlMs`.
 */
export class CatalogBlueprintProvider implements BlueprintProvider {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly overrides: BlueprintOverrideStore;
  private readonly logger: LoggerService;
  private readonly cacheTtlMs: number;
  private cached?: { at: number; blueprints: Promise<Parsed[]> };
  private readonly reported = new Set<string>();

  /** @param options.cacheTtlMs - reuse of the catalog's answer, ms; 5000. 0 disables the cache. */
  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    overrides: BlueprintOverrideStore;
    logger: LoggerService;
    cacheTtlMs?: number;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.overrides = options.overrides;
    this.logger = options.logger;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  }

  async list(): Promise<ResolvedBlueprint[]> {
    const [parsed, overrides] = await Promise.all([
      this.templates(),
      this.overrides.list(),
    ]);
    return parsed.map(bp => applyOverride(bp, overrides.get(bp.ref)));
  }

  async get(ref: string): Promise<ResolvedBlueprint | undefined> {
    const wanted = normalizeBlueprintRef(ref);
    const found = (await this.templates()).find(bp => bp.ref === wanted);
    return found
      ? applyOverride(found, await this.overrides.get(found.ref))
      : undefined;
  }

  private templates(): Promise<Parsed[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.cacheTtlMs) {
      const blueprints = this.load();
      this.cached = { at: now, blueprints };
      // A failed load is not cached.
      blueprints.catch(() => {
        if (this.cached?.blueprints === blueprints) this.cached = undefined;
      });
    }
    return this.cached.blueprints;
  }

  private async load(): Promise<Parsed[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Template', 'spec.type': RDE_BLUEPRINT_TEMPLATE_TYPE },
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const parsed: Parsed[] = [];
    for (const entity of items) {
      const blueprint = this.parse(entity);
      if (blueprint) parsed.push(blueprint);
    }
    return parsed.sort((a, b) => a.ref.localeCompare(b.ref));
  }

  private parse(entity: Entity): Parsed | undefined {
    const namespace = (entity.metadata.namespace ?? 'default').toLowerCase();
    const name = entity.metadata.name.toLowerCase();
    const ref = `template:${namespace}/${name}`;
    try {
      const spec = parseBlueprintSpec((entity.spec as { rde?: unknown })?.rde);
      return {
        ref,
        name: entity.metadata.name,
        namespace,
        title: entity.metadata.title ?? entity.metadata.name,
        ...(entity.metadata.description
          ? { description: entity.metadata.description }
          : {}),
        tags: entity.metadata.tags ?? [],
        spec,
      };
    } catch (error) {
      const message = `Blueprint ${ref} is not offered: ${
        error instanceof Error ? error.message : String(error)
      }`;
      if (!this.reported.has(message)) {
        this.reported.add(message);
        this.logger.warn(message);
      }
      return undefined;
    }
  }
}

/**
 * Normalises a blueprint reference as users write it to a lower-case template entity ref:
 * `node-web` → `template:default/node-web`, `team/node-web` → `template:team/node-web`.
 */
export function normalizeBlueprintRef(ref: string): string {
  return normalizeEntityRef(ref, 'template');
}

function applyOverride(
  blueprint: Parsed,
  override: ResolvedBlueprint['override'],
): ResolvedBlueprint {
  let access: BlueprintAccessRule[] = blueprint.spec.access;
  if (override?.access) {
    // Stored overrides were validated when written; a rule that no longer parses fails closed.
    access = override.access.flatMap(text => {
      try {
        return [parseBlueprintAccessRule(text)];
      } catch {
        return [{ email: '' }];
      }
    });
  }
  return {
    ...blueprint,
    state: override?.state ?? blueprint.spec.state,
    access,
    trustedUsers: override?.trustedUsers ?? blueprint.spec.trustedUsers,
    ...(override ? { override } : {}),
  };
}
