export { WorkspaceActions } from './WorkspaceActions';
export type { WorkspaceActionsProps } from './WorkspaceActions';
