import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  Blueprint,
  CreateWorkspaceRequest,
  Workspace,
} from '@rde-portal/plugin-rde-common';
import { useEffect, useState } from 'react';
import { rdeApiRef } from '../../api/RdeApi';
import { BlueprintSummary } from '../BlueprintSummary';
import { BlueprintPicker } from './BlueprintPicker';
import { launchErrorText } from './launchErrorText';

/** A DNS label, as the backend accepts for workspace names. */
const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A git branch or tag as people type them; the backend validates it for real. */
const REF_PATTERN = /^[^\s~^:?*[\\]+$/;

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
  /**
   * Launch this blueprint (the gallery's or a catalog page's); without it the dialog lists the
   * blueprints the user may launch to choose from.
   */
  blueprint?: Blueprint;
  /**
   * Clone this repository instead of the blueprint's ("open this repository in a workspace" on a
   * component's page); sent as `repository.url`.
   */
  repositoryUrl?: string;
}

/**
 * The launch dialog: choose a blueprint (unless one is given), optionally name the workspace and
 * override the branch of the repository it clones, see what it gets (image, resources, ports,
 * terminal tabs, cluster), and create it. Refusals (the running limit with the quota, the launch
 * rate limit with the wait, a blueprint in testing) are shown inline with the backend's message.
 *
 * @public
 */
export function LaunchWorkspaceDialog(props: LaunchWorkspaceDialogProps) {
  const { open, onClose, onCreated, repositoryUrl } = props;
  const fixed = props.blueprint;
  const rdeApi = useApi(rdeApiRef);
  const [chosen, setChosen] = useState<Blueprint | undefined>();
  const [name, setName] = useState('');
  const [gitRef, setGitRef] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<
    { message: string; hint?: string } | undefined
  >();

  useEffect(() => {
    if (!open) {
      setChosen(undefined);
      setName('');
      setGitRef('');
      setCreateError(undefined);
      setCreating(false);
    }
  }, [open]);

  const selected: Blueprint | undefined = fixed ?? chosen;
  const clones = Boolean(repositoryUrl || selected?.repository);

  const trimmedName = name.trim();
  const nameInvalid = trimmedName !== '' && !NAME_PATTERN.test(trimmedName);
  const trimmedRef = gitRef.trim();
  const refInvalid = trimmedRef !== '' && !REF_PATTERN.test(trimmedRef);
  const canCreate =
    selected !== undefined &&
    selected.launchable &&
    !nameInvalid &&
    !refInvalid &&
    !creating;

  const create = async () => {
    if (!selected) {
      return;
    }
    setCreating(true);
    setCreateError(undefined);
    const request: CreateWorkspaceRequest = { blueprint: selected.ref };
    if (trimmedName) {
      request.name = trimmedName;
    }
    if (repositoryUrl || (clones && trimmedRef)) {
      request.repository = {
        ...(repositoryUrl ? { url: repositoryUrl } : {}),
        ...(clones && trimmedRef ? { ref: trimmedRef } : {}),
      };
    }
    try {
      const workspace = await rdeApi.createWorkspace(request);
      onCreated(workspace);
      onClose();
    } catch (error) {
      setCreateError(launchErrorText(error));
    } finally {
      setCreating(false);
    }
  };

  const refDefault =
    (repositoryUrl ? undefined : selected?.repository?.ref) ??
    "the repository's default branch";

  return (
    <Dialog
      open={open}
      onClose={creating ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="rde-launch-title"
      data-testid="rde-launch-dialog"
    >
      <DialogTitle id="rde-launch-title">
        {fixed ? `Launch ${fixed.title || fixed.name}` : 'New workspace'}
      </DialogTitle>
      <DialogContent>
        {!fixed && open && (
          <BlueprintPicker value={chosen} onChange={setChosen} />
        )}
        {fixed && !fixed.launchable && (
          <Box mb={2}>
            <Alert severity="warning" data-testid="rde-launch-not-launchable">
              {fixed.notLaunchableReason ??
                'You may not launch this blueprint.'}
            </Alert>
          </Box>
        )}
        <Box mt={fixed ? 0 : 2}>
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
                : 'A name is generated when you leave this empty (your user name, the blueprint and a random suffix).'
            }
            inputProps={{ 'data-testid': 'rde-workspace-name' }}
          />
        </Box>
        {selected && clones && (
          <Box mt={2}>
            <TextField
              label="Branch or tag (optional)"
              value={gitRef}
              onChange={event => setGitRef(event.target.value)}
              fullWidth
              variant="outlined"
              size="small"
              error={refInvalid}
              helperText={
                refInvalid
                  ? 'A branch or tag name has no spaces and none of ~ ^ : ? * [ \\'
                  : `Leave empty for ${refDefault}.`
              }
              inputProps={{ 'data-testid': 'rde-workspace-ref' }}
            />
          </Box>
        )}
        {selected && (
          <Box mt={2}>
            <Typography variant="subtitle2" gutterBottom>
              What the workspace gets
            </Typography>
            <BlueprintSummary
              blueprint={selected}
              repository={{ url: repositoryUrl, ref: trimmedRef }}
            />
          </Box>
        )}
        {createError && (
          <Box mt={2}>
            <Alert severity="error" data-testid="rde-launch-error">
              {createError.message}
              {createError.hint && (
                <Typography
                  variant="body2"
                  component="div"
                  data-testid="rde-launch-error-hint"
                >
                  {createError.hint}
                </Typography>
              )}
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
