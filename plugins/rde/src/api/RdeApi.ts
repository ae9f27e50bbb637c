import { createApiRef } from '@backstage/core-plugin-api';
import type {
  Blueprint,
  Cluster,
  CreateWorkspaceRequest,
  TerminalTicket,
  Workspace,
} from '@rde-portal/plugin-rde-common';

/**
 * Size of a terminal in character cells.
 *
 * @public
 */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/**
 * Client for the RDE backend's REST API (`/api/rde`).
 *
 * @remarks
 *
 * Failed requests reject with a `ResponseError` from `@backstage/errors`; the backend's own
 * explanation is in its `cause.message` (see `errorMessage` for display).
 *
 * @public
 */
export interface RdeApi {
  /** The signed-in user's workspaces. */
  listWorkspaces(): Promise<Workspace[]>;
  /** One workspace by id. */
  getWorkspace(id: string): Promise<Workspace>;
  /** Launches a workspace from a blueprint; it starts out `pending`. */
  createWorkspace(request: CreateWorkspaceRequest): Promise<Workspace>;
  /** Asks for a stopped or failed workspace to be started. */
  startWorkspace(id: string): Promise<Workspace>;
  /** Asks for a running workspace to be stopped; its files are kept. */
  stopWorkspace(id: string): Promise<Workspace>;
  /** Asks for a workspace and its files to be deleted. */
  deleteWorkspace(id: string): Promise<Workspace>;
  /** Issues a one-time, short-lived ticket for one terminal connection. */
  createTerminalTicket(id: string, size: TerminalSize): Promise<TerminalTicket>;
  /**
   * The WebSocket URL that redeems a ticket. It carries the ticket only, never the
   * Backstage token.
   */
  getTerminalSocketUrl(ticket: TerminalTicket): Promise<string>;
  /** Blueprints the signed-in user may launch. */
  listBlueprints(): Promise<Blueprint[]>;
  /** Clusters and whether their agents are connected. */
  listClusters(): Promise<Cluster[]>;
}

/**
 * The {@link RdeApi} of the app.
 *
 * @public
 */
export const rdeApiRef = createApiRef<RdeApi>({ id: 'plugin.rde.service' });
