/*
 * The demo backend: Backstage's core plugins plus RDE, on the embedded default (SQLite, guest
 * sign-in, the tunnel on loopback). See app-config.yaml.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Logs catalog processing errors (e.g. an invalid rde block, naming the field) as warnings.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// RDE: validates rde-blueprint templates, emits workspaces as Resource entities. Its workspace
// events come from the rde plugin over the events service of backend-defaults (in-process bus).
backend.add(import('@rde-portal/plugin-catalog-backend-module-rde'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// RDE: the rde:workspace:create action.
backend.add(import('@rde-portal/plugin-scaffolder-backend-module-rde'));

backend.add(import('@backstage/plugin-permission-backend'));
// Allow-all, except blueprint templates a user's RDE blueprint ACL hides (src/permissions).
backend.add(import('./permissions'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@rde-portal/plugin-rde-backend'));

backend.start();
