import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { RdeBlueprintProcessor } from './processor/RdeBlueprintProcessor';
import { RdeWorkspaceEntityProvider } from './provider/RdeWorkspaceEntityProvider';

/**
 * Default schedule of the workspace provider's full sync: every 5 minutes, at most 1 minute per
 * run. The first run is delayed by one period because the module runs a full sync as soon as the
 * backend has started (all plugins, the rde backend included, are up then).
 * Override with `catalog.providers.rde.schedule`.
 *
 * @public
 */
export const DEFAULT_RDE_WORKSPACE_SYNC_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 1 },
    initialDelay: { minutes: 5 },
  };

/**
 * Catalog module for RDE (issue 3, DESIGN §6):
 *
 * - {@link RdeBlueprintProcessor}: validates the `spec.rde` block of `rde-blueprint` templates and
 *   reports invalid ones as processing errors.
 * - {@link RdeWorkspaceEntityProvider} (`rde-workspaces`): workspaces as `Resource` entities, with
 *   a full sync once the backend has started and then on `catalog.providers.rde.schedule` (default
 *   {@link DEFAULT_RDE_WORKSPACE_SYNC_SCHEDULE}), and a delta per `rde.workspace` event.
 *
 * @public
 */
export const catalogModuleRde = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'rde',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        rootLifecycle: coreServices.rootLifecycle,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        discovery,
        auth,
        logger,
        scheduler,
        rootLifecycle,
        events,
      }) {
        catalog.addProcessor(new RdeBlueprintProcessor());

        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.rde.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_RDE_WORKSPACE_SYNC_SCHEDULE;
        const provider = new RdeWorkspaceEntityProvider({
          discovery,
          auth,
          logger,
          events,
          taskRunner: scheduler.createScheduledTaskRunner(schedule),
          appBaseUrl: config.getOptionalString('app.baseUrl'),
        });
        catalog.addEntityProvider(provider);

        // The catalog connects providers while it initialises, possibly before the rde backend
        // serves requests; once every plugin has started, sync once.
        rootLifecycle.addStartupHook(async () => {
          // refresh() logs and swallows fetch failures; it throws only when the catalog did not
          // connect the provider, which must not stop the backend.
          await provider
            .refresh()
            .catch(error =>
              logger.warn(
                `RDE workspaces were not synced at start: ${stringifyError(
                  error,
                )}`,
              ),
            );
        });
      },
    });
  },
});
