import type {
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  RdeWorkspacePermission,
  Workspace,
  rdeAdminPermission,
} from '@rde-portal/plugin-rde-common';
import { normalizeEntityRef } from '../config/entityRefs';
import { rdeWorkspacePermissionResourceRef } from '../permissions/resourceRef';
import type { Actor } from './Actor';

/**
 * Access control for workspaces (DESIGN §1.3, §7). Every check runs two gates, and both must pass:
 *
 * 1. our own rule — a workspace is visible to its owner and to RDE admins only; to anyone else it
 *    does not exist (`NotFoundError`, so existence is not revealed). Some actions are the owner's
 *    alone (`ownerOnly`), even for admins;
 * 2. the Backstage permission framework — the policy's decision for the permission, with
 *    conditional decisions evaluated against the workspace through the `rde-workspace` rules.
 *
 * An allow-all policy therefore never opens another user's workspace.
 */
export class WorkspaceAccess {
  private readonly permissions: PermissionsService;
  private readonly registry: PermissionsRegistryService;

  /**
   * @param options.permissionsRegistry - must already have the `rde-workspace` resource type
   *   registered (plugin init does this before constructing this class).
   */
  constructor(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
  }) {
    this.permissions = options.permissions;
    this.registry = options.permissionsRegistry;
  }

  /** Whether `actor` owns `workspace` (entity refs compared normalised). */
  isOwner(actor: Actor, workspace: Workspace): boolean {
    return normalizeEntityRef(workspace.owner) === actor.userRef;
  }

  /**
   * Requires a basic (non-resource) permission.
   *
   * @throws NotAllowedError when the policy does not allow it.
   */
  async requireBasic(actor: Actor, permission: BasicPermission): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials: actor.credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to do this (permission '${permission.name}'). Ask an administrator for access.`,
      );
    }
  }

  /**
   * Requires the actor to be an RDE admin (`rde.admins`) AND the policy to allow `rde.admin`.
   *
   * @throws NotAllowedError otherwise.
   */
  async requireAdmin(actor: Actor): Promise<void> {
    if (!actor.isAdmin) {
      throw new NotAllowedError(
        'Only RDE administrators may do this. Administrators are listed in the rde.admins configuration.',
      );
    }
    await this.requireBasic(actor, rdeAdminPermission);
  }

  /**
   * Requires `permission` on `workspace` for `actor`.
   *
   * @param options.ownerOnly - only the owner passes our own gate (admins do not).
   * @throws NotFoundError when `workspace` is absent or `deleted`, or the actor is neither its owner
   *   nor an admin; NotAllowedError when an admin asks for an owner-only action, or the policy
   *   denies.
   */
  async requireWorkspace(
    actor: Actor,
    permission: RdeWorkspacePermission,
    workspace: Workspace | undefined,
    options: { ownerOnly?: boolean; notFoundMessage?: string } = {},
  ): Promise<Workspace> {
    if (
      !workspace ||
      workspace.status === 'deleted' ||
      !(this.isOwner(actor, workspace) || actor.isAdmin)
    ) {
      throw new NotFoundError(options.notFoundMessage ?? 'Workspace not found');
    }
    if (options.ownerOnly && !this.isOwner(actor, workspace)) {
      throw new NotAllowedError(
        'Only the owner of a workspace may do this, administrators included.',
      );
    }
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials: actor.credentials },
    );
    if (!this.decide(decision, workspace)) {
      throw new NotAllowedError(
        `You are not allowed to do this to workspace '${workspace.name}' (permission '${permission.name}'). Ask an administrator for access.`,
      );
    }
    return workspace;
  }

  /**
   * The subset of `workspaces` the actor may see: our own gate plus `permission` (normally
   * `rde.workspace.read`), decided once and applied per workspace.
   */
  async filter(
    actor: Actor,
    permission: RdeWorkspacePermission,
    workspaces: Workspace[],
  ): Promise<Workspace[]> {
    const visible = workspaces.filter(
      ws =>
        ws.status !== 'deleted' && (this.isOwner(actor, ws) || actor.isAdmin),
    );
    if (visible.length === 0) {
      return [];
    }
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials: actor.credentials },
    );
    return visible.filter(ws => this.decide(decision, ws));
  }

  private decide(decision: PolicyDecision, workspace: Workspace): boolean {
    if (decision.result === AuthorizeResult.ALLOW) {
      return true;
    }
    if (decision.result === AuthorizeResult.DENY) {
      return false;
    }
    const authorize = createConditionAuthorizer(
      this.registry.getPermissionRuleset(rdeWorkspacePermissionResourceRef),
    );
    return authorize(decision, workspace);
  }
}
