import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import DeveloperBoardIcon from '@material-ui/icons/DeveloperBoard';
import { rdeApiRef } from '../api/RdeApi';
import { RdeClient } from '../api/RdeClient';
import { rootRouteRef, workspaceRouteRef } from '../routes';

/**
 * Provides {@link rdeApiRef} as an {@link RdeClient}.
 *
 * @alpha
 */
export const rdeApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: rdeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RdeClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "Workspaces" page at `/rde`: the user's workspaces, launching new ones, and each
 * workspace with its terminal at `/rde/workspaces/:id`. Shown in the app's navigation.
 *
 * @alpha
 */
export const rdePage = PageBlueprint.make({
  params: {
    path: '/rde',
    routeRef: rootRouteRef,
    title: 'Workspaces',
    icon: <DeveloperBoardIcon fontSize="inherit" />,
    loader: () =>
      import('../components/RdeRoutes/RdeRoutes').then(m => <m.RdeRoutes />),
  },
});

/**
 * The RDE frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const rdePlugin = createFrontendPlugin({
  pluginId: 'rde',
  title: 'Workspaces',
  icon: <DeveloperBoardIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: rootRouteRef,
    workspace: workspaceRouteRef,
  },
  extensions: [rdeApi, rdePage],
});
