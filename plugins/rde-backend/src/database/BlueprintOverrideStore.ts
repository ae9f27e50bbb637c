import type {
  BlueprintOverride,
  BlueprintState,
} from '@rde-portal/plugin-rde-common';

/** What an admin sets; `null` (or absent) for a field means "use the YAML". */
export interface BlueprintOverrideChange {
  state: BlueprintState | null;
  access: string[] | null;
  trustedUsers: string[] | null;
  /** User entity ref of the admin. */
  updatedBy: string;
}

/**
 * Persistence of admin overrides of blueprints (`rde_blueprint_overrides`, DESIGN §6: "Admin
 * changes made in the UI (ACL rules, state, trusted users) are stored in our DB and override the
 * YAML"). Keys are lower-case blueprint entity refs.
 */
export interface BlueprintOverrideStore {
  /** Every override, by blueprint ref. */
  list(): Promise<Map<string, BlueprintOverride>>;
  /** The override of one blueprint, or `undefined`. */
  get(blueprintRef: string): Promise<BlueprintOverride | undefined>;
  /**
   * Replaces the override of `blueprintRef` (insert or update). When every field is `null` the
   * override is removed.
   */
  put(blueprintRef: string, change: BlueprintOverrideChange): Promise<void>;
  /** Removes the override; `false` when there was none. */
  delete(blueprintRef: string): Promise<boolean>;
}
