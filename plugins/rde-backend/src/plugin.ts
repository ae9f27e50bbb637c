import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { rdePermissions } from '@rde-portal/plugin-rde-common';
import { DatabaseAgentTokenStore } from './database/DatabaseAgentTokenStore';
import { DatabaseClusterStore } from './database/DatabaseClusterStore';
import { DatabaseTicketStore } from './database/DatabaseTicketStore';
import { DatabaseWorkspaceStore } from './database/DatabaseWorkspaceStore';
import { getMigratedClient } from './database/migrations';
import { readAdmins } from './config/readAdmins';
import { readAgentTokenSeeds } from './config/readAgentTokenSeeds';
import { readTerminalAllowedOrigins } from './config/readTerminalAllowedOrigins';
import { rdeWorkspacePermissionResourceRef } from './permissions/resourceRef';
import { rdeWorkspacePermissionRules } from './permissions/rules';
import { ActorResolver } from './service/ActorResolver';
import { ConfigBlueprintProvider } from './service/ConfigBlueprintProvider';
import { TicketService } from './service/TicketService';
import { WorkspaceAccess } from './service/WorkspaceAccess';
import { WorkspaceService } from './service/WorkspaceService';
import { scheduleTicketCleanup } from './service/scheduleTicketCleanup';
import { createRouter } from './router';
import { createTerminalSocketHandler } from './terminal';
import { defaultTunnelFactory, type RdeTunnelFactory } from './tunnel';

/**
 * Builds the RDE backend plugin. `tunnelFactory` exists for tests, which pass an in-memory
 * gateway instead of a gRPC server.
 */
export function createRdeBackendPlugin(
  options: { tunnelFactory?: RdeTunnelFactory } = {},
) {
  const tunnelFactory = options.tunnelFactory ?? defaultTunnelFactory;
  return createBackendPlugin({
    pluginId: 'rde',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          userInfo: coreServices.userInfo,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          database: coreServices.database,
          scheduler: coreServices.scheduler,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          lifecycle: coreServices.lifecycle,
          auditor: coreServices.auditor,
        },
        async init({
          httpRouter,
          httpAuth,
          userInfo,
          permissions,
          permissionsRegistry,
          database,
          scheduler,
          logger,
          config,
          lifecycle,
          auditor,
        }) {
          const db = await getMigratedClient(database);
          const clusters = new DatabaseClusterStore(db);
          const tokens = new DatabaseAgentTokenStore(db, clusters);
          const workspaceStore = new DatabaseWorkspaceStore(db);
          const ticketStore = new DatabaseTicketStore(db);

          const seeded = await tokens.seed(readAgentTokenSeeds(config));
          if (seeded > 0) {
            logger.info(`Stored ${seeded} agent token(s) from rde.agents`);
          }

          permissionsRegistry.addResourceType({
            resourceRef: rdeWorkspacePermissionResourceRef,
            permissions: rdePermissions,
            rules: rdeWorkspacePermissionRules,
            getResources: async ids =>
              Promise.all(
                ids.map(async id => {
                  const ws = await workspaceStore.get(id);
                  return ws && ws.status !== 'deleted' ? ws : undefined;
                }),
              ),
          });

          const tunnel = tunnelFactory({ config, logger, tokens, clusters });
          await tunnel.start();
          lifecycle.addShutdownHook(() => tunnel.stop());

          const blueprints = ConfigBlueprintProvider.fromConfig(config);
          const access = new WorkspaceAccess({
            permissions,
            permissionsRegistry,
          });
          const workspaces = new WorkspaceService({
            store: workspaceStore,
            blueprints,
            gateway: tunnel.gateway,
            access,
            logger,
          });
          const tickets = new TicketService({ store: ticketStore });
          await scheduleTicketCleanup({ scheduler, tickets, logger });

          httpRouter.use(
            await createRouter({
              auditor,
              actors: new ActorResolver({
                httpAuth,
                userInfo,
                admins: readAdmins(config),
              }),
              access,
              workspaces,
              tickets,
              blueprints,
              clusters,
              tokens,
              gateway: tunnel.gateway,
            }),
          );
          httpRouter.addWebSocketHandler(
            createTerminalSocketHandler({
              logger,
              auditor,
              gateway: tunnel.gateway,
              consumeTicket: ticket => tickets.consume(ticket, 'terminal'),
              getWorkspace: id => workspaceStore.get(id),
              allowedOrigins: readTerminalAllowedOrigins(config),
            }),
          );
        },
      });
    },
  });
}

/**
 * The RDE control plane (DESIGN §3): REST API under `/api/rde`, the terminal WebSocket, and the
 * gRPC tunnel server agents dial.
 *
 * @public
 */
export const rdePlugin = createRdeBackendPlugin();
