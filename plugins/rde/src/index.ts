/**
 * The RDE frontend plugin: workspaces, launching them from blueprints, the browser terminal, the
 * admin pages and the catalog entity content and cards. This entry point serves apps on the old
 * frontend system and carries the shared API; apps on the new frontend system install the
 * default export of `@rde-portal/plugin-rde/alpha`.
 *
 * @packageDocumentation
 */
export {
  rdePlugin,
  RdePage,
  EntityRdeWorkspaceContent,
  EntityRdeLaunchWorkspaceCard,
  EntityRdeOpenInWorkspaceCard,
} from './plugin';
export { rootRouteRef, workspaceRouteRef, adminRouteRef } from './routes';
export {
  rdeApiRef,
  RdeClient,
  RdeApiError,
  WorkspaceLimitReachedError,
  TooManyRequestsError,
} from './api';
export type {
  AdminWorkspaceFilter,
  AuditFilter,
  BlueprintName,
  RdeApi,
  RdeApiErrorOptions,
  RdeUser,
  TerminalSize,
} from './api';
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
export { WorkspaceView } from './components/WorkspaceView';
export type { WorkspaceViewProps } from './components/WorkspaceView';
export { errorMessage } from './lib/errorMessage';
export {
  isRdeWorkspaceEntity,
  isRdeBlueprintEntity,
  hasRdeBlueprintAnnotation,
  sourceRepositoryUrl,
} from './lib/entityPredicates';
export { parseBlueprintRef } from './lib/blueprintRef';
