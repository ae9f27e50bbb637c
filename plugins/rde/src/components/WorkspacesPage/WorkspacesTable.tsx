import { Table, type TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { workspaceRouteRef } from '../../routes';
import { WorkspaceActions } from '../WorkspaceActions';
import { WorkspaceStatusChip } from '../WorkspaceStatusChip';

/**
 * Props of {@link WorkspacesTable}.
 *
 * @public
 */
export interface WorkspacesTableProps {
  workspaces: Workspace[];
  /** Called with a workspace as the backend returned it after an action. */
  onChange(workspace: Workspace): void;
}

/** Formats an ISO-8601 time for people; the raw value when it is not a time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * The user's workspaces: name, blueprint, status, creation time and actions.
 *
 * @public
 */
export function WorkspacesTable(props: WorkspacesTableProps) {
  const { workspaces, onChange } = props;
  const workspaceLink = useRouteRef(workspaceRouteRef);

  const columns = useMemo<TableColumn<Workspace>[]>(
    () => [
      {
        title: 'Name',
        field: 'name',
        highlight: true,
        render: w => (
          <Link
            component={RouterLink}
            to={workspaceLink({ id: w.id })}
            data-testid={`rde-workspace-link-${w.name}`}
          >
            {w.name}
          </Link>
        ),
      },
      { title: 'Blueprint', field: 'blueprint' },
      {
        title: 'Status',
        field: 'status',
        render: w => (
          <>
            <WorkspaceStatusChip
              status={w.status}
              data-testid={`rde-status-${w.name}`}
            />
            {w.statusMessage && (
              <Typography variant="caption" display="block" color="error">
                {w.statusMessage}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Created',
        field: 'createdAt',
        defaultSort: 'desc',
        render: w => formatTime(w.createdAt),
      },
      {
        title: 'Actions',
        sorting: false,
        render: w => (
          <WorkspaceActions workspace={w} onChange={onChange} showOpen />
        ),
      },
    ],
    [workspaceLink, onChange],
  );

  // material-table annotates the row objects it is given; hand it copies.
  const data = useMemo(() => workspaces.map(w => ({ ...w })), [workspaces]);

  return (
    <Table<Workspace>
      title="My workspaces"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={data}
    />
  );
}
