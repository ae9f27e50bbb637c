import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rdeApiRef } from './api/RdeApi';
import { RdeClient } from './api/RdeClient';
import { adminRouteRef, rootRouteRef, workspaceRouteRef } from './routes';

/**
 * The RDE frontend plugin for apps on the old frontend system. Apps on the new frontend system
 * use the default export of `@rde-portal/plugin-rde/alpha` instead.
 *
 * @public
 */
export const rdePlugin = createPlugin({
  id: 'rde',
  apis: [
    createApiFactory({
      api: rdeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RdeClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    workspace: workspaceRouteRef,
    admin: adminRouteRef,
  },
});

/**
 * The RDE pages (workspace list, one workspace with its terminal) for the old frontend system:
 * mount it with `<Route path="/rde" element={<RdePage />} />`.
 *
 * @public
 */
export const RdePage = rdePlugin.provide(
  createRoutableExtension({
    name: 'RdePage',
    component: () =>
      import('./components/RdeRoutes/LegacyRdePage').then(m => m.LegacyRdePage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity page content for workspace resources (`kind: Resource`, `spec.type: rde-workspace`) in
 * apps on the old frontend system; show it for entities where `isRdeWorkspaceEntity` holds, e.g.
 * `<EntityLayout.Route path="/workspace" title="Workspace" if={isRdeWorkspaceEntity}>`.
 *
 * @public
 */
export const EntityRdeWorkspaceContent = rdePlugin.provide(
  createComponentExtension({
    name: 'EntityRdeWorkspaceContent',
    component: {
      lazy: () =>
        import('./components/entity/EntityWorkspaceContent').then(
          m => m.EntityWorkspaceContent,
        ),
    },
  }),
);

/**
 * "Launch workspace" card for blueprint templates in apps on the old frontend system; show it
 * where `isRdeBlueprintEntity` holds.
 *
 * @public
 */
export const EntityRdeLaunchWorkspaceCard = rdePlugin.provide(
  createComponentExtension({
    name: 'EntityRdeLaunchWorkspaceCard',
    component: {
      lazy: () =>
        import('./components/entity/EntityLaunchWorkspaceCard').then(
          m => m.EntityLaunchWorkspaceCard,
        ),
    },
  }),
);

/**
 * "Open in a workspace" card for components with the `rde/blueprint` annotation in apps on the
 * old frontend system; show it where `hasRdeBlueprintAnnotation` holds.
 *
 * @public
 */
export const EntityRdeOpenInWorkspaceCard = rdePlugin.provide(
  createComponentExtension({
    name: 'EntityRdeOpenInWorkspaceCard',
    component: {
      lazy: () =>
        import('./components/entity/EntityOpenInWorkspaceCard').then(
          m => m.EntityOpenInWorkspaceCard,
        ),
    },
  }),
);
