import { createConditionExports } from '@backstage/plugin-permission-node';
import { rdeWorkspacePermissionResourceRef } from './resourceRef';
import { isWorkspaceOwner } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: rdeWorkspacePermissionResourceRef,
  rules: { isWorkspaceOwner },
});

/**
 * Conditions for permission policies on `rde-workspace` resources, e.g.
 * `rdeWorkspaceConditions.isWorkspaceOwner({ claims: user.identity.ownershipEntityRefs })`.
 *
 * @public
 */
export const rdeWorkspaceConditions = conditions;

/**
 * Builds a conditional decision for `rde-workspace` permissions in a permission policy.
 *
 * @public
 */
export const createRdeWorkspaceConditionalDecision = createConditionalDecision;
