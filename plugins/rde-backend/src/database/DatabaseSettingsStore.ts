import type { Knex } from 'knex';
import type { RdeSettings } from '@rde-portal/plugin-rde-common';
import type { SettingsStore } from './SettingsStore';

const TABLE = 'rde_settings';
const KEYS: ReadonlyArray<keyof RdeSettings> = ['maxRunningWorkspacesPerUser'];

type Row = {
  key: string;
  value: string;
  updated_by: string;
  updated_at: Date;
};

/** {@link SettingsStore} on the plugin's knex database; values are stored as JSON. */
export class DatabaseSettingsStore implements SettingsStore {
  constructor(private readonly db: Knex) {}

  async get(): Promise<Partial<RdeSettings>> {
    const rows = await this.db<Row>(TABLE).whereIn('key', [...KEYS]);
    const settings: Partial<Record<keyof RdeSettings, unknown>> = {};
    for (const row of rows) {
      settings[row.key as keyof RdeSettings] = JSON.parse(row.value);
    }
    return settings as Partial<RdeSettings>;
  }

  async put(settings: Partial<RdeSettings>, updatedBy: string): Promise<void> {
    const rows: Row[] = KEYS.filter(key => settings[key] !== undefined).map(
      key => ({
        key,
        value: JSON.stringify(settings[key]),
        updated_by: updatedBy,
        updated_at: new Date(),
      }),
    );
    if (rows.length > 0) {
      await this.db<Row>(TABLE).insert(rows).onConflict('key').merge();
    }
  }
}
