export { WorkspaceStatusChip } from './WorkspaceStatusChip';
export type { WorkspaceStatusChipProps } from './WorkspaceStatusChip';
