import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { AdminWorkspaceList } from '@rde-portal/plugin-rde-common';

const COUNTERS: Array<{
  key: keyof AdminWorkspaceList['counts'];
  label: string;
}> = [
  { key: 'running', label: 'Running' },
  { key: 'stopped', label: 'Stopped' },
  { key: 'failed', label: 'Failed' },
  { key: 'total', label: 'Workspaces' },
  { key: 'blueprints', label: 'Blueprints' },
];

/**
 * The admin counters over every workspace (not the filtered ones): running, stopped, failed,
 * all, and the blueprints known to the catalog. Each number carries `rde-admin-count-<key>`.
 *
 * @public
 */
export function AdminCounters(props: { counts: AdminWorkspaceList['counts'] }) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      {COUNTERS.map(({ key, label }) => (
        <Paper key={key} variant="outlined" style={{ minWidth: 120 }}>
          <Box p={2}>
            <Typography
              variant="h4"
              component="div"
              data-testid={`rde-admin-count-${key}`}
            >
              {props.counts[key]}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {label}
            </Typography>
          </Box>
        </Paper>
      ))}
    </Box>
  );
}
