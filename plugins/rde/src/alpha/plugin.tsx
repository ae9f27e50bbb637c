import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeveloperBoardIcon from '@material-ui/icons/DeveloperBoard';
import {
  RDE_BLUEPRINT_TEMPLATE_TYPE,
  RDE_WORKSPACE_RESOURCE_TYPE,
} from '@rde-portal/plugin-rde-common';
import { rdeApiRef } from '../api/RdeApi';
import { RdeClient } from '../api/RdeClient';
import { adminRouteRef, rootRouteRef, workspaceRouteRef } from '../routes';

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
 * The "Workspaces" page at `/rde`: the user's workspaces, the blueprint gallery and launching,
 * each workspace with its terminal at `/rde/workspaces/:id`, and the admin pages at
 * `/rde/admin`. Shown in the app's navigation.
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
 * Entity page content "Workspace" (at `…/workspace` of the entity page) for workspace resources
 * (`kind: Resource`, `spec.type: rde-workspace`): status, progress, actions and terminal of the
 * workspace named by the `rde/workspace-id` annotation. The filter can be replaced in app config.
 *
 * @alpha
 */
export const rdeEntityWorkspaceContent = EntityContentBlueprint.make({
  name: 'workspace',
  params: {
    path: '/workspace',
    title: 'Workspace',
    filter: { kind: 'resource', 'spec.type': RDE_WORKSPACE_RESOURCE_TYPE },
    loader: () =>
      import('../components/entity/EntityWorkspaceContent').then(m => (
        <m.EntityWorkspaceContent />
      )),
  },
});

/**
 * "Launch workspace" card on blueprint pages (`kind: Template`, `spec.type: rde-blueprint`).
 *
 * @alpha
 */
export const rdeEntityLaunchWorkspaceCard = EntityCardBlueprint.make({
  name: 'launch-workspace',
  params: {
    filter: { kind: 'template', 'spec.type': RDE_BLUEPRINT_TEMPLATE_TYPE },
    loader: () =>
      import('../components/entity/EntityLaunchWorkspaceCard').then(m => (
        <m.EntityLaunchWorkspaceCard />
      )),
  },
});

/**
 * "Open in a workspace" card on components that carry the `rde/blueprint` annotation.
 *
 * @alpha
 */
export const rdeEntityOpenInWorkspaceCard = EntityCardBlueprint.make({
  name: 'open-in-workspace',
  params: {
    filter: {
      kind: 'component',
      // RDE_ANNOTATIONS.blueprint
      'metadata.annotations.rde/blueprint': { $exists: true },
    },
    loader: () =>
      import('../components/entity/EntityOpenInWorkspaceCard').then(m => (
        <m.EntityOpenInWorkspaceCard />
      )),
  },
});

/**
 * The RDE frontend plugin for the new frontend system: the API, the Workspaces page (with the
 * admin pages under `/rde/admin`), and the catalog entity content and cards.
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
    admin: adminRouteRef,
  },
  extensions: [
    rdeApi,
    rdePage,
    rdeEntityWorkspaceContent,
    rdeEntityLaunchWorkspaceCard,
    rdeEntityOpenInWorkspaceCard,
  ],
});
