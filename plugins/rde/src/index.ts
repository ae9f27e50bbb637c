/**
 * The RDE frontend plugin: workspaces, launching them from blueprints, and the browser
 * terminal. This entry point serves apps on the old frontend system and carries the shared
 * API; apps on the new frontend system install the default export of
 * `@rde-portal/plugin-rde/alpha`.
 *
 * @packageDocumentation
 */
export { rdePlugin, RdePage } from './plugin';
export { rootRouteRef, workspaceRouteRef } from './routes';
export { rdeApiRef, RdeClient } from './api';
export type { RdeApi, TerminalSize } from './api';
export { TerminalConnection, WorkspaceTerminal } from './components/Terminal';
export type {
  TerminalConnectionOptions,
  TerminalConnectionStatus,
  WorkspaceTerminalProps,
} from './components/Terminal';
export { WorkspaceStatusChip } from './components/WorkspaceStatusChip';
export type { WorkspaceStatusChipProps } from './components/WorkspaceStatusChip';
export { LaunchWorkspaceDialog } from './components/LaunchWorkspaceDialog';
export type { LaunchWorkspaceDialogProps } from './components/LaunchWorkspaceDialog';
export { errorMessage } from './lib/errorMessage';
