import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  AdminBlueprint,
  AdminWorkspaceList,
  AuditRecord,
  Blueprint,
  BlueprintOverrideRequest,
  Cluster,
  CreateWorkspaceRequest,
  RdeSettings,
  TerminalTicket,
  Workspace,
  WorkspaceQuota,
} from '@rde-portal/plugin-rde-common';
import type {
  AdminWorkspaceFilter,
  AuditFilter,
  BlueprintName,
  RdeApi,
  RdeUser,
  TerminalSize,
} from './RdeApi';
import { readRdeApiError } from './RdeApiError';

/** A list response of the RDE API: `{ items: [...] }`. */
type ListBody<T> = { items: T[] };

function listItems<T>(body: ListBody<T>): T[] {
  return body.items;
}

/** `?a=1&b=2` of the fields that are set and not empty; `''` when none is. */
function queryString(params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function workspacePath(id: string, action?: string): string {
  const base = `/workspaces/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

function blueprintPath(blueprint: BlueprintName): string {
  return `${encodeURIComponent(blueprint.namespace)}/${encodeURIComponent(
    blueprint.name,
  )}`;
}

/**
 * {@link RdeApi} over HTTP: finds the backend through the discovery API and sends every
 * request through the fetch API, which attaches the user's Backstage token. Failed requests
 * reject with an {@link RdeApiError} (or its subclasses) carrying the backend's message.
 *
 * @public
 */
export class RdeClient implements RdeApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listWorkspaces(): Promise<Workspace[]> {
    return listItems(
      await this.request<ListBody<Workspace>>('GET', '/workspaces'),
    );
  }

  async getWorkspace(id: string): Promise<Workspace> {
    return this.request('GET', workspacePath(id));
  }

  async createWorkspace(request: CreateWorkspaceRequest): Promise<Workspace> {
    const body: CreateWorkspaceRequest = { blueprint: request.blueprint };
    if (request.name) {
      body.name = request.name;
    }
    const url = request.repository?.url?.trim();
    const ref = request.repository?.ref?.trim();
    if (url || ref) {
      body.repository = {
        ...(url ? { url } : {}),
        ...(ref ? { ref } : {}),
      };
    }
    return this.request('POST', '/workspaces', body);
  }

  async startWorkspace(id: string): Promise<Workspace> {
    return this.request('POST', workspacePath(id, 'start'));
  }

  async stopWorkspace(id: string): Promise<Workspace> {
    return this.request('POST', workspacePath(id, 'stop'));
  }

  async restartWorkspace(id: string): Promise<Workspace> {
    return this.request('POST', workspacePath(id, 'restart'));
  }

  async upgradeWorkspace(id: string): Promise<Workspace> {
    return this.request('POST', workspacePath(id, 'upgrade'));
  }

  async deleteWorkspace(id: string): Promise<Workspace> {
    return this.request('DELETE', workspacePath(id));
  }

  async createTerminalTicket(
    id: string,
    size: TerminalSize,
  ): Promise<TerminalTicket> {
    return this.request('POST', workspacePath(id, 'tickets'), {
      cols: size.cols,
      rows: size.rows,
    });
  }

  async getTerminalSocketUrl(ticket: TerminalTicket): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('rde');
    // The base URL may be relative to the page when the backend shares the app's origin.
    const base =
      typeof window !== 'undefined' && window.location
        ? new URL(baseUrl, window.location.href)
        : new URL(baseUrl);
    const url = new URL(`${base.href.replace(/\/+$/, '')}${ticket.path}`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket.ticket);
    return url.toString();
  }

  async listBlueprints(): Promise<Blueprint[]> {
    return listItems(
      await this.request<ListBody<Blueprint>>('GET', '/blueprints'),
    );
  }

  async getBlueprint(blueprint: BlueprintName): Promise<Blueprint> {
    return this.request('GET', `/blueprints/${blueprintPath(blueprint)}`);
  }

  async listClusters(): Promise<Cluster[]> {
    return listItems(await this.request<ListBody<Cluster>>('GET', '/clusters'));
  }

  async getQuota(): Promise<WorkspaceQuota> {
    return this.request('GET', '/quota');
  }

  async getCurrentUser(): Promise<RdeUser> {
    return this.request('GET', '/me');
  }

  async listAllWorkspaces(
    filter: AdminWorkspaceFilter = {},
  ): Promise<AdminWorkspaceList> {
    return this.request(
      'GET',
      `/admin/workspaces${queryString({
        status: filter.status,
        cluster: filter.cluster,
        blueprint: filter.blueprint,
        q: filter.q?.trim(),
      })}`,
    );
  }

  async listAdminBlueprints(): Promise<AdminBlueprint[]> {
    return listItems(
      await this.request<ListBody<AdminBlueprint>>('GET', '/admin/blueprints'),
    );
  }

  async setBlueprintOverride(
    blueprint: BlueprintName,
    override: BlueprintOverrideRequest,
  ): Promise<AdminBlueprint> {
    return this.request(
      'PUT',
      `/admin/blueprints/${blueprintPath(blueprint)}/override`,
      override,
    );
  }

  async deleteBlueprintOverride(
    blueprint: BlueprintName,
  ): Promise<AdminBlueprint> {
    return this.request(
      'DELETE',
      `/admin/blueprints/${blueprintPath(blueprint)}/override`,
    );
  }

  async listAuditRecords(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    return listItems(
      await this.request<ListBody<AuditRecord>>(
        'GET',
        `/admin/audit${queryString({
          workspaceId: filter.workspaceId,
          actor: filter.actor,
          action: filter.action,
          limit: filter.limit,
        })}`,
      ),
    );
  }

  async getSettings(): Promise<RdeSettings> {
    return this.request('GET', '/admin/settings');
  }

  async updateSettings(settings: RdeSettings): Promise<RdeSettings> {
    return this.request('PUT', '/admin/settings', settings);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('rde');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await readRdeApiError(response);
    }
    return (await response.json()) as T;
  }
}
