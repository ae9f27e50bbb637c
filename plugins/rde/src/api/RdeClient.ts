import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Blueprint,
  Cluster,
  CreateWorkspaceRequest,
  TerminalTicket,
  Workspace,
} from '@rde-portal/plugin-rde-common';
import type { RdeApi, TerminalSize } from './RdeApi';

/** A list response of the RDE API: `{ items: [...] }`. */
type ListBody<T> = { items: T[] };

function listItems<T>(body: ListBody<T>): T[] {
  return body.items;
}

/**
 * {@link RdeApi} over HTTP: finds the backend through the discovery API and sends every
 * request through the fetch API, which attaches the user's Backstage token.
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
    return this.request('GET', `/workspaces/${encodeURIComponent(id)}`);
  }

  async createWorkspace(request: CreateWorkspaceRequest): Promise<Workspace> {
    const body: CreateWorkspaceRequest = { blueprint: request.blueprint };
    if (request.name) {
      body.name = request.name;
    }
    return this.request('POST', '/workspaces', body);
  }

  async startWorkspace(id: string): Promise<Workspace> {
    return this.request('POST', `/workspaces/${encodeURIComponent(id)}/start`);
  }

  async stopWorkspace(id: string): Promise<Workspace> {
    return this.request('POST', `/workspaces/${encodeURIComponent(id)}/stop`);
  }

  async deleteWorkspace(id: string): Promise<Workspace> {
    return this.request('DELETE', `/workspaces/${encodeURIComponent(id)}`);
  }

  async createTerminalTicket(
    id: string,
    size: TerminalSize,
  ): Promise<TerminalTicket> {
    return this.request(
      'POST',
      `/workspaces/${encodeURIComponent(id)}/tickets`,
      { cols: size.cols, rows: size.rows },
    );
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

  async listClusters(): Promise<Cluster[]> {
    return listItems(await this.request<ListBody<Cluster>>('GET', '/clusters'));
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
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
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
