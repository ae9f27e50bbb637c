/**
 * Catalog backend module for RDE: validates `rde-blueprint` templates and emits workspaces as
 * `Resource` entities (issue 3, DESIGN §6).
 *
 * @packageDocumentation
 */
export { catalogModuleRde as default } from './module';
export {
  catalogModuleRde,
  DEFAULT_RDE_WORKSPACE_SYNC_SCHEDULE,
} from './module';
export {
  RdeBlueprintProcessor,
  isBlueprintTemplate,
} from './processor/RdeBlueprintProcessor';
export {
  RdeWorkspaceEntityProvider,
  type RdeWorkspaceEntityProviderOptions,
} from './provider/RdeWorkspaceEntityProvider';
export {
  fetchWorkspaces,
  type FetchWorkspacesOptions,
} from './provider/fetchWorkspaces';
export {
  RDE_STATUS_LABEL,
  RDE_WORKSPACES_LOCATION,
  workspaceEntityName,
  workspaceEntityRef,
  workspaceToEntity,
  type WorkspaceEntityOptions,
} from './provider/workspaceEntity';
