import { Table, type TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { formatTime } from '../../lib/formatTime';
import { shortBlueprintRef } from '../../lib/blueprintRef';
import { workspaceProgressLabel } from '../../lib/workspaceProgress';
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

/**
 * The user's workspaces: name, blueprint, status (with the operation in flight, or why it
 * failed), creation time and actions.
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
      {
        title: 'Blueprint',
        field: 'blueprint',
        render: w => shortBlueprintRef(w.blueprint),
      },
      {
        title: 'Status',
        field: 'status',
        render: w => (
          <>
            <WorkspaceStatusChip
              status={w.status}
              data-testid={`rde-status-${w.name}`}
            />
            {workspaceProgressLabel(w) && (
              <Typography
                variant="caption"
                display="block"
                data-testid={`rde-progress-${w.name}`}
              >
                {workspaceProgressLabel(w)}
              </Typography>
            )}
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
