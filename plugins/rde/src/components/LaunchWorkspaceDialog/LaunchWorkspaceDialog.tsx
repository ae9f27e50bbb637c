import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Blueprint, Workspace } from '@rde-portal/plugin-rde-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';

/** A DNS label, as the backend accepts for workspace names. */
const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Props of {@link LaunchWorkspaceDialog}.
 *
 * @public
 */
export interface LaunchWorkspaceDialogProps {
  open: boolean;
  onClose(): void;
  /** Called with the new workspace once the backend accepted it. */
  onCreated(workspace: Workspace): void;
}

function BlueprintLabel(props: { blueprint: Blueprint }) {
  const { blueprint } = props;
  return (
    <Box py={0.5}>
      <Typography variant="body1">
        {blueprint.title || blueprint.name}
      </Typography>
      {blueprint.description && (
        <Typography variant="body2" color="textSecondary">
          {blueprint.description}
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        {blueprint.name} · cluster {blueprint.cluster}
      </Typography>
    </Box>
  );
}

/**
 * The "New workspace" dialog: pick one of the blueprints the user may launch, optionally name
 * the workspace, and create it.
 *
 * @public
 */
export function LaunchWorkspaceDialog(props: LaunchWorkspaceDialogProps) {
  const { open, onClose, onCreated } = props;
  const rdeApi = useApi(rdeApiRef);
  const [blueprint, setBlueprint] = useState('');
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | undefined>();

  const blueprints = useAsync(
    async () => (open ? rdeApi.listBlueprints() : undefined),
    [rdeApi, open],
  );

  useEffect(() => {
    if (!open) {
      setBlueprint('');
      setName('');
      setCreateError(undefined);
      setCreating(false);
    }
  }, [open]);

  // A single choice is made for the user.
  useEffect(() => {
    if (blueprints.value?.length === 1 && !blueprint) {
      setBlueprint(blueprints.value[0].name);
    }
  }, [blueprints.value, blueprint]);

  const trimmedName = name.trim();
  const nameInvalid = trimmedName !== '' && !NAME_PATTERN.test(trimmedName);
  const canCreate = blueprint !== '' && !nameInvalid && !creating;

  const create = async () => {
    setCreating(true);
    setCreateError(undefined);
    try {
      const workspace = await rdeApi.createWorkspace({
        blueprint,
        ...(trimmedName ? { name: trimmedName } : {}),
      });
      onCreated(workspace);
      onClose();
    } catch (error) {
      setCreateError(errorMessage(error));
    } finally {
      setCreating(false);
    }
  };

  let choices: JSX.Element;
  if (blueprints.loading) {
    choices = (
      <Box display="flex" justifyContent="center" p={2}>
        <CircularProgress aria-label="Loading blueprints" />
      </Box>
    );
  } else if (blueprints.error) {
    choices = (
      <Alert severity="error">
        Could not load blueprints: {errorMessage(blueprints.error)}
      </Alert>
    );
  } else if (!blueprints.value || blueprints.value.length === 0) {
    choices = (
      <Alert severity="info">
        There is no blueprint you may launch. Ask your platform team for access.
      </Alert>
    );
  } else {
    choices = (
      <FormControl component="fieldset" fullWidth>
        <FormLabel component="legend">Blueprint</FormLabel>
        <RadioGroup
          aria-label="Blueprint"
          name="blueprint"
          value={blueprint}
          onChange={event => setBlueprint(event.target.value)}
        >
          {blueprints.value.map(b => (
            <FormControlLabel
              key={b.name}
              value={b.name}
              control={<Radio color="primary" />}
              label={<BlueprintLabel blueprint={b} />}
              data-testid={`rde-blueprint-${b.name}`}
            />
          ))}
        </RadioGroup>
      </FormControl>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={creating ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="rde-launch-title"
      data-testid="rde-launch-dialog"
    >
      <DialogTitle id="rde-launch-title">New workspace</DialogTitle>
      <DialogContent>
        {choices}
        <Box mt={2}>
          <TextField
            label="Name (optional)"
            value={name}
            onChange={event => setName(event.target.value)}
            fullWidth
            variant="outlined"
            size="small"
            error={nameInvalid}
            helperText={
              nameInvalid
                ? 'Lower-case letters, digits and dashes; 1–63 characters; no dash at either end.'
                : 'A name is generated when you leave this empty.'
            }
            inputProps={{ 'data-testid': 'rde-workspace-name' }}
          />
        </Box>
        {createError && (
          <Box mt={2}>
            <Alert severity="error" data-testid="rde-launch-error">
              {createError}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={creating}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={create}
          disabled={!canCreate}
          data-testid="rde-create-workspace"
        >
          {creating ? 'Creating…' : 'Create'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
