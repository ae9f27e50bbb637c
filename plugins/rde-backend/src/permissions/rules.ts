import { createPermissionRule } from '@backstage/plugin-permission-node';
import { normalizeEntityRef } from '../config/entityRefs';
import { ClaimsParams, claimsParamsSchema } from './claimsParams';
import { rdeWorkspacePermissionResourceRef } from './resourceRef';

/**
 * `IS_WORKSPACE_OWNER`: the workspace's owner is one of `claims` (entity refs, typically the
 * user's ownership refs). Comparison is case-insensitive, `default` namespace implied.
 */
export const isWorkspaceOwner = createPermissionRule<
  typeof rdeWorkspacePermissionResourceRef,
  ClaimsParams
>({
  name: 'IS_WORKSPACE_OWNER',
  description: 'Allow workspaces owned by one of the given entity refs',
  resourceRef: rdeWorkspacePermissionResourceRef,
  paramsSchema: claimsParamsSchema,
  apply: (workspace, { claims }) =>
    claims
      .map(claim => normalizeEntityRef(claim))
      .includes(normalizeEntityRef(workspace.owner)),
  toQuery: ({ claims }) => ({
    key: 'owner',
    values: claims.map(claim => normalizeEntityRef(claim)),
  }),
});

/** Every rule of the `rde-workspace` resource type. */
export const rdeWorkspacePermissionRules = [isWorkspaceOwner];
