import type {
  Blueprint,
  Cluster,
  CreateWorkspaceRequest,
  TerminalTicket,
  Workspace,
  WorkspaceStatus,
} from '@rde-portal/plugin-rde-common';
import type { RdeApi, TerminalSize } from '../api/RdeApi';

/** A workspace with defaults, for tests. */
export function makeWorkspace(
  overrides: Partial<Workspace> & { name: string },
): Workspace {
  return {
    id: `id-${overrides.name}`,
    owner: 'user:default/guest',
    blueprint: 'shell',
    cluster: 'local',
    status: 'running',
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/** An in-memory RdeApi whose methods are jest mocks, for component tests. */
export class FakeRdeApi implements RdeApi {
  workspaces: Workspace[];
  blueprints: Blueprint[];
  tickets = 0;

  constructor(options?: {
    workspaces?: Workspace[];
    blueprints?: Blueprint[];
  }) {
    this.workspaces = options?.workspaces ?? [];
    this.blueprints = options?.blueprints ?? [
      {
        name: 'shell',
        title: 'Plain shell',
        description: 'A bash shell',
        cluster: 'local',
      },
    ];
  }

  private transition(id: string, status: WorkspaceStatus): Workspace {
    const index = this.workspaces.findIndex(w => w.id === id);
    if (index < 0) {
      throw new Error(`No workspace ${id}`);
    }
    const updated = { ...this.workspaces[index], status };
    this.workspaces[index] = updated;
    return { ...updated };
  }

  listWorkspaces = jest.fn(
    async (): Promise<Workspace[]> => this.workspaces.map(w => ({ ...w })),
  );

  getWorkspace = jest.fn(async (id: string): Promise<Workspace> => {
    const found = this.workspaces.find(w => w.id === id);
    if (!found) {
      throw new Error(`No workspace ${id}`);
    }
    return { ...found };
  });

  createWorkspace = jest.fn(
    async (request: CreateWorkspaceRequest): Promise<Workspace> => {
      const workspace = makeWorkspace({
        name: request.name ?? `ws-${this.workspaces.length + 1}`,
        blueprint: request.blueprint,
        status: 'pending',
      });
      this.workspaces.push(workspace);
      return { ...workspace };
    },
  );

  startWorkspace = jest.fn(async (id: string) =>
    this.transition(id, 'starting'),
  );

  stopWorkspace = jest.fn(async (id: string) =>
    this.transition(id, 'stopping'),
  );

  deleteWorkspace = jest.fn(async (id: string) =>
    this.transition(id, 'deleting'),
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

  listBlueprints = jest.fn(async (): Promise<Blueprint[]> => this.blueprints);

  listClusters = jest.fn(
    async (): Promise<Cluster[]> => [{ name: 'local', online: true }],
  );
}
