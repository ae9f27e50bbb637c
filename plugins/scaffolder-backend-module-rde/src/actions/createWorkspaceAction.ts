import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CreateWorkspaceRequest,
  Workspace,
} from '@rde-portal/plugin-rde-common';
import { rdeApiErrorFromResponse } from './RdeApiError';

/**
 * The action's id, as templates name it in `steps[].action`.
 *
 * @public
 */
export const RDE_WORKSPACE_CREATE_ACTION_ID = 'rde:workspace:create';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Options of {@link createRdeWorkspaceCreateAction}.
 *
 * @public
 */
export interface RdeWorkspaceCreateActionOptions {
  /** The scaffolder plugin's auth service (issues tokens on behalf of the template's user). */
  auth: AuthService;
  /** Finds the rde backend (`discovery.getBaseUrl('rde')`). */
  discovery: DiscoveryService;
  /** `app.baseUrl`, for the `workspaceUrl` output (`{appBaseUrl}/rde/workspaces/<id>`). */
  appBaseUrl: string;
  /** How often to ask for the workspace's status while waiting; default 2000 ms. */
  pollIntervalMs?: number;
  /** How long to wait for `running` at most; default 120000 ms (then the action ends with a warning). */
  waitTimeoutMs?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('The task was cancelled'));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('The task was cancelled'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Creates the scaffolder action `rde:workspace:create` (issue 3): launches a workspace from a
 * blueprint through the RDE REST API (`POST /api/rde/workspaces`) **on behalf of the user who runs
 * the template**, so the same blueprint ACL, per-user running-workspace limit and launch rate limit
 * apply as everywhere else. Refuses to run when the task was not started by a user.
 *
 * Input: `blueprint` (entity ref of the blueprint template, required), `name` (optional DNS label;
 * empty means generated), `repositoryUrl` / `repositoryRef` (optional; clone that repository or
 * ref instead of the blueprint's), `waitUntilRunning` (default true: poll `GET /workspaces/:id`
 * every `pollIntervalMs` until the workspace is `running`, for at most `waitTimeoutMs`).
 *
 * Output: `workspaceId`, `workspaceName`, `status` (the last one seen) and `workspaceUrl`.
 *
 * Errors: refusals of the RDE API become {@link RdeApiError}s whose message passes through the
 * API's `error.message` and says what to do (limit counts for 409, wait time for 429); a workspace
 * that ends in `failed` (or is stopped or deleted while waiting) fails the action with its status
 * message. A wait that times out only logs a warning: the workspace keeps starting.
 *
 * @public
 */
export function createRdeWorkspaceCreateAction(
  options: RdeWorkspaceCreateActionOptions,
) {
  const { auth, discovery } = options;
  const appBaseUrl = options.appBaseUrl.replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const waitTimeoutMs = options.waitTimeoutMs ?? 120_000;

  async function call(
    credentials: BackstageCredentials,
    path: string,
    init: RequestInit = {},
  ): Promise<Response> {
    const baseUrl = await discovery.getBaseUrl('rde');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'rde',
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
      },
    });
  }

  return createTemplateAction({
    id: RDE_WORKSPACE_CREATE_ACTION_ID,
    description:
      'Launches an RDE workspace from a blueprint as the user who runs the template (same access rules, limits and rate limits as the RDE pages).',
    examples: [
      {
        description: 'Launch a workspace from this blueprint',
        example: [
          'steps:',
          '  - id: workspace',
          '    name: Create workspace',
          '    action: rde:workspace:create',
          '    input:',
          '      blueprint: template:default/node-web',
          '      name: ${{ parameters.name }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        blueprint: z =>
          z
            .string()
            .min(1)
            .describe(
              'Entity ref of the blueprint template, e.g. template:default/node-web',
            ),
        name: z =>
          z
            .union([
              z.string().regex(DNS_LABEL, {
                message:
                  'must be a DNS label: lowercase letters, digits and "-", at most 63 characters',
              }),
              z.literal(''),
            ])
            .optional()
            .describe(
              'Workspace name (a DNS label); generated from the user and blueprint when empty',
            ),
        repositoryUrl: z =>
          z
            .string()
            .optional()
            .describe(
              "Git repository to clone instead of the blueprint's (https, ssh or git@host:path)",
            ),
        repositoryRef: z =>
          z
            .string()
            .optional()
            .describe('Branch, tag or commit of the repository to check out'),
        waitUntilRunning: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait (up to 2 minutes) until the workspace is running; default true',
            ),
      },
      output: {
        workspaceId: z => z.string().describe('Id of the new workspace'),
        workspaceName: z => z.string().describe('Name of the new workspace'),
        status: z =>
          z.string().describe('Status of the workspace when the action ended'),
        workspaceUrl: z =>
          z.string().describe('Page of the workspace in the RDE app'),
      },
    },
    async handler(ctx) {
      const { blueprint, name, repositoryUrl, repositoryRef } = ctx.input;
      const waitUntilRunning = ctx.input.waitUntilRunning ?? true;

      const credentials = await ctx.getInitiatorCredentials();
      const principalType = (credentials.principal as { type?: string }).type;
      if (!auth.isPrincipal(credentials, 'user')) {
        throw new NotAllowedError(
          `${RDE_WORKSPACE_CREATE_ACTION_ID} launches a workspace for the signed-in user who runs the template, ` +
            `but this task was started by a ${principalType} principal. Run the template while signed in.`,
        );
      }

      const request: CreateWorkspaceRequest = { blueprint };
      if (name) request.name = name;
      if (repositoryUrl || repositoryRef) {
        request.repository = {
          ...(repositoryUrl ? { url: repositoryUrl } : {}),
          ...(repositoryRef ? { ref: repositoryRef } : {}),
        };
      }

      // A checkpoint: when the task is resumed (e.g. after a restart) the workspace created
      // before is reused instead of launching a second one.
      const created: Workspace = await ctx.checkpoint({
        key: 'rde.workspace.create',
        fn: async () => {
          ctx.logger.info(
            `Creating a workspace from ${blueprint} for ${credentials.principal.userEntityRef}`,
          );
          const response = await call(credentials, '/workspaces', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(request),
          });
          if (!response.ok) {
            throw await rdeApiErrorFromResponse(
              response,
              `Creating a workspace from ${blueprint}`,
            );
          }
          return JSON.parse(await response.text());
        },
      });

      const workspaceUrl = `${appBaseUrl}/rde/workspaces/${encodeURIComponent(
        created.id,
      )}`;
      ctx.output('workspaceId', created.id);
      ctx.output('workspaceName', created.name);
      ctx.output('workspaceUrl', workspaceUrl);
      ctx.logger.info(
        `Workspace ${created.name} (${created.id}) is ${created.status}: ${workspaceUrl}`,
      );

      let workspace = created;
      if (waitUntilRunning) {
        const deadline = Date.now() + waitTimeoutMs;
        while (workspace.status !== 'running') {
          if (workspace.status === 'failed') {
            throw new Error(
              `Workspace ${workspace.name} failed to start: ${
                workspace.statusMessage ?? 'no reason given'
              }. See ${workspaceUrl}`,
            );
          }
          if (!['pending', 'starting'].includes(workspace.status)) {
            throw new Error(
              `Workspace ${workspace.name} is ${workspace.status} instead of starting; see ${workspaceUrl}`,
            );
          }
          if (Date.now() >= deadline) {
            ctx.logger.warn(
              `Workspace ${workspace.name} is still ${
                workspace.status
              } after ${Math.round(
                waitTimeoutMs / 1000,
              )} s; it keeps starting, follow it at ${workspaceUrl}`,
            );
            break;
          }
          await sleep(pollIntervalMs, ctx.signal);
          const response = await call(
            credentials,
            `/workspaces/${encodeURIComponent(created.id)}`,
          );
          if (!response.ok) {
            throw await rdeApiErrorFromResponse(
              response,
              `Reading workspace ${created.name}`,
            );
          }
          const next = (await response.json()) as Workspace;
          if (next.status !== workspace.status) {
            ctx.logger.info(`Workspace ${next.name} is ${next.status}`);
          }
          workspace = next;
        }
      }
      ctx.output('status', workspace.status);
    },
  });
}
