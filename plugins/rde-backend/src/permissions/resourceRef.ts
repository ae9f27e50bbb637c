import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  RESOURCE_TYPE_RDE_WORKSPACE,
  Workspace,
} from '@rde-portal/plugin-rde-common';

/**
 * Query form of workspace conditions: a filter on a workspace column. Only `owner` exists so far.
 */
export type RdeWorkspaceQuery = { key: 'owner'; values: string[] };

/**
 * The `rde-workspace` permission resource (DESIGN §7): resources are {@link Workspace}s, resource
 * refs are workspace ids.
 */
export const rdeWorkspacePermissionResourceRef = createPermissionResourceRef<
  Workspace,
  RdeWorkspaceQuery
>().with({
  pluginId: 'rde',
  resourceType: RESOURCE_TYPE_RDE_WORKSPACE,
});
