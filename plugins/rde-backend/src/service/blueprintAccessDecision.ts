import {
  matchesBlueprintAccess,
  parseMailbox,
} from '@rde-portal/plugin-rde-common';
import type { Actor } from './Actor';
import type { ResolvedBlueprint } from './BlueprintProvider';

/** What an actor may do with a blueprint. */
export interface BlueprintAccessDecision {
  /** Listed to them (`GET /blueprints`). */
  visible: boolean;
  /** They may launch it (every launch route: REST, scaffolder, entity page). */
  launchable: boolean;
  /** Why not, in words a person can act on; set when `launchable` is false. */
  reason?: string;
}

/**
 * Decides blueprint access (issue 3, DESIGN §7):
 * - `disabled`: hidden from everyone and launchable by no one (existing workspaces untouched);
 * - ACL: no rules = any signed-in user; else the actor's email must match one rule
 *   (`matchesBlueprintAccess`: exact email or exact domain, case-insensitive). RDE admins and the
 *   blueprint's trusted users pass as well — admins can edit the rules anyway, and a trusted user is
 *   named explicitly;
 * - `testing`: listed (with `launchable: false`) to those who pass the ACL; launchable by RDE admins
 *   and trusted users only.
 * A user who fails the ACL does not see the blueprint at all.
 */
export function decideBlueprintAccess(
  actor: Pick<Actor, 'email' | 'isAdmin'>,
  blueprint: ResolvedBlueprint,
): BlueprintAccessDecision {
  if (blueprint.state === 'disabled') {
    return {
      visible: false,
      launchable: false,
      reason: `Blueprint '${blueprint.title}' is disabled; ask an RDE administrator to enable it.`,
    };
  }
  const mailbox = parseMailbox(actor.email);
  const trusted =
    mailbox !== undefined &&
    blueprint.trustedUsers.includes(`${mailbox.local}@${mailbox.domain}`);
  const allowed =
    actor.isAdmin ||
    trusted ||
    matchesBlueprintAccess(actor.email, blueprint.access);
  if (!allowed) {
    return {
      visible: false,
      launchable: false,
      reason: `You may not use blueprint '${blueprint.ref}': its access rules do not include your email address.`,
    };
  }
  if (blueprint.state === 'testing' && !actor.isAdmin && !trusted) {
    return {
      visible: true,
      launchable: false,
      reason: `Blueprint '${blueprint.title}' is in testing: only RDE administrators and its trusted users may launch it.`,
    };
  }
  return { visible: true, launchable: true };
}
