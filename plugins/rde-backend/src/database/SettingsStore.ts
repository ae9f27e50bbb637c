import type { RdeSettings } from '@rde-portal/plugin-rde-common';

/**
 * Persistence of admin settings (`rde_settings`): only what an admin changed is stored; the
 * service fills the rest from config.
 */
export interface SettingsStore {
  /** The stored settings; keys never set are absent. */
  get(): Promise<Partial<RdeSettings>>;
  /** Stores every given key (insert or update), recording who changed it. */
  put(settings: Partial<RdeSettings>, updatedBy: string): Promise<void>;
}
