import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import type { WorkspaceStatus } from '@rde-portal/plugin-rde-common';
import { isTransitional } from '../../lib/workspaceStatus';

const useStyles = makeStyles(theme => ({
  running: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.success?.contrastText ?? '#fff',
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  transitional: {
    backgroundColor: theme.palette.info?.light ?? '#90caf9',
  },
  stopped: {},
}));

/**
 * Props of {@link WorkspaceStatusChip}.
 *
 * @public
 */
export interface WorkspaceStatusChipProps {
  status: WorkspaceStatus;
  /** Passed to the chip, for tests. */
  'data-testid'?: string;
}

/**
 * A workspace's lifecycle state as a coloured chip; states in transition show a spinner.
 *
 * @public
 */
export function WorkspaceStatusChip(props: WorkspaceStatusChipProps) {
  const { status } = props;
  const classes = useStyles();
  const transitional = isTransitional(status);
  let className = classes.stopped;
  if (status === 'running') {
    className = classes.running;
  } else if (status === 'failed') {
    className = classes.failed;
  } else if (transitional) {
    className = classes.transitional;
  }
  return (
    <Chip
      size="small"
      label={status}
      className={className}
      data-testid={props['data-testid']}
      data-status={status}
      icon={
        transitional ? (
          <CircularProgress size={12} color="inherit" aria-hidden />
        ) : undefined
      }
    />
  );
}
