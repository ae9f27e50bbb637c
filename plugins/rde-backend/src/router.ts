import type { AuditorService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { Cluster, CreatedAgentToken } from '@rde-portal/plugin-rde-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AgentTokenStore } from './database/AgentTokenStore';
import type { ClusterStore } from './database/ClusterStore';
import type { AgentGateway } from './tunnel/AgentGateway';
import type { ActorResolver } from './service/ActorResolver';
import type { BlueprintProvider } from './service/BlueprintProvider';
import { toPublicBlueprint } from './service/BlueprintProvider';
import type { TicketService } from './service/TicketService';
import type { WorkspaceAccess } from './service/WorkspaceAccess';
import type { WorkspaceService } from './service/WorkspaceService';
import { audited, auditedOperation } from './service/audit';
import {
  clusterName,
  createTicketBody,
  createWorkspaceBody,
  parseInput,
} from './requestSchemas';

/** What the REST router needs; all built in `plugin.ts`. */
export interface RouterOptions {
  auditor: AuditorService;
  actors: ActorResolver;
  access: WorkspaceAccess;
  workspaces: WorkspaceService;
  tickets: TicketService;
  blueprints: BlueprintProvider;
  clusters: ClusterStore;
  tokens: AgentTokenStore;
  gateway: AgentGateway;
}

/**
 * The REST API under `/api/rde` (DESIGN §3). Handlers only parse, delegate and answer; errors are
 * thrown as `@backstage/errors` and turned into responses by the `httpRouter` service:
 * 400 InputError, 403 NotAllowedError, 404 NotFoundError (also for other users' workspaces),
 * 409 ConflictError.
 *
 * Lifecycle routes answer 202 with the workspace in its transitional status; the agent's command
 * runs afterwards.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    auditor,
    actors,
    access,
    workspaces,
    tickets,
    blueprints,
    clusters,
    tokens,
    gateway,
  } = options;
  const router = Router();
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

  router.get('/workspaces', async (req, res) => {
    const actor = await actors.fromRequest(req);
    res.json({ items: await workspaces.list(actor) });
  });

  router.post('/workspaces', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const body = parseInput(createWorkspaceBody, req.body);
    const op = await auditedOperation(
      auditor,
      {
        eventId: 'workspace-create',
        severityLevel: 'medium',
        request: req,
        meta: { blueprint: body.blueprint },
      },
      () => workspaces.create(actor, body),
    );
    res.status(202).json(op.workspace);
  });

  router.get('/workspaces/:id', async (req, res) => {
    const actor = await actors.fromRequest(req);
    res.json(await workspaces.get(actor, req.params.id));
  });

  for (const action of ['start', 'stop'] as const) {
    router.post(`/workspaces/:id/${action}`, async (req, res) => {
      const actor = await actors.fromRequest(req);
      const op = await auditedOperation(
        auditor,
        {
          eventId: `workspace-${action}`,
          severityLevel: 'medium',
          request: req,
          meta: { workspaceId: req.params.id },
        },
        () => workspaces[action](actor, req.params.id),
      );
      res.status(202).json(op.workspace);
    });
  }

  router.delete('/workspaces/:id', async (req, res) => {
    const actor = await actors.fromRequest(req);
    const op = await auditedOperation(
      auditor,
      {
        eventId: 'workspace-delete',
        severityLevel: 'medium',
        request: req,
        meta: { workspaceId: req.params.id },
      },
      () => workspaces.delete(actor, req.params.id),
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
    await actors.fromRequest(req);
    res.json({ items: (await blueprints.list()).map(toPublicBlueprint) });
  });

  router.get('/clusters', async (req, res) => {
    await actors.fromRequest(req);
    const known = await clusters.list();
    const names = new Set(known.map(c => c.name));
    for (const blueprint of await blueprints.list()) {
      names.add(blueprint.cluster);
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

  router.post('/clusters/:cluster/agent-tokens', async (req, res) => {
    const actor = await actors.fromRequest(req);
    await access.requireAdmin(actor);
    const cluster = parseInput(clusterName, req.params.cluster, 'cluster name');
    const created = await audited(
      auditor,
      {
        eventId: 'agent-token-create',
        severityLevel: 'high',
        request: req,
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
    const actor = await actors.fromRequest(req);
    await access.requireAdmin(actor);
    const cluster = parseInput(clusterName, req.params.cluster, 'cluster name');
    res.json({ items: await tokens.list(cluster) });
  });

  router.delete('/agent-tokens/:id', async (req, res) => {
    const actor = await actors.fromRequest(req);
    await access.requireAdmin(actor);
    const revoked = await audited(
      auditor,
      {
        eventId: 'agent-token-revoke',
        severityLevel: 'high',
        request: req,
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

  return router;
}
