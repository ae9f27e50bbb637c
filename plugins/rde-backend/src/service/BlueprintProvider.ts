import type {
  AdminBlueprint,
  Blueprint,
  BlueprintAccessRule,
  BlueprintOverride,
  BlueprintSpec,
  BlueprintState,
} from '@rde-portal/plugin-rde-common';

/**
 * A blueprint template from the catalog with its validated `spec.rde` block and the admin
 * override applied (DESIGN §6). `state`, `access` and `trustedUsers` are effective values.
 */
export interface ResolvedBlueprint {
  /** Lower-case entity ref, `template:<namespace>/<name>`. */
  ref: string;
  name: string;
  namespace: string;
  title: string;
  description?: string;
  tags: string[];
  /** The validated, defaulted `spec.rde` block as written in YAML. */
  spec: BlueprintSpec;
  state: BlueprintState;
  access: BlueprintAccessRule[];
  trustedUsers: string[];
  override?: BlueprintOverride;
}

/** Where blueprints come from: the catalog (`CatalogBlueprintProvider`). */
export interface BlueprintProvider {
  /** Every valid blueprint (any state), ordered by ref. */
  list(): Promise<ResolvedBlueprint[]>;
  /**
   * The blueprint with that ref, or `undefined` when there is none (or it is invalid).
   *
   * @param ref - entity ref (`template:default/x`), `namespace/name`, or a bare name (namespace
   *   `default`); case-insensitive.
   */
  get(ref: string): Promise<ResolvedBlueprint | undefined>;
}

/** Renders an access rule the way YAML writes it: `a@corp.example` or `corp.example`. */
export function formatAccessRule(rule: BlueprintAccessRule): string {
  return 'email' in rule ? rule.email : rule.domain;
}

/**
 * The user-facing view of a blueprint (`GET /api/rde/blueprints`). Env values and secret
 * references stay on the server.
 */
export function toPublicBlueprint(
  blueprint: ResolvedBlueprint,
  launch: { launchable: boolean; reason?: string },
): Blueprint {
  const { spec } = blueprint;
  return {
    ref: blueprint.ref,
    name: blueprint.name,
    namespace: blueprint.namespace,
    title: blueprint.title,
    ...(blueprint.description ? { description: blueprint.description } : {}),
    tags: blueprint.tags,
    cluster: spec.cluster,
    state: blueprint.state,
    image: spec.image,
    resources: spec.resources,
    ports: spec.ports,
    ...(spec.repository ? { repository: spec.repository } : {}),
    terminalTabs: spec.terminalTabs,
    launchable: launch.launchable,
    ...(launch.reason ? { notLaunchableReason: launch.reason } : {}),
  };
}

/** The admin view: effective and YAML values and the override. */
export function toAdminBlueprint(
  blueprint: ResolvedBlueprint,
  launch: { launchable: boolean; reason?: string },
): AdminBlueprint {
  return {
    ...toPublicBlueprint(blueprint, launch),
    access: blueprint.access.map(formatAccessRule),
    trustedUsers: blueprint.trustedUsers,
    source: {
      state: blueprint.spec.state,
      access: blueprint.spec.access.map(formatAccessRule),
      trustedUsers: blueprint.spec.trustedUsers,
    },
    ...(blueprint.override ? { override: blueprint.override } : {}),
  };
}
