import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { rdePermissions } from '@rde-portal/plugin-rde-common';
import { DatabaseAgentTokenStore } from './database/DatabaseAgentTokenStore';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseBlueprintOverrideStore } from './database/DatabaseBlueprintOverrideStore';
import { DatabaseClusterStore } from './database/DatabaseClusterStore';
import { DatabaseSettingsStore } from './database/DatabaseSettingsStore';
import { DatabaseTicketStore } from './database/DatabaseTicketStore';
import { DatabaseWorkspaceStore } from './database/DatabaseWorkspaceStore';
import { getMigratedClient } from './database/migrations';
import { readAdmins } from './config/readAdmins';
import { readAgentTokenSeeds } from './config/readAgentTokenSeeds';
import { readLimits } from './config/readLimits';
import { readTerminalAllowedOrigins } from './config/readTerminalAllowedOrigins';
import { rdeWorkspacePermissionResourceRef } from './permissions/resourceRef';
import { rdeWorkspacePermissionRules } from './permissions/rules';
import { ActorResolver } from './service/ActorResolver';
import { AuditTrail } from './service/AuditTrail';
import { CatalogBlueprintProvider } from './service/CatalogBlueprintProvider';
import { LaunchRateLimiter } from './service/LaunchRateLimiter';
import { SettingsService } from './service/SettingsService';
import { TicketService } from './service/TicketService';
import { WorkspaceAccess } from './service/WorkspaceAccess';
import { WorkspaceChangePublisher } from './service/WorkspaceChangePublisher';
import { WorkspaceService } from './service/WorkspaceService';
import { scheduleTicketCleanup } from './service/scheduleTicketCleanup';
import {
  DEFAULT_NAME_TEMPLATE,
  validateNameTemplate,
} from './service/workspaceNames';
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
          auth: coreServices.auth,
          userInfo: coreServices.userInfo,
          catalog: catalogServiceRef,
          events: eventsServiceRef,
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
          auth,
          userInfo,
          catalog,
          events,
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

          const limits = readLimits(config);
          const nameTemplate = validateNameTemplate(
            config.getOptionalString('rde.workspaces.nameTemplate') ??
              DEFAULT_NAME_TEMPLATE,
          );
          const overrides = new DatabaseBlueprintOverrideStore(db);
          const blueprints = new CatalogBlueprintProvider({
            catalog,
            auth,
            overrides,
            logger,
          });
          const settings = new SettingsService({
            store: new DatabaseSettingsStore(db),
            defaults: {
              maxRunningWorkspacesPerUser: limits.maxRunningWorkspacesPerUser,
            },
          });
          const rateLimiter = await LaunchRateLimiter.create({
            db,
            launchesPerMinute: limits.launchesPerMinute,
            logger,
          });
          const publisher = new WorkspaceChangePublisher({ events, logger });
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
            nameTemplate,
            maxRunning: async () =>
              (await settings.get()).maxRunningWorkspacesPerUser,
            rateLimit: userRef => rateLimiter.consume(userRef),
            onChange: workspace => publisher.publish(workspace),
          });
          const auditStore = new DatabaseAuditStore(db);
          const tickets = new TicketService({ store: ticketStore });
          await scheduleTicketCleanup({ scheduler, tickets, logger });

          httpRouter.use(
            await createRouter({
              httpAuth,
              actors: new ActorResolver({
                httpAuth,
                userInfo,
                auth,
                catalog,
                admins: readAdmins(config),
              }),
              audit: new AuditTrail({ auditor, store: auditStore, logger }),
              auditStore,
              access,
              workspaces,
              tickets,
              blueprints,
              overrides,
              settings,
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
