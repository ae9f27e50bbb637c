import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import RocketIcon from '@material-ui/icons/FlightTakeoff';
import type { Blueprint } from '@rde-portal/plugin-rde-common';
import { BlueprintStateChip } from '../BlueprintStateChip';

/**
 * Props of {@link BlueprintCard}.
 *
 * @public
 */
export interface BlueprintCardProps {
  blueprint: Blueprint;
  onLaunch(blueprint: Blueprint): void;
  /** Why nothing may be launched now (the running limit), shown and disabling Launch. */
  launchBlockedReason?: string;
}

/**
 * One blueprint in the gallery: title, state badge, description, tags, what a workspace gets and
 * Launch, disabled with the reason when the blueprint is not launchable (testing) or the user's
 * running limit is reached.
 *
 * @public
 */
export function BlueprintCard(props: BlueprintCardProps) {
  const { blueprint, onLaunch, launchBlockedReason } = props;
  const { name } = blueprint;
  const reason = !blueprint.launchable
    ? blueprint.notLaunchableReason ?? 'You may not launch this blueprint.'
    : launchBlockedReason;
  return (
    <Card
      variant="outlined"
      data-testid={`rde-gallery-${name}`}
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
    >
      <CardContent style={{ flexGrow: 1 }}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
          <Typography variant="h6" component="h3">
            {blueprint.title || name}
          </Typography>
          <BlueprintStateChip
            state={blueprint.state}
            hideEnabled
            data-testid={`rde-gallery-badge-${name}`}
          />
        </Box>
        {blueprint.description && (
          <Typography variant="body2" color="textSecondary" paragraph>
            {blueprint.description}
          </Typography>
        )}
        <Typography variant="caption" display="block" color="textSecondary">
          {blueprint.image}
        </Typography>
        <Typography variant="caption" display="block" color="textSecondary">
          {blueprint.resources.cpu} CPU · {blueprint.resources.memory} ·{' '}
          {blueprint.resources.storage} · cluster {blueprint.cluster}
        </Typography>
        {blueprint.tags.length > 0 && (
          <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {blueprint.tags.map(tag => (
              <Chip key={tag} size="small" variant="outlined" label={tag} />
            ))}
          </Box>
        )}
      </CardContent>
      <CardActions style={{ flexDirection: 'column', alignItems: 'stretch' }}>
        {reason && (
          <Typography
            variant="caption"
            color={blueprint.launchable ? 'textSecondary' : 'error'}
            data-testid={`rde-gallery-reason-${name}`}
          >
            {reason}
          </Typography>
        )}
        <Button
          color="primary"
          variant="contained"
          startIcon={<RocketIcon />}
          disabled={reason !== undefined}
          onClick={() => onLaunch(blueprint)}
          data-testid={`rde-gallery-launch-${name}`}
        >
          Launch
        </Button>
      </CardActions>
    </Card>
  );
}
