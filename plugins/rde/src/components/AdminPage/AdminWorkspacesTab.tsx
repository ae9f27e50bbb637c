import {
  ErrorPanel,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  AdminWorkspaceList,
  Workspace,
} from '@rde-portal/plugin-rde-common';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { rdeApiRef } from '../../api/RdeApi';
import { usePolledValue } from '../../hooks/usePolledValue';
import { shortBlueprintRef } from '../../lib/blueprintRef';
import { errorMessage } from '../../lib/errorMessage';
import { formatTime } from '../../lib/formatTime';
import { workspaceProgressLabel } from '../../lib/workspaceProgress';
import {
  isTransitional,
  TRANSITION_POLL_INTERVAL_MS,
} from '../../lib/workspaceStatus';
import { WorkspaceActions } from '../WorkspaceActions';
import { WorkspaceStatusChip } from '../WorkspaceStatusChip';
import { AdminCounters } from './AdminCounters';
import {
  AdminWorkspaceFilters,
  type AdminWorkspaceFilterValues,
} from './AdminWorkspaceFilters';

/** How long the search box waits for typing to pause before it asks the backend, in ms. */
export const ADMIN_SEARCH_DEBOUNCE_MS = 300;

function anyTransitional(list: AdminWorkspaceList): boolean {
  return list.items.some(w => isTransitional(w.status));
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].filter(Boolean).sort();
}

/**
 * Admin → Workspaces: every user's workspaces (`GET /admin/workspaces`) filtered by status,
 * cluster and blueprint and searched by name or owner, the counters over all of them, and the
 * lifecycle actions on any of them. Refreshes every few seconds while one is changing state.
 *
 * @public
 */
export function AdminWorkspacesTab() {
  const rdeApi = useApi(rdeApiRef);
  const [filters, setFilters] = useState<AdminWorkspaceFilterValues>({
    status: '',
    cluster: '',
    blueprint: '',
    q: '',
  });
  const [q, setQ] = useState('');
  useDebounce(() => setQ(filters.q.trim()), ADMIN_SEARCH_DEBOUNCE_MS, [
    filters.q,
  ]);

  const { status, cluster, blueprint } = filters;
  const load = useCallback(
    () =>
      rdeApi.listAllWorkspaces({
        status: status || undefined,
        cluster: cluster || undefined,
        blueprint: blueprint || undefined,
        q: q || undefined,
      }),
    [rdeApi, status, cluster, blueprint, q],
  );
  const { value, error, loading, setValue, refresh } = usePolledValue(
    load,
    anyTransitional,
    TRANSITION_POLL_INTERVAL_MS,
  );

  // Choices for the selects: what the backend knows, plus what the rows show.
  const clusters = useAsync(() => rdeApi.listClusters(), [rdeApi]);
  const blueprints = useAsync(() => rdeApi.listAdminBlueprints(), [rdeApi]);
  const clusterOptions = uniqueSorted([
    ...(clusters.value ?? []).map(c => c.name),
    ...(value?.items ?? []).map(w => w.cluster),
    cluster,
  ]);
  const blueprintOptions = uniqueSorted([
    ...(blueprints.value ?? []).map(b => b.ref),
    ...(value?.items ?? []).map(w => w.blueprint),
    blueprint,
  ]);

  const onChange = useCallback(
    (updated: Workspace) => {
      setValue(current =>
        current
          ? {
              ...current,
              items: current.items.map(w =>
                w.id === updated.id ? updated : w,
              ),
            }
          : current,
      );
      refresh();
    },
    [setValue, refresh],
  );

  const columns = useMemo<TableColumn<Workspace>[]>(
    () => [
      { title: 'Name', field: 'name', highlight: true },
      {
        title: 'Owner',
        field: 'owner',
        render: w => (
          <>
            <Typography variant="body2">{w.ownerEmail ?? w.owner}</Typography>
            {w.ownerEmail && (
              <Typography variant="caption" color="textSecondary">
                {w.owner}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Blueprint',
        field: 'blueprint',
        render: w => shortBlueprintRef(w.blueprint),
      },
      { title: 'Cluster', field: 'cluster' },
      {
        title: 'Status',
        field: 'status',
        render: w => (
          <>
            <WorkspaceStatusChip
              status={w.status}
              data-testid={`rde-admin-status-${w.name}`}
            />
            {workspaceProgressLabel(w) && (
              <Typography variant="caption" display="block">
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
        title: 'Updated',
        field: 'updatedAt',
        defaultSort: 'desc',
        render: w => formatTime(w.updatedAt),
      },
      {
        title: 'Actions',
        sorting: false,
        render: w => <WorkspaceActions workspace={w} onChange={onChange} />,
      },
    ],
    [onChange],
  );
  const data = useMemo(
    () => (value?.items ?? []).map(w => ({ ...w })),
    [value],
  );

  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return (
      <ErrorPanel
        title={`Could not load the workspaces: ${errorMessage(error)}`}
        error={error ?? new Error('unknown error')}
      />
    );
  }
  return (
    <Box data-testid="rde-admin-workspaces">
      <AdminCounters counts={value.counts} />
      <AdminWorkspaceFilters
        value={filters}
        onChange={setFilters}
        clusters={clusterOptions}
        blueprints={blueprintOptions}
      />
      {error && (
        <Box mb={2}>
          <ErrorPanel
            title={`Could not refresh the workspaces: ${errorMessage(error)}`}
            error={error}
          />
        </Box>
      )}
      <Table<Workspace>
        title={`Workspaces (${value.items.length} of ${value.counts.total})`}
        options={{
          paging: true,
          pageSize: 20,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={data}
        emptyContent={
          <Box p={2} data-testid="rde-admin-workspaces-empty">
            <Typography variant="body2">
              No workspace matches these filters.
            </Typography>
          </Box>
        }
      />
    </Box>
  );
}
