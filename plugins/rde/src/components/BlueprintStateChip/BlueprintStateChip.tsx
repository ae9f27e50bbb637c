import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { BlueprintState } from '@rde-portal/plugin-rde-common';

const useStyles = makeStyles(theme => ({
  testing: {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: theme.palette.warning?.contrastText ?? '#fff',
  },
  disabled: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.common.white,
  },
  enabled: {},
}));

const LABELS: Record<BlueprintState, string> = {
  testing: 'Testing',
  enabled: 'Enabled',
  disabled: 'Disabled',
};

/**
 * Props of {@link BlueprintStateChip}.
 *
 * @public
 */
export interface BlueprintStateChipProps {
  state: BlueprintState;
  /** Draw nothing for `enabled` (the gallery badges only the exceptions). */
  hideEnabled?: boolean;
  'data-testid'?: string;
}

/**
 * A blueprint's state (issue 3) as a badge: "Testing" (launchable by admins and trusted users
 * only), "Disabled" (hidden from users), "Enabled".
 *
 * @public
 */
export function BlueprintStateChip(props: BlueprintStateChipProps) {
  const classes = useStyles();
  if (props.hideEnabled && props.state === 'enabled') {
    return null;
  }
  return (
    <Chip
      size="small"
      label={LABELS[props.state] ?? props.state}
      className={classes[props.state] ?? classes.enabled}
      data-testid={props['data-testid']}
      data-state={props.state}
    />
  );
}
