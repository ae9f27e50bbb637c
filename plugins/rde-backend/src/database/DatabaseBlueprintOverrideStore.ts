import type { Knex } from 'knex';
import type {
  BlueprintOverride,
  BlueprintState,
} from '@rde-portal/plugin-rde-common';
import type {
  BlueprintOverrideChange,
  BlueprintOverrideStore,
} from './BlueprintOverrideStore';
import { toIsoString } from './time';

const TABLE = 'rde_blueprint_overrides';

type Row = {
  blueprint_ref: string;
  state: BlueprintState | null;
  access: string | null;
  trusted_users: string | null;
  updated_by: string;
  updated_at: Date | number | string;
};

function toOverride(row: Row): BlueprintOverride {
  return {
    ...(row.state ? { state: row.state } : {}),
    ...(row.access !== null ? { access: JSON.parse(row.access) } : {}),
    ...(row.trusted_users !== null
      ? { trustedUsers: JSON.parse(row.trusted_users) }
      : {}),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at)!,
  };
}

/** {@link BlueprintOverrideStore} on the plugin's knex database. */
export class DatabaseBlueprintOverrideStore implements BlueprintOverrideStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<Map<string, BlueprintOverride>> {
    const rows = await this.db<Row>(TABLE);
    return new Map(rows.map(row => [row.blueprint_ref, toOverride(row)]));
  }

  async get(blueprintRef: string): Promise<BlueprintOverride | undefined> {
    const row = await this.db<Row>(TABLE)
      .where({ blueprint_ref: blueprintRef })
      .first();
    return row ? toOverride(row) : undefined;
  }

  async put(
    blueprintRef: string,
    change: BlueprintOverrideChange,
  ): Promise<void> {
    if (
      change.state === null &&
      change.access === null &&
      change.trustedUsers === null
    ) {
      await this.delete(blueprintRef);
      return;
    }
    const row: Row = {
      blueprint_ref: blueprintRef,
      state: change.state,
      access: change.access === null ? null : JSON.stringify(change.access),
      trusted_users:
        change.trustedUsers === null
          ? null
          : JSON.stringify(change.trustedUsers),
      updated_by: change.updatedBy,
      updated_at: new Date(),
    };
    await this.db<Row>(TABLE).insert(row).onConflict('blueprint_ref').merge();
  }

  async delete(blueprintRef: string): Promise<boolean> {
    const deleted = await this.db<Row>(TABLE)
      .where({ blueprint_ref: blueprintRef })
      .delete();
    return deleted > 0;
  }
}
