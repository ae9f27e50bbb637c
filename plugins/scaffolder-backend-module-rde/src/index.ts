/**
 * Scaffolder backend module for RDE: the `rde:workspace:create` action (issue 3, DESIGN §6).
 *
 * @packageDocumentation
 */
export { scaffolderModuleRde as default } from './module';
export { scaffolderModuleRde } from './module';
export {
  createRdeWorkspaceCreateAction,
  RDE_WORKSPACE_CREATE_ACTION_ID,
  type RdeWorkspaceCreateActionOptions,
} from './actions/createWorkspaceAction';
export { RdeApiError, rdeApiErrorFromResponse } from './actions/RdeApiError';
