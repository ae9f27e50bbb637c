export { WorkspaceView } from './WorkspaceView';
export type { WorkspaceViewProps } from './WorkspaceView';
