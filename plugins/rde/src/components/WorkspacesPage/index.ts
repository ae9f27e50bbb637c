export { WorkspacesPage } from './WorkspacesPage';
export { WorkspacesTable } from './WorkspacesTable';
export type { WorkspacesTableProps } from './WorkspacesTable';
