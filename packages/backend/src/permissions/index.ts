import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RdeDemoPermissionPolicy } from './RdeDemoPermissionPolicy';

/**
 * Installs {@link RdeDemoPermissionPolicy} as the permission backend's policy (in place of
 * allow-all).
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'rde-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({ policy, auth, discovery, logger }) {
        policy.setPolicy(
          new RdeDemoPermissionPolicy({ auth, discovery, logger }),
        );
      },
    });
  },
});
