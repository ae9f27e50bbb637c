import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rdeApiRef } from './api/RdeApi';
import { RdeClient } from './api/RdeClient';
import { rootRouteRef, workspaceRouteRef } from './routes';

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
