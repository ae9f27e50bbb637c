import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  BLUEPRINT_STATES,
  type AdminBlueprint,
  type BlueprintState,
} from '@rde-portal/plugin-rde-common';
import { useEffect, useMemo, useState } from 'react';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';
import { formatTime } from '../../lib/formatTime';
import { BlueprintStateChip } from '../BlueprintStateChip';
import {
  formChanged,
  formFromBlueprint,
  overrideRequest,
  parseOverrideForm,
  type OverrideFormValues,
} from './overrideForm';

const STATE_HELP: Record<BlueprintState, string> = {
  testing: 'Listed with a badge; only admins and trusted users may launch it.',
  enabled: 'Anyone its access rules admit may launch it.',
  disabled: 'Hidden from users; existing workspaces are untouched.',
};

function listText(values: string[], empty: string): string {
  return values.length === 0 ? empty : values.join(', ');
}

/**
 * Props of {@link BlueprintOverrideEditor}.
 *
 * @public
 */
export interface BlueprintOverrideEditorProps {
  blueprint: AdminBlueprint;
  /** Called with the blueprint as the backend returned it after a save or reset. */
  onSaved(blueprint: AdminBlueprint): void;
}

/**
 * One blueprint for admins: what its YAML says (state, access rules, trusted users), the override
 * stored in the RDE database if any (who, when), and a form to change state, access rules and
 * trusted users (one per line), checked with the backend's own rules before saving. Fields equal
 * to the YAML are saved as "use the YAML"; "Reset to YAML" removes the whole override.
 *
 * Test ids end in the blueprint's name: `rde-admin-bp-<name>` (the card), `-state-`, `-access-`,
 * `-trusted-`, `-save-`, `-reset-`, `-overridden-`, `-source-`, `-error-`.
 *
 * @public
 */
export function BlueprintOverrideEditor(props: BlueprintOverrideEditorProps) {
  const { blueprint, onSaved } = props;
  const rdeApi = useApi(rdeApiRef);
  const { name, namespace } = blueprint;
  const [form, setForm] = useState<OverrideFormValues>(() =>
    formFromBlueprint(blueprint),
  );
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();

  // A saved (or reloaded) blueprint is the new starting point.
  useEffect(() => {
    setForm(formFromBlueprint(blueprint));
  }, [blueprint]);

  const parsed = useMemo(() => parseOverrideForm(form), [form]);
  const valid =
    parsed.accessErrors.length === 0 && parsed.trustedUserErrors.length === 0;
  const changed = formChanged(blueprint, parsed);

  const act = async (call: () => Promise<AdminBlueprint>) => {
    setBusy(true);
    setSaveError(undefined);
    try {
      onSaved(await call());
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const request = overrideRequest(blueprint, parsed);
    act(() =>
      request
        ? rdeApi.setBlueprintOverride({ namespace, name }, request)
        : rdeApi.deleteBlueprintOverride({ namespace, name }),
    );
  };
  const reset = () =>
    act(() => rdeApi.deleteBlueprintOverride({ namespace, name }));

  const { source, override } = blueprint;
  return (
    <Card variant="outlined" data-testid={`rde-admin-bp-${name}`}>
      <CardContent>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Typography variant="h6" component="h3">
            {blueprint.title || name}
          </Typography>
          <BlueprintStateChip state={blueprint.state} />
          {override && (
            <Chip
              size="small"
              variant="outlined"
              color="primary"
              label="Overridden"
              data-testid={`rde-admin-bp-overridden-${name}`}
            />
          )}
          <Box flexGrow={1} />
          <Typography variant="caption" color="textSecondary">
            {blueprint.ref} · cluster {blueprint.cluster}
          </Typography>
        </Box>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid={`rde-admin-bp-source-${name}`}
        >
          YAML: {source.state}; access{' '}
          {listText(source.access, 'any signed-in user')}; trusted{' '}
          {listText(source.trustedUsers, 'nobody')}
        </Typography>
        {override && (
          <Typography variant="caption" color="textSecondary" display="block">
            Override by {override.updatedBy} at {formatTime(override.updatedAt)}
            :{' '}
            {[
              override.state !== undefined && `state ${override.state}`,
              override.access !== undefined &&
                `access ${listText(override.access, 'any signed-in user')}`,
              override.trustedUsers !== undefined &&
                `trusted ${listText(override.trustedUsers, 'nobody')}`,
            ]
              .filter(Boolean)
              .join('; ') || 'nothing'}
          </Typography>
        )}
        <Box mt={2}>
          <Grid container spacing={2}>
            <Grid item xs={12} md={3}>
              <TextField
                select
                label="State"
                value={form.state}
                onChange={event =>
                  setForm({
                    ...form,
                    state: event.target.value as BlueprintState,
                  })
                }
                variant="outlined"
                size="small"
                fullWidth
                SelectProps={{ native: true }}
                helperText={STATE_HELP[form.state]}
                inputProps={{ 'data-testid': `rde-admin-bp-state-${name}` }}
              >
                {BLUEPRINT_STATES.map(state => (
                  <option key={state} value={state}>
                    {state}
                    {state === source.state ? ' (YAML)' : ''}
                  </option>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={12} md={5}>
              <TextField
                label="Access rules"
                value={form.access}
                onChange={event =>
                  setForm({ ...form, access: event.target.value })
                }
                variant="outlined"
                size="small"
                fullWidth
                multiline
                minRows={3}
                placeholder={'corp.example\nsomeone@partner.example'}
                error={parsed.accessErrors.length > 0}
                helperText={
                  parsed.accessErrors.length > 0
                    ? parsed.accessErrors.join(' ')
                    : 'One email address or domain per line (exact domain, no subdomains). Empty: any signed-in user.'
                }
                inputProps={{ 'data-testid': `rde-admin-bp-access-${name}` }}
              />
            </Grid>
            <Grid item xs={12} md={4}>
              <TextField
                label="Trusted users"
                value={form.trustedUsers}
                onChange={event =>
                  setForm({ ...form, trustedUsers: event.target.value })
                }
                variant="outlined"
                size="small"
                fullWidth
                multiline
                minRows={3}
                placeholder="someone@corp.example"
                error={parsed.trustedUserErrors.length > 0}
                helperText={
                  parsed.trustedUserErrors.length > 0
                    ? parsed.trustedUserErrors.join(' ')
                    : 'One email address per line; they may launch it while it is in testing.'
                }
                inputProps={{ 'data-testid': `rde-admin-bp-trusted-${name}` }}
              />
            </Grid>
          </Grid>
        </Box>
        {saveError && (
          <Box mt={2}>
            <Alert severity="error" data-testid={`rde-admin-bp-error-${name}`}>
              {saveError}
            </Alert>
          </Box>
        )}
      </CardContent>
      <CardActions>
        <Button
          color="primary"
          variant="contained"
          disabled={!changed || !valid || busy}
          onClick={save}
          data-testid={`rde-admin-bp-save-${name}`}
        >
          Save
        </Button>
        <Button
          disabled={!changed || busy}
          onClick={() => setForm(formFromBlueprint(blueprint))}
        >
          Discard changes
        </Button>
        <Box flexGrow={1} />
        <Button
          disabled={!override || busy}
          onClick={reset}
          title="Remove the override: state, access rules and trusted users come from the YAML again"
          data-testid={`rde-admin-bp-reset-${name}`}
        >
          Reset to YAML
        </Button>
      </CardActions>
    </Card>
  );
}
