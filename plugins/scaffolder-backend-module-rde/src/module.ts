import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRdeWorkspaceCreateAction } from './actions/createWorkspaceAction';

/**
 * Scaffolder module for RDE (issue 3, DESIGN §6): adds the action `rde:workspace:create`, so a
 * blueprint template can be run from the Create page. Needs `app.baseUrl` in config (for the
 * workspace link).
 *
 * @public
 */
export const scaffolderModuleRde = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'rde',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, auth, discovery, config }) {
        scaffolder.addActions(
          createRdeWorkspaceCreateAction({
            auth,
            discovery,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
