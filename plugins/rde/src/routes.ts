import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the RDE pages are mounted; `/rde` by default.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'rde' });

/**
 * The page of one workspace, `/rde/workspaces/:id` by default.
 *
 * @public
 */
export const workspaceRouteRef = createSubRouteRef({
  id: 'rde/workspace',
  parent: rootRouteRef,
  path: '/workspaces/:id',
});

/**
 * The admin pages (all workspaces, blueprints, audit, settings), `/rde/admin` by default.
 * Linked only for RDE admins; the backend refuses everyone else.
 *
 * @public
 */
export const adminRouteRef = createSubRouteRef({
  id: 'rde/admin',
  parent: rootRouteRef,
  path: '/admin',
});
