import {
  ErrorPanel,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { AuditRecord } from '@rde-portal/plugin-rde-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { rdeApiRef } from '../../api/RdeApi';
import { shortBlueprintRef } from '../../lib/blueprintRef';
import { errorMessage } from '../../lib/errorMessage';
import { formatTime } from '../../lib/formatTime';
import { ADMIN_SEARCH_DEBOUNCE_MS } from './AdminWorkspacesTab';

/** Most audit rows the tab asks for. */
export const AUDIT_ROW_LIMIT = 200;

const OUTCOME_COLORS: Record<string, 'default' | 'primary' | 'secondary'> = {
  initiated: 'default',
  succeeded: 'primary',
  failed: 'secondary',
};

/**
 * Admin → Audit: the newest audit rows (`GET /admin/audit`): time, who (email or ref), action,
 * workspace, blueprint, outcome and message; filterable by actor ref, action and workspace id.
 *
 * @public
 */
export function AdminAuditTab() {
  const rdeApi = useApi(rdeApiRef);
  const [form, setForm] = useState({ actor: '', action: '', workspaceId: '' });
  const [filter, setFilter] = useState(form);
  useDebounce(() => setFilter(form), ADMIN_SEARCH_DEBOUNCE_MS, [form]);
  const rows = useAsync(
    () =>
      rdeApi.listAuditRecords({
        actor: filter.actor.trim() || undefined,
        action: filter.action.trim() || undefined,
        workspaceId: filter.workspaceId.trim() || undefined,
        limit: AUDIT_ROW_LIMIT,
      }),
    [rdeApi, filter],
  );

  const columns = useMemo<TableColumn<AuditRecord>[]>(
    () => [
      {
        title: 'Time',
        field: 'time',
        render: r => formatTime(r.time),
      },
      {
        title: 'Actor',
        field: 'actorRef',
        render: r => (
          <>
            <Typography variant="body2">
              {r.actorEmail ?? r.actorRef}
            </Typography>
            {r.actorEmail && (
              <Typography variant="caption" color="textSecondary">
                {r.actorRef}
              </Typography>
            )}
          </>
        ),
      },
      { title: 'Action', field: 'action' },
      {
        title: 'Workspace',
        field: 'workspaceName',
        render: r => r.workspaceName ?? r.workspaceId ?? '',
      },
      {
        title: 'Blueprint',
        field: 'blueprint',
        render: r => (r.blueprint ? shortBlueprintRef(r.blueprint) : ''),
      },
      {
        title: 'Outcome',
        field: 'outcome',
        render: r => (
          <Chip
            size="small"
            label={r.outcome}
            color={OUTCOME_COLORS[r.outcome] ?? 'default'}
            data-testid={`rde-admin-audit-outcome-${r.id}`}
          />
        ),
      },
      { title: 'Message', field: 'message' },
    ],
    [],
  );
  const data = useMemo(
    () => (rows.value ?? []).map(r => ({ ...r })),
    [rows.value],
  );

  const field = (
    key: keyof typeof form,
    label: string,
    placeholder: string,
  ) => (
    <TextField
      label={label}
      placeholder={placeholder}
      value={form[key]}
      onChange={event => setForm({ ...form, [key]: event.target.value })}
      variant="outlined"
      size="small"
      InputLabelProps={{ shrink: true }}
      inputProps={{ 'data-testid': `rde-admin-audit-${key}` }}
    />
  );

  let body: JSX.Element;
  if (rows.loading && !rows.value) {
    body = <Progress />;
  } else if (rows.error) {
    body = (
      <ErrorPanel
        title={`Could not load the audit: ${errorMessage(rows.error)}`}
        error={rows.error}
      />
    );
  } else {
    body = (
      <Table<AuditRecord>
        title={`Audit (newest ${AUDIT_ROW_LIMIT})`}
        options={{
          paging: true,
          pageSize: 20,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={data}
      />
    );
  }

  return (
    <Box data-testid="rde-admin-audit">
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        {field('actor', 'Actor', 'user:default/someone')}
        {field('action', 'Action', 'workspace-create')}
        {field('workspaceId', 'Workspace id', '')}
      </Box>
      {body}
    </Box>
  );
}
