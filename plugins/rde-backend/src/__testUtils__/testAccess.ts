import type {
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from '../config/entityRefs';
import { rdeWorkspacePermissionRules } from '../permissions/rules';
import type { Actor } from '../service/Actor';
import { WorkspaceAccess } from '../service/WorkspaceAccess';

/**
 * A permission policy for tests: a function from permission name to decision (default allow-all).
 */
export type TestPolicy = (permissionName: string) => PolicyDecision;

export const allowAll: TestPolicy = () => ({ result: AuthorizeResult.ALLOW });

/**
 * A {@link WorkspaceAccess} over a fake permissions service driven by `policy`, and a registry
 * that knows the real `rde-workspace` rules (so conditional decisions are really evaluated).
 */
export function createTestAccess(
  policy: TestPolicy = allowAll,
): WorkspaceAccess {
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    Promise.resolve(requests.map(r => policy(r.permission.name)));
  const permissions = {
    authorize: decide,
    authorizeConditional: decide,
  } as unknown as PermissionsService;
  const permissionsRegistry = {
    getPermissionRuleset: () => ({
      getRuleByName: (name: string) => {
        const rule = rdeWorkspacePermissionRules.find(r => r.name === name);
        if (!rule) throw new Error(`no rule ${name}`);
        return rule;
      },
    }),
  } as unknown as PermissionsRegistryService;
  return new WorkspaceAccess({ permissions, permissionsRegistry });
}

/** An actor for `userRef`, admin when asked, with `email` when given. */
export function testActor(
  userRef: string,
  isAdmin = false,
  email?: string,
): Actor {
  const ref = normalizeEntityRef(userRef);
  return {
    userRef: ref,
    ownershipRefs: [ref],
    ...(email ? { email } : {}),
    isAdmin,
    credentials: mockCredentials.user(ref),
  };
}
