import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import {
  WORKSPACE_STATUSES,
  type WorkspaceStatus,
} from '@rde-portal/plugin-rde-common';
import { shortBlueprintRef } from '../../lib/blueprintRef';

/**
 * The admin workspace filters as the user set them; `''` means "any".
 *
 * @public
 */
export interface AdminWorkspaceFilterValues {
  status: WorkspaceStatus | '';
  cluster: string;
  blueprint: string;
  /** Free text matched against name, owner and owner email. */
  q: string;
}

function Select(props: {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  testId: string;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      variant="outlined"
      size="small"
      style={{ minWidth: 160 }}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      inputProps={{ 'data-testid': props.testId }}
    >
      <option value="">Any</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Status, cluster and blueprint selects and a search box for the admin workspace table.
 *
 * @public
 */
export function AdminWorkspaceFilters(props: {
  value: AdminWorkspaceFilterValues;
  onChange(value: AdminWorkspaceFilterValues): void;
  clusters: string[];
  /** Blueprint entity refs. */
  blueprints: string[];
}) {
  const { value, onChange } = props;
  const set = (patch: Partial<AdminWorkspaceFilterValues>) =>
    onChange({ ...value, ...patch });
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <TextField
        label="Search name or owner"
        placeholder="name, user or email"
        value={value.q}
        onChange={event => set({ q: event.target.value })}
        variant="outlined"
        size="small"
        style={{ minWidth: 240 }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'data-testid': 'rde-admin-search' }}
      />
      <Select
        label="Status"
        value={value.status}
        options={WORKSPACE_STATUSES.filter(s => s !== 'deleted').map(s => ({
          value: s,
          label: s,
        }))}
        onChange={status => set({ status: status as WorkspaceStatus | '' })}
        testId="rde-admin-filter-status"
      />
      <Select
        label="Cluster"
        value={value.cluster}
        options={props.clusters.map(c => ({ value: c, label: c }))}
        onChange={cluster => set({ cluster })}
        testId="rde-admin-filter-cluster"
      />
      <Select
        label="Blueprint"
        value={value.blueprint}
        options={props.blueprints.map(b => ({
          value: b,
          label: shortBlueprintRef(b),
        }))}
        onChange={blueprint => set({ blueprint })}
        testId="rde-admin-filter-blueprint"
      />
    </Box>
  );
}
