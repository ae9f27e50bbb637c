import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Blueprint } from '@rde-portal/plugin-rde-common';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';
import { BlueprintStateChip } from '../BlueprintStateChip';

function BlueprintLabel(props: { blueprint: Blueprint }) {
  const { blueprint } = props;
  return (
    <Box py={0.5}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body1">
          {blueprint.title || blueprint.name}
        </Typography>
        <BlueprintStateChip state={blueprint.state} hideEnabled />
      </Box>
      {blueprint.description && (
        <Typography variant="body2" color="textSecondary">
          {blueprint.description}
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary" display="block">
        {blueprint.name} · cluster {blueprint.cluster}
      </Typography>
      {!blueprint.launchable && blueprint.notLaunchableReason && (
        <Typography variant="caption" color="error" display="block">
          {blueprint.notLaunchableReason}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The blueprints the user may see as radio choices (`rde-blueprint-<name>`); ones they may not
 * launch (testing) are shown with their badge and reason, and cannot be chosen. Chooses the only
 * launchable one by itself.
 *
 * @internal
 */
export function BlueprintPicker(props: {
  value?: Blueprint;
  onChange(blueprint: Blueprint): void;
}) {
  const { value, onChange } = props;
  const rdeApi = useApi(rdeApiRef);
  const blueprints = useAsync(() => rdeApi.listBlueprints(), [rdeApi]);

  const launchable = blueprints.value?.filter(b => b.launchable) ?? [];
  const onlyChoice = launchable.length === 1 ? launchable[0] : undefined;
  useEffect(() => {
    if (onlyChoice && !value) {
      onChange(onlyChoice);
    }
  }, [onlyChoice, value, onChange]);

  if (blueprints.loading) {
    return (
      <Box display="flex" justifyContent="center" p={2}>
        <CircularProgress aria-label="Loading blueprints" />
      </Box>
    );
  }
  if (blueprints.error) {
    return (
      <Alert severity="error">
        Could not load blueprints: {errorMessage(blueprints.error)}
      </Alert>
    );
  }
  if (!blueprints.value || blueprints.value.length === 0) {
    return (
      <Alert severity="info">
        There is no blueprint you may launch. Ask your platform team for access.
      </Alert>
    );
  }
  const list = blueprints.value;
  return (
    <FormControl component="fieldset" fullWidth>
      <FormLabel component="legend">Blueprint</FormLabel>
      <RadioGroup
        aria-label="Blueprint"
        name="blueprint"
        value={value?.ref ?? ''}
        onChange={event => {
          const chosen = list.find(b => b.ref === event.target.value);
          if (chosen) {
            onChange(chosen);
          }
        }}
      >
        {list.map(b => (
          <FormControlLabel
            key={b.ref}
            value={b.ref}
            disabled={!b.launchable}
            control={<Radio color="primary" />}
            label={<BlueprintLabel blueprint={b} />}
            data-testid={`rde-blueprint-${b.name}`}
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
