import { createApp } from '@backstage/frontend-defaults';
import appModuleUserSettings from '@backstage/plugin-app-module-user-settings';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import rdePlugin from '@rde-portal/plugin-rde/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo app. Features are listed here rather than discovered from package.json, so the app
 * is exactly what this file says: Backstage's catalog, scaffolder, org, notifications, signals
 * and user settings, and RDE: the "Workspaces" pages at /rde (admin pages at /rde/admin) and its
 * catalog extensions, which attach to the catalog plugin's entity pages — the "Workspace" tab of
 * workspace resources, the "Launch workspace" card of blueprint templates and the "Open in a
 * workspace" card of components with the `rde/blueprint` annotation.
 */
export default createApp({
  features: [
    rdePlugin,
    catalogPlugin,
    scaffolderPlugin,
    orgPlugin,
    notificationsPlugin,
    signalsPlugin,
    userSettingsPlugin,
    appModuleUserSettings,
    navModule,
    signInModule,
  ],
});
