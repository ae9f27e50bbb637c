import {
  ACTIVE_WORKSPACE_STATUSES,
  DEFAULT_BLUEPRINT_RESOURCES,
  isWellFormedMailbox,
  matchesBlueprintAccess,
  parseBlueprintAccessRule,
  type AdminBlueprint,
  type AdminWorkspaceList,
  type AuditOutcome,
  type AuditRecord,
  type Blueprint,
  type BlueprintOverride,
  type BlueprintOverrideRequest,
  type Cluster,
  type CreateWorkspaceRequest,
  type RdeSettings,
  type TerminalTicket,
  type Workspace,
  type WorkspaceOperationName,
  type WorkspaceQuota,
  type WorkspaceStatus,
} from '@rde-portal/plugin-rde-common';
import type {
  AdminWorkspaceFilter,
  AuditFilter,
  BlueprintName,
  RdeApi,
  RdeUser,
  TerminalSize,
} from '../api/RdeApi';
import {
  RdeApiError,
  TooManyRequestsError,
  WorkspaceLimitReachedError,
} from '../api/RdeApiError';

/** A workspace with defaults, for tests. */
export function makeWorkspace(
  overrides: Partial<Workspace> & { name: string },
): Workspace {
  return {
    id: `id-${overrides.name}`,
    owner: 'user:default/guest',
    blueprint: 'template:default/shell',
    cluster: 'local',
    status: 'running',
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/** A blueprint as users see it, with defaults, for tests (`default` namespace, `enabled`). */
export function makeBlueprint(
  overrides: Partial<Blueprint> & { name: string },
): Blueprint {
  const namespace = overrides.namespace ?? 'default';
  return {
    ref: `template:${namespace}/${overrides.name}`,
    namespace,
    title: overrides.name,
    tags: [],
    cluster: 'local',
    state: 'enabled',
    image: 'debian:stable',
    resources: { ...DEFAULT_BLUEPRINT_RESOURCES },
    ports: [],
    terminalTabs: [],
    launchable: true,
    ...overrides,
  };
}

/**
 * A blueprint as admins see it, for tests: the YAML (`source`) says what `overrides` says
 * (state, access, trusted users), with no admin override.
 */
export function makeAdminBlueprint(
  overrides: Partial<AdminBlueprint> & { name: string },
): AdminBlueprint {
  const blueprint = makeBlueprint(overrides);
  const access = overrides.access ?? [];
  const trustedUsers = overrides.trustedUsers ?? [];
  return {
    ...blueprint,
    access,
    trustedUsers,
    source: overrides.source ?? {
      state: blueprint.state,
      access,
      trustedUsers,
    },
    ...(overrides.override ? { override: overrides.override } : {}),
  };
}

/** Options of {@link FakeRdeApi}. */
export interface FakeRdeApiOptions {
  /** Every user's workspaces; `listWorkspaces` returns the signed-in user's. */
  workspaces?: Workspace[];
  /**
   * The catalog's blueprints (YAML state, access and trusted users). Plain `Blueprint`s are taken
   * as YAML with their `state` and no access rules. Default: one enabled `shell` blueprint.
   */
  blueprints?: Array<Blueprint | AdminBlueprint>;
  /** The signed-in user; default `user:default/guest`, `guest@corp.example`, not an admin. */
  user?: Partial<RdeUser>;
  /** Per-user limit on running workspaces (admin setting); default 3. */
  limit?: number;
  /** Launches allowed before `createWorkspace` answers 429; default unlimited. */
  launchRateLimit?: number;
  clusters?: Cluster[];
}

function isAdminBlueprint(
  blueprint: Blueprint | AdminBlueprint,
): blueprint is AdminBlueprint {
  return 'source' in blueprint;
}

function normalizeRule(text: string): string {
  const rule = parseBlueprintAccessRule(text);
  return 'email' in rule ? rule.email : rule.domain;
}

const FIXED_TIME = '2025-01-02T03:04:05.000Z';

/**
 * An in-memory {@link RdeApi} for component tests. Its methods are jest mocks (so tests can
 * assert calls or replace an answer) whose default implementations enforce the backend's rules
 * (issue 3, the REST contract): blueprints filtered by ACL and hidden when `disabled`, `testing`
 * ones not launchable unless admin or trusted (403), unknown blueprints refused (400), the
 * per-user running limit on create, start, restart and upgrade of an inactive workspace (409
 * `WorkspaceLimitReachedError` with the quota), the statuses each operation is allowed from,
 * an optional launch rate limit (429), ownership (404 for another user's workspace unless
 * admin), admin-only routes (403), overrides that win over the YAML, and audit rows.
 */
export class FakeRdeApi implements RdeApi {
  /** Every workspace of every user; tests may change statuses directly. */
  workspaces: Workspace[];
  /** The catalog's blueprints with their overrides applied. */
  adminBlueprints: AdminBlueprint[];
  user: RdeUser;
  settings: RdeSettings;
  clusters: Cluster[];
  audit: AuditRecord[] = [];
  launchRateLimit: number;
  launches = 0;
  tickets = 0;
  private nextId = 1;

  constructor(options?: FakeRdeApiOptions) {
    this.workspaces = options?.workspaces ?? [];
    this.adminBlueprints = (
      options?.blueprints ?? [
        makeBlueprint({
          name: 'shell',
          title: 'Plain shell',
          description: 'A bash shell',
        }),
      ]
    ).map(b => (isAdminBlueprint(b) ? b : makeAdminBlueprint(b)));
    this.user = {
      userRef: 'user:default/guest',
      email: 'guest@corp.example',
      isAdmin: false,
      ...options?.user,
    };
    this.settings = { maxRunningWorkspacesPerUser: options?.limit ?? 3 };
    this.launchRateLimit = options?.launchRateLimit ?? Infinity;
    this.clusters = options?.clusters ?? [{ name: 'local', online: true }];
  }

  /** The signed-in user's view of a blueprint, or undefined when they may not see it. */
  private visible(blueprint: AdminBlueprint): Blueprint | undefined {
    if (blueprint.state === 'disabled') {
      return undefined;
    }
    const rules = blueprint.access.map(parseBlueprintAccessRule);
    if (!matchesBlueprintAccess(this.user.email, rules)) {
      return undefined;
    }
    const {
      access: _access,
      trustedUsers,
      source: _source,
      override: _override,
      ...view
    } = blueprint;
    const trusted =
      this.user.email !== undefined &&
      trustedUsers.includes(this.user.email.toLowerCase());
    if (blueprint.state === 'testing' && !this.user.isAdmin && !trusted) {
      return {
        ...view,
        launchable: false,
        notLaunchableReason:
          'This blueprint is being tested; only admins and trusted users may launch it.',
      };
    }
    const { notLaunchableReason: _reason, ...launchable } = view;
    return { ...launchable, launchable: true };
  }

  private find(id: string): Workspace {
    const found = this.workspaces.find(
      w =>
        w.id === id &&
        w.status !== 'deleted' &&
        (w.owner === this.user.userRef || this.user.isAdmin),
    );
    if (!found) {
      throw new RdeApiError({
        statusCode: 404,
        errorName: 'NotFoundError',
        message: `No workspace ${id}`,
      });
    }
    return found;
  }

  private quotaOf(owner: string): WorkspaceQuota {
    return {
      running: this.workspaces.filter(
        w => w.owner === owner && ACTIVE_WORKSPACE_STATUSES.includes(w.status),
      ).length,
      limit: this.settings.maxRunningWorkspacesPerUser,
    };
  }

  private checkLimit(owner: string) {
    const quota = this.quotaOf(owner);
    if (quota.running >= quota.limit) {
      throw new WorkspaceLimitReachedError({
        message: `Limit reached: you have ${quota.running} of ${quota.limit} running workspaces. Stop or delete one, then try again.`,
        quota,
      });
    }
  }

  private record(
    action: string,
    outcome: AuditOutcome,
    details: Partial<AuditRecord> = {},
  ) {
    this.audit.unshift({
      id: `audit-${this.audit.length + 1}`,
      time: FIXED_TIME,
      actorRef: this.user.userRef,
      actorEmail: this.user.email,
      action,
      outcome,
      ...details,
    });
  }

  private requireAdmin() {
    if (!this.user.isAdmin) {
      throw new RdeApiError({
        statusCode: 403,
        errorName: 'NotAllowedError',
        message: 'Only RDE admins may do this',
      });
    }
  }

  private operate(
    id: string,
    operation: WorkspaceOperationName,
    allowedFrom: WorkspaceStatus[],
    to: WorkspaceStatus,
  ): Workspace {
    const workspace = this.find(id);
    const details = {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      blueprint: workspace.blueprint,
    };
    try {
      if (!allowedFrom.includes(workspace.status)) {
        throw new RdeApiError({
          statusCode: 409,
          errorName: 'ConflictError',
          message: `Workspace ${workspace.name} is ${workspace.status}; it cannot ${operation} now`,
        });
      }
      if (
        !ACTIVE_WORKSPACE_STATUSES.includes(workspace.status) &&
        ACTIVE_WORKSPACE_STATUSES.includes(to)
      ) {
        this.checkLimit(workspace.owner);
      }
    } catch (error) {
      this.record(`workspace-${operation}`, 'failed', {
        ...details,
        message: (error as Error).message,
      });
      throw error;
    }
    Object.assign(workspace, {
      status: to,
      operation,
      statusMessage: undefined,
      updatedAt: FIXED_TIME,
    });
    this.record(`workspace-${operation}`, 'initiated', details);
    return { ...workspace };
  }

  listWorkspaces = jest.fn(
    async (): Promise<Workspace[]> =>
      this.workspaces
        .filter(w => w.owner === this.user.userRef)
        .map(w => ({ ...w })),
  );

  getWorkspace = jest.fn(
    async (id: string): Promise<Workspace> => ({ ...this.find(id) }),
  );

  createWorkspace = jest.fn(
    async (request: CreateWorkspaceRequest): Promise<Workspace> => {
      const wanted = request.blueprint.toLowerCase();
      const admin = this.adminBlueprints.find(b =>
        [
          b.ref,
          `${b.namespace}/${b.name}`,
          b.namespace === 'default' ? b.name : '',
        ]
          .map(s => s.toLowerCase())
          .includes(wanted),
      );
      const blueprint = admin && this.visible(admin);
      const fail = (error: Error) => {
        this.record('workspace-create', 'failed', {
          blueprint: blueprint?.ref ?? request.blueprint,
          message: error.message,
        });
        return error;
      };
      if (!blueprint) {
        throw fail(
          new RdeApiError({
            statusCode: 400,
            errorName: 'InputError',
            message: `There is no blueprint "${request.blueprint}" you may launch`,
          }),
        );
      }
      if (!blueprint.launchable) {
        throw fail(
          new RdeApiError({
            statusCode: 403,
            errorName: 'NotAllowedError',
            message: blueprint.notLaunchableReason ?? 'Not launchable',
          }),
        );
      }
      if (this.launches >= this.launchRateLimit) {
        throw fail(
          new TooManyRequestsError({
            message: `Too many launches: at most ${this.launchRateLimit} per minute`,
            retryAfterSeconds: 60,
          }),
        );
      }
      this.launches += 1;
      try {
        this.checkLimit(this.user.userRef);
      } catch (error) {
        throw fail(error as Error);
      }
      const userName = this.user.userRef.replace(/^.*\//, '');
      const name =
        request.name ?? `${userName}-${blueprint.name}-${this.nextId}`;
      if (
        this.workspaces.some(
          w =>
            w.owner === this.user.userRef &&
            w.name === name &&
            w.status !== 'deleted',
        )
      ) {
        throw fail(
          new RdeApiError({
            statusCode: 409,
            errorName: 'ConflictError',
            message: `You already have a workspace named ${name}`,
          }),
        );
      }
      const workspace = makeWorkspace({
        id: `id-${name}`,
        name,
        owner: this.user.userRef,
        ownerEmail: this.user.email,
        blueprint: blueprint.ref,
        cluster: blueprint.cluster,
        status: 'pending',
        operation: 'create',
      });
      this.nextId += 1;
      this.workspaces.push(workspace);
      this.record('workspace-create', 'initiated', {
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        blueprint: workspace.blueprint,
      });
      return { ...workspace };
    },
  );

  startWorkspace = jest.fn(async (id: string) =>
    this.operate(id, 'start', ['stopped', 'failed'], 'starting'),
  );

  stopWorkspace = jest.fn(async (id: string) =>
    this.operate(id, 'stop', ['running', 'failed'], 'stopping'),
  );

  restartWorkspace = jest.fn(async (id: string) =>
    this.operate(id, 'restart', ['running', 'failed'], 'starting'),
  );

  upgradeWorkspace = jest.fn(async (id: string) =>
    this.operate(id, 'upgrade', ['running', 'stopped', 'failed'], 'starting'),
  );

  deleteWorkspace = jest.fn(async (id: string) =>
    this.operate(id, 'delete', ['running', 'stopped', 'failed'], 'deleting'),
  );

  createTerminalTicket = jest.fn(
    async (_id: string, _size: TerminalSize): Promise<TerminalTicket> => {
      this.tickets += 1;
      return {
        ticket: `ticket-${this.tickets}`,
        expiresAt: new Date(Date.now() + 30000).toISOString(),
        path: '/terminal',
      };
    },
  );

  getTerminalSocketUrl = jest.fn(
    async (ticket: TerminalTicket) =>
      `ws://backend.test/api/rde${ticket.path}?ticket=${ticket.ticket}`,
  );

  listBlueprints = jest.fn(
    async (): Promise<Blueprint[]> =>
      this.adminBlueprints
        .map(b => this.visible(b))
        .filter((b): b is Blueprint => b !== undefined),
  );

  getBlueprint = jest.fn(async (name: BlueprintName): Promise<Blueprint> => {
    const admin = this.adminBlueprints.find(
      b => b.namespace === name.namespace && b.name === name.name,
    );
    const blueprint = admin && this.visible(admin);
    if (!blueprint) {
      throw new RdeApiError({
        statusCode: 404,
        errorName: 'NotFoundError',
        message: `No blueprint ${name.namespace}/${name.name}`,
      });
    }
    return blueprint;
  });

  listClusters = jest.fn(async (): Promise<Cluster[]> => this.clusters);

  getQuota = jest.fn(
    async (): Promise<WorkspaceQuota> => this.quotaOf(this.user.userRef),
  );

  getCurrentUser = jest.fn(async (): Promise<RdeUser> => ({ ...this.user }));

  listAllWorkspaces = jest.fn(
    async (filter: AdminWorkspaceFilter = {}): Promise<AdminWorkspaceList> => {
      this.requireAdmin();
      const all = this.workspaces.filter(w => w.status !== 'deleted');
      const q = filter.q?.trim().toLowerCase();
      const items = all.filter(
        w =>
          (!filter.status || w.status === filter.status) &&
          (!filter.cluster || w.cluster === filter.cluster) &&
          (!filter.blueprint || w.blueprint === filter.blueprint) &&
          (!q ||
            [w.name, w.owner, w.ownerEmail ?? ''].some(field =>
              field.toLowerCase().includes(q),
            )),
      );
      const count = (status: WorkspaceStatus) =>
        all.filter(w => w.status === status).length;
      return {
        items: items.map(w => ({ ...w })),
        counts: {
          total: all.length,
          running: count('running'),
          stopped: count('stopped'),
          failed: count('failed'),
          blueprints: this.adminBlueprints.length,
        },
      };
    },
  );

  listAdminBlueprints = jest.fn(async (): Promise<AdminBlueprint[]> => {
    this.requireAdmin();
    return this.adminBlueprints.map(b => ({ ...b }));
  });

  private adminBlueprint(name: BlueprintName): AdminBlueprint {
    const found = this.adminBlueprints.find(
      b => b.namespace === name.namespace && b.name === name.name,
    );
    if (!found) {
      throw new RdeApiError({
        statusCode: 404,
        errorName: 'NotFoundError',
        message: `No blueprint ${name.namespace}/${name.name}`,
      });
    }
    return found;
  }

  /** Applies an override (or none) on top of the YAML, as the backend does. */
  private applyOverride(
    blueprint: AdminBlueprint,
    override: BlueprintOverride | undefined,
  ): AdminBlueprint {
    const { override: _old, ...rest } = blueprint;
    return {
      ...rest,
      state: override?.state ?? blueprint.source.state,
      access: override?.access ?? blueprint.source.access,
      trustedUsers: override?.trustedUsers ?? blueprint.source.trustedUsers,
      ...(override ? { override } : {}),
    };
  }

  private replaceBlueprint(updated: AdminBlueprint): AdminBlueprint {
    this.adminBlueprints = this.adminBlueprints.map(b =>
      b.ref === updated.ref ? updated : b,
    );
    return { ...updated };
  }

  setBlueprintOverride = jest.fn(
    async (
      name: BlueprintName,
      request: BlueprintOverrideRequest,
    ): Promise<AdminBlueprint> => {
      this.requireAdmin();
      const blueprint = this.adminBlueprint(name);
      let access: string[] | undefined;
      try {
        access = request.access?.map(normalizeRule);
      } catch (error) {
        throw new RdeApiError({
          statusCode: 400,
          errorName: 'InputError',
          message: (error as Error).message,
        });
      }
      const badUser = request.trustedUsers?.find(u => !isWellFormedMailbox(u));
      if (badUser !== undefined) {
        throw new RdeApiError({
          statusCode: 400,
          errorName: 'InputError',
          message: `Trusted user "${badUser}" is not a single well-formed email address`,
        });
      }
      const override: BlueprintOverride = {
        ...(request.state ? { state: request.state } : {}),
        ...(access ? { access } : {}),
        ...(request.trustedUsers
          ? { trustedUsers: request.trustedUsers.map(u => u.toLowerCase()) }
          : {}),
        updatedBy: this.user.userRef,
        updatedAt: FIXED_TIME,
      };
      this.record('blueprint-override', 'succeeded', {
        blueprint: blueprint.ref,
      });
      return this.replaceBlueprint(this.applyOverride(blueprint, override));
    },
  );

  deleteBlueprintOverride = jest.fn(
    async (name: BlueprintName): Promise<AdminBlueprint> => {
      this.requireAdmin();
      const blueprint = this.adminBlueprint(name);
      this.record('blueprint-override-delete', 'succeeded', {
        blueprint: blueprint.ref,
      });
      return this.replaceBlueprint(this.applyOverride(blueprint, undefined));
    },
  );

  listAuditRecords = jest.fn(
    async (filter: AuditFilter = {}): Promise<AuditRecord[]> => {
      this.requireAdmin();
      return this.audit
        .filter(
          r =>
            (!filter.workspaceId || r.workspaceId === filter.workspaceId) &&
            (!filter.actor || r.actorRef === filter.actor) &&
            (!filter.action || r.action === filter.action),
        )
        .slice(0, filter.limit ?? 100);
    },
  );

  getSettings = jest.fn(async (): Promise<RdeSettings> => {
    this.requireAdmin();
    return { ...this.settings };
  });

  updateSettings = jest.fn(
    async (settings: RdeSettings): Promise<RdeSettings> => {
      this.requireAdmin();
      const limit = settings.maxRunningWorkspacesPerUser;
      if (!Number.isInteger(limit) || limit < 0) {
        throw new RdeApiError({
          statusCode: 400,
          errorName: 'InputError',
          message:
            'maxRunningWorkspacesPerUser must be a whole number, 0 or more',
        });
      }
      this.settings = { maxRunningWorkspacesPerUser: limit };
      this.record('settings-update', 'succeeded');
      return { ...this.settings };
    },
  );
}
