import type { Config } from '@backstage/config';
import { normalizeEntityRef } from './entityRefs';

/**
 * The RDE admins from `rde.admins` (DESIGN §7): user or group entity refs, normalised with
 * {@link normalizeEntityRef} (a ref without a kind is taken as a user).
 *
 * @returns an empty set when `rde.admins` is absent.
 * @throws Error from `@backstage/config` when `rde.admins` is not a list of strings.
 */
export function readAdmins(config: Config): Set<string> {
  const refs = config.getOptionalStringArray('rde.admins') ?? [];
  return new Set(refs.map(ref => normalizeEntityRef(ref)));
}

/**
 * Whether a user is an RDE admin: their user ref or one of their ownership refs (groups) is in
 * `admins`.
 */
export function isAdmin(
  admins: ReadonlySet<string>,
  user: { userEntityRef: string; ownershipEntityRefs: readonly string[] },
): boolean {
  return [user.userEntityRef, ...user.ownershipEntityRefs].some(ref =>
    admins.has(normalizeEntityRef(ref)),
  );
}
