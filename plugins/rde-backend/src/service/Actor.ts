import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/**
 * The signed-in user on whose behalf a service call runs.
 */
export interface Actor {
  /** User entity ref, normalised (lower-case, namespace filled in). */
  userRef: string;
  /** The user's ownership entity refs (the user and their groups), normalised. */
  ownershipRefs: string[];
  /**
   * The user's email: `spec.profile.email` of their catalog User entity; absent when the entity or
   * the field is missing. Blueprint ACLs match against it (DESIGN §7).
   */
  email?: string;
  /** Whether the user is an RDE admin (`rde.admins`, DESIGN §7). */
  isAdmin: boolean;
  /** The request's credentials, for permission checks. */
  credentials: BackstageCredentials<BackstageUserPrincipal>;
}
