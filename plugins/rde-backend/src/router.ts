import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  AdminWorkspaceList,
  Cluster,
  CreatedAgentToken,
  WorkspaceStatus,
} from '@rde-portal/plugin-rde-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AgentTokenStore } from './database/AgentTokenStore';
import type { AuditStore } from './database/AuditStore';
import type { BlueprintOverrideStore } from './database/BlueprintOverrideStore';
import type { ClusterStore } from './database/ClusterStore';
import type { AgentGateway } from './tunnel/AgentGateway';
import type { Actor } from './service/Actor';
import type { ActorResolver } from './service/ActorResolver';
import type { AuditTrail } from './service/AuditTrail';
import {
  BlueprintProvider,
  toAdminBlueprint,
  toPublicBlueprint,
} from './service/BlueprintProvider';
import { normalizeBlueprintRef } from './service/CatalogBlueprintProvider';
import { decideBlueprintAccess } from './service/blueprintAccessDecision';
import type { SettingsService } from './service/SettingsService';
import type { TicketService } from './service/TicketService';
import type { WorkspaceAccess } from './service/WorkspaceAccess';
import type {
  WorkspaceOperation,
  WorkspaceService,
} from './service/WorkspaceService';
import {
  TooManyRequestsError,
  WorkspaceLimitReachedError,
} from './service/errors';
import {
  adminWorkspacesQuery,
  auditQuery,
  blueprintOverrideBody,
  clusterName,
  createTicketBody,
  createWorkspaceBody,
  hiddenBlueprintsQuery,
  parseInput,
  settingsBody,
} from './requestSchemas';

/** What the REST router needs; all built in `plugin.ts`. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  actors: ActorResolver;
  audit: AuditTrail;
  auditStore: AuditStore;
  access: WorkspaceAccess;
  workspaces: WorkspaceService;
  tickets: TicketService;
  blueprints: BlueprintProvider;
  overrides: BlueprintOverrideStore;
  settings: SettingsService;
  clusters: ClusterStore;
  tokens: AgentTokenStore;
  gateway: AgentGateway;
}

/**
 * The REST API under `/api/rde` (DESIGN §3, issue 3). Handlers only parse, delegate and answer;
 * errors are thrown as `@backstage/errors` and turned into responses by the `httpRouter` service:
 * 400 InputError, 403 NotAllowedError, 404 NotFoundError (also for other users' workspaces),
 * 409 ConflictError. `WorkspaceLimitReachedError` answers 409 with `quota` next to `error`;
 * `TooManyRequestsError` answers 429 with `Retry-After`.
 *
 * Paths are matched case-insensitively, with or without a trailing slash, and runs of `/` count as
 * one, so every spelling of a route reaches the same handler (and the same limits).
 *
 * Lifecycle routes answer 202 with the workspace in its transitional status; the agent's command
 * runs afterwards.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    actors,
    audit,
    auditStore,
    access,
    workspaces,
    tickets,
    blueprints,
    overrides,
    settings,
    clusters,
    tokens,
    gateway,
  } = options;
  const router = Router({ caseSensitive: false, strict: false });
  router.use((req, _res, next) => {
    // `//workspaces` and `/workspaces` are one route (the rate limit must not be bypassable).
    const query = req.url.indexOf('?');
    const path = query >= 0 ? req.url.slice(0, query) : req.url;
    if (path.includes('//')) {
      req.url =
        path.replace(/\/{2,}/g, '/') + (query >= 0 ? req.url.slice(query) : '');
    }
    next();
  });
  // Non-strict so `null` or `"text"` reach validation and get "expected a JSON object".
  router.use(express.json({ limit: '64kb', strict: false }));
  router.use((req, _res, next) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 ||
      req.headers['transfer-encoding'];
    if (hasBody && !req.is('application/json')) {
      throw new InputError(
        `The request body must be JSON: send it with 'Content-Type: application/json' (got '${
          req.headers['content-type'] ?? 'none'
        }')`,
      );
    }
    next();
  });

  const lifecycle = (
    req: express.Request,
    actor: Actor,
    eventId: string,
    run: () => Promise<WorkspaceOperation>,
    subject: { workspaceId?: string; blueprint?: string } = {},
  ) =>
    audit.operation(
      {
        eventId,
        severityLevel: 'medium',
        request: req,
        actor,
        meta: subject,
        subject,
      },
      run,
    );

  router.get('/me', async (req, res) => {
    const actor = await actors.fromRequest(req);
    res.json({
      userRef: actor.userRef,
      ...(actor.email ? { email: actor.email } : {}),
      isAdmin: actor.isAdmin,
    });
  });

  router.get('/quota', async (req, res) => {
    const actor = await actors.fromRequest(req);
    res.json(await workspaces.quota(actor));
  });

  router.get('/workspaces', async (req, res) => {
    const actor = await actors.fromRequest(req);
    res.json({ items: await workspaces.list(actor) });
  });

  router.post('/workspaces', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const body = parseInput(createWorkspaceBody, req.body);
    const op = await lifecycle(
      req,
      actor,
      'workspace-create',
      () => workspaces.create(actor, body),
      { blueprint: normalizeBlueprintRef(body.blueprint) },
    );
    res.status(202).json(op.workspace);
  });

  router.get('/workspaces/:id', async (req, res) => {
    const actor = await actors.fromRequest(req);
    res.json(await workspaces.get(actor, req.params.id));
  });

  for (const action of ['start', 'stop', 'restart', 'upgrade'] as const) {
    router.post(`/workspaces/:id/${action}`, async (req, res) => {
      const actor = await actors.fromRequest(req);
      const op = await lifecycle(
        req,
        actor,
        `workspace-${action}`,
        () => workspaces[action](actor, req.params.id),
        { workspaceId: req.params.id },
      );
      res.status(202).json(op.workspace);
    });
  }

  router.delete('/workspaces/:id', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const op = await lifecycle(
      req,
      actor,
      'workspace-delete',
      () => workspaces.delete(actor, req.params.id),
      { workspaceId: req.params.id },
    );
    res.status(202).json(op.workspace);
  });

  router.post('/workspaces/:id/tickets', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const size = parseInput(createTicketBody, req.body);
    const workspace = await workspaces.authorizeTerminal(actor, req.params.id);
    const ticket = await tickets.issue(
      actor.userRef,
      workspace.id,
      'terminal',
      size,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(ticket);
  });

  router.get('/blueprints', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const items = (await blueprints.list()).flatMap(bp => {
      const decision = decideBlueprintAccess(actor, bp);
      return decision.visible
        ? [
            toPublicBlueprint(bp, {
              launchable: decision.launchable,
              reason: decision.reason,
            }),
          ]
        : [];
    });
    res.json({ items });
  });

  router.get('/blueprints/:namespace/:name', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const bp = await blueprints.get(
      `template:${req.params.namespace}/${req.params.name}`,
    );
    const decision = bp && decideBlueprintAccess(actor, bp);
    if (!bp || !decision?.visible) {
      throw new NotFoundError(
        `There is no blueprint '${req.params.namespace}/${req.params.name}' you may use`,
      );
    }
    res.json(
      toPublicBlueprint(bp, {
        launchable: decision.launchable,
        reason: decision.reason,
      }),
    );
  });

  router.get('/clusters', async (req, res) => {
    await actors.fromRequest(req);
    const known = await clusters.list();
    const names = new Set(known.map(c => c.name));
    for (const blueprint of await blueprints.list()) {
      names.add(blueprint.spec.cluster);
    }
    const byName = new Map(known.map(c => [c.name, c]));
    const result: Cluster[] = [...names].sort().map(name => {
      const lastSeenAt = byName.get(name)?.lastSeenAt;
      return {
        name,
        online: gateway.isOnline(name),
        ...(lastSeenAt ? { lastSeenAt } : {}),
      };
    });
    res.json({ items: result });
  });

  // Service-to-service: the catalog module's full sync (DESIGN §6). Users are refused.
  router.get('/catalog/workspaces', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await workspaces.listForCatalog() });
  });

  // Service-to-service: the blueprint templates a user may not see, for a permission policy that
  // hides them in the catalog (packages/backend's policy). `ownership` is comma-separated.
  router.get('/catalog/hidden-blueprints', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const query = parseInput(hiddenBlueprintsQuery, req.query, 'query');
    const user = await actors.describeUser(
      query.user,
      query.ownership ? query.ownership.split(',') : [],
    );
    // Admins see every blueprint template in the catalog, disabled ones included.
    const items = user.isAdmin
      ? []
      : (await blueprints.list())
          .filter(bp => !decideBlueprintAccess(user, bp).visible)
          .map(bp => bp.ref);
    res.json({ items });
  });

  // --- Admin (every route: rde.admins AND the policy's rde.admin) ---

  const admin = async (req: express.Request) => {
    const actor = await actors.fromRequest(req);
    await access.requireAdmin(actor);
    return actor;
  };

  router.get('/admin/workspaces', async (req, res) => {
    const actor = await admin(req);
    const query = parseInput(adminWorkspacesQuery, req.query, 'query');
    const [all, items, known] = await Promise.all([
      workspaces.listAll(actor),
      workspaces.listAll(actor, {
        ...(query.status
          ? { statuses: query.status.split(',') as WorkspaceStatus[] }
          : {}),
        ...(query.cluster ? { cluster: query.cluster } : {}),
        ...(query.blueprint
          ? { blueprint: normalizeBlueprintRef(query.blueprint) }
          : {}),
        ...(query.q ? { search: query.q } : {}),
      }),
      blueprints.list(),
    ]);
    const count = (status: WorkspaceStatus) =>
      all.filter(ws => ws.status === status).length;
    const body: AdminWorkspaceList = {
      items,
      counts: {
        total: all.length,
        running: count('running'),
        stopped: count('stopped'),
        failed: count('failed'),
        blueprints: known.length,
      },
    };
    res.json(body);
  });

  router.get('/admin/blueprints', async (req, res) => {
    const actor = await admin(req);
    const items = (await blueprints.list()).map(bp => {
      const decision = decideBlueprintAccess(actor, bp);
      return toAdminBlueprint(bp, {
        launchable: decision.launchable,
        reason: decision.reason,
      });
    });
    res.json({ items });
  });

  const overridePath = '/admin/blueprints/:namespace/:name/override';
  const adminBlueprint = async (actor: Actor, ref: string) => {
    const bp = await blueprints.get(ref);
    if (!bp) {
      throw new NotFoundError(`There is no valid blueprint '${ref}'`);
    }
    const decision = decideBlueprintAccess(actor, bp);
    return toAdminBlueprint(bp, {
      launchable: decision.launchable,
      reason: decision.reason,
    });
  };

  // PUT stores an override, DELETE resets the blueprint to its YAML; both answer the result.
  for (const method of ['put', 'delete'] as const) {
    router[method](overridePath, async (req, res) => {
      const actor = await admin(req);
      const ref = normalizeBlueprintRef(
        `template:${req.params.namespace}/${req.params.name}`,
      );
      const change =
        method === 'put'
          ? parseInput(blueprintOverrideBody, req.body)
          : undefined;
      const result = await audit.action(
        {
          eventId: change ? 'blueprint-override' : 'blueprint-override-reset',
          severityLevel: 'high',
          request: req,
          actor,
          meta: { blueprint: ref, ...change },
          subject: { blueprint: ref },
        },
        async () => {
          await adminBlueprint(actor, ref); // 404 before writing anything
          if (change) {
            await overrides.put(ref, { ...change, updatedBy: actor.userRef });
          } else {
            await overrides.delete(ref);
          }
          return adminBlueprint(actor, ref);
        },
      );
      res.json(result);
    });
  }

  router.get('/admin/audit', async (req, res) => {
    await admin(req);
    const query = parseInput(auditQuery, req.query, 'query');
    res.json({
      items: await auditStore.list({
        ...(query.workspaceId ? { workspaceId: query.workspaceId } : {}),
        ...(query.actor ? { actorRef: query.actor } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
    });
  });

  router.get('/admin/settings', async (req, res) => {
    await admin(req);
    res.json(await settings.get());
  });

  router.put('/admin/settings', async (req, res) => {
    const actor = await admin(req);
    const body = parseInput(settingsBody, req.body);
    const result = await audit.action(
      {
        eventId: 'settings-update',
        severityLevel: 'high',
        request: req,
        actor,
        meta: { ...body },
      },
      () => settings.update(body, actor.userRef),
    );
    res.json(result);
  });

  router.post('/clusters/:cluster/agent-tokens', async (req, res) => {
    const actor = await admin(req);
    const cluster = parseInput(clusterName, req.params.cluster, 'cluster name');
    const created = await audit.action(
      {
        eventId: 'agent-token-create',
        severityLevel: 'high',
        request: req,
        actor,
        meta: { cluster },
      },
      () => tokens.create({ cluster, createdBy: actor.userRef }),
      ({ record }) => ({ tokenId: record.id, cluster }),
    );
    const body: CreatedAgentToken = { ...created.record, token: created.token };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(body);
  });

  router.get('/clusters/:cluster/agent-tokens', async (req, res) => {
    await admin(req);
    const cluster = parseInput(clusterName, req.params.cluster, 'cluster name');
    res.json({ items: await tokens.list(cluster) });
  });

  router.delete('/agent-tokens/:id', async (req, res) => {
    const actor = await admin(req);
    const revoked = await audit.action(
      {
        eventId: 'agent-token-revoke',
        severityLevel: 'high',
        request: req,
        actor,
        meta: { tokenId: req.params.id },
      },
      async () => {
        const record = await tokens.revoke(req.params.id);
        if (!record) {
          throw new NotFoundError(`No agent token with id '${req.params.id}'`);
        }
        return record;
      },
      record => ({ cluster: record.cluster }),
    );
    res.json(revoked);
  });

  // Errors with extra fields the default error handler would not put where clients look.
  router.use(
    (
      error: unknown,
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof WorkspaceLimitReachedError) {
        res.status(409).json({
          error: { name: error.name, message: error.message },
          quota: error.quota,
          request: { method: req.method, url: req.url },
          response: { statusCode: 409 },
        });
        return;
      }
      if (error instanceof TooManyRequestsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
    },
  );

  return router;
}
