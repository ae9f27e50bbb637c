import { InputError } from '@backstage/errors';
import type { RdeSettings } from '@rde-portal/plugin-rde-common';
import type { SettingsStore } from '../database/SettingsStore';

/** Largest per-user running-workspace limit an admin may set. */
const MAX_RUNNING_LIMIT = 10_000;

/**
 * Admin settings (issue 3: "Per-user limit on running workspaces (admin setting, config
 * default)"): stored values win over the config defaults.
 */
export class SettingsService {
  constructor(
    private readonly options: { store: SettingsStore; defaults: RdeSettings },
  ) {}

  /** The effective settings. */
  async get(): Promise<RdeSettings> {
    return { ...this.options.defaults, ...(await this.options.store.get()) };
  }

  /**
   * Stores `settings` and returns the effective settings.
   *
   * @throws InputError when `maxRunningWorkspacesPerUser` is not a whole number from 1 to 10 000.
   */
  async update(
    settings: Partial<RdeSettings>,
    updatedBy: string,
  ): Promise<RdeSettings> {
    const max = settings.maxRunningWorkspacesPerUser;
    if (
      max !== undefined &&
      (!Number.isInteger(max) || max < 1 || max > MAX_RUNNING_LIMIT)
    ) {
      throw new InputError(
        `'maxRunningWorkspacesPerUser' must be a whole number from 1 to ${MAX_RUNNING_LIMIT}`,
      );
    }
    await this.options.store.put(settings, updatedBy);
    return this.get();
  }
}
