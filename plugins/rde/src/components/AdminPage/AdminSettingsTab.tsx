import { ErrorPanel, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';

/**
 * Admin → Settings: the per-user limit on running workspaces (`GET`/`PUT /admin/settings`;
 * default from `rde.limits.maxRunningWorkspacesPerUser`).
 *
 * @public
 */
export function AdminSettingsTab() {
  const rdeApi = useApi(rdeApiRef);
  const loaded = useAsync(() => rdeApi.getSettings(), [rdeApi]);
  const [limit, setLimit] = useState('');
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<
    { ok: true } | { ok: false; message: string } | undefined
  >();

  useEffect(() => {
    if (loaded.value) {
      setLimit(String(loaded.value.maxRunningWorkspacesPerUser));
    }
  }, [loaded.value]);

  if (loaded.loading) {
    return <Progress />;
  }
  if (!loaded.value) {
    return (
      <ErrorPanel
        title={`Could not load the settings: ${errorMessage(loaded.error)}`}
        error={loaded.error ?? new Error('unknown error')}
      />
    );
  }

  const valid = /^\d+$/.test(limit.trim());
  const save = async () => {
    setSaving(true);
    setResult(undefined);
    try {
      const stored = await rdeApi.updateSettings({
        maxRunningWorkspacesPerUser: Number(limit.trim()),
      });
      setLimit(String(stored.maxRunningWorkspacesPerUser));
      setResult({ ok: true });
    } catch (error) {
      setResult({ ok: false, message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <InfoCard title="Limits">
      <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
        <TextField
          label="Running workspaces per user"
          value={limit}
          onChange={event => {
            setLimit(event.target.value);
            setResult(undefined);
          }}
          variant="outlined"
          size="small"
          error={!valid}
          helperText={
            valid
              ? 'Workspaces being created, starting, running or stopping count; launches and starts beyond it are refused.'
              : 'A whole number, 0 or more.'
          }
          inputProps={{
            inputMode: 'numeric',
            'data-testid': 'rde-admin-settings-limit',
          }}
        />
        <Button
          color="primary"
          variant="contained"
          disabled={!valid || saving}
          onClick={save}
          data-testid="rde-admin-settings-save"
        >
          Save
        </Button>
      </Box>
      {result && (
        <Box mt={2}>
          <Alert
            severity={result.ok ? 'success' : 'error'}
            data-testid="rde-admin-settings-result"
          >
            {result.ok ? 'Saved.' : result.message}
          </Alert>
        </Box>
      )}
    </InfoCard>
  );
}
