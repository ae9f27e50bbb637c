export { LaunchWorkspaceDialog } from './LaunchWorkspaceDialog';
export type { LaunchWorkspaceDialogProps } from './LaunchWorkspaceDialog';
