import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Resource type of workspaces in the permission framework (DESIGN §7).
 *
 * @public
 */
export const RESOURCE_TYPE_RDE_WORKSPACE = 'rde-workspace';

/** @public */
export type RdeWorkspacePermission = ResourcePermission<
  typeof RESOURCE_TYPE_RDE_WORKSPACE
>;

/**
 * Launch a workspace from a blueprint.
 *
 * @public
 */
export const rdeWorkspaceCreatePermission = createPermission({
  name: 'rde.workspace.create',
  attributes: { action: 'create' },
});

/**
 * See a workspace and its status.
 *
 * @public
 */
export const rdeWorkspaceReadPermission = createPermission({
  name: 'rde.workspace.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_RDE_WORKSPACE,
});

/**
 * Use a workspace: start, stop, open a terminal.
 *
 * @public
 */
export const rdeWorkspaceUsePermission = createPermission({
  name: 'rde.workspace.use',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_RDE_WORKSPACE,
});

/**
 * Delete a workspace.
 *
 * @public
 */
export const rdeWorkspaceDeletePermission = createPermission({
  name: 'rde.workspace.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_RDE_WORKSPACE,
});

/**
 * Administer RDE: clusters, agent tokens, any workspace.
 *
 * @public
 */
export const rdeAdminPermission = createPermission({
  name: 'rde.admin',
  attributes: {},
});

/**
 * Every RDE permission, for registration through `permissionsRegistry`.
 *
 * @public
 */
export const rdePermissions = [
  rdeWorkspaceCreatePermission,
  rdeWorkspaceReadPermission,
  rdeWorkspaceUsePermission,
  rdeWorkspaceDeletePermission,
  rdeAdminPermission,
];
