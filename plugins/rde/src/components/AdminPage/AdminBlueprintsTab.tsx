import { ErrorPanel, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { AdminBlueprint } from '@rde-portal/plugin-rde-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';
import { BlueprintOverrideEditor } from './BlueprintOverrideEditor';

/**
 * Admin → Blueprints: every blueprint in the catalog (`GET /admin/blueprints`, disabled ones and
 * ones whose access rules exclude the admin included), each with its YAML values, its override
 * and a form to change state, access rules and trusted users.
 *
 * @public
 */
export function AdminBlueprintsTab() {
  const rdeApi = useApi(rdeApiRef);
  const loaded = useAsync(() => rdeApi.listAdminBlueprints(), [rdeApi]);
  // Blueprints as the backend returned them after a save, by ref.
  const [saved, setSaved] = useState<Record<string, AdminBlueprint>>({});
  const onSaved = useCallback(
    (blueprint: AdminBlueprint) =>
      setSaved(current => ({ ...current, [blueprint.ref]: blueprint })),
    [],
  );

  if (loaded.loading) {
    return <Progress />;
  }
  if (loaded.error || !loaded.value) {
    return (
      <ErrorPanel
        title={`Could not load the blueprints: ${errorMessage(loaded.error)}`}
        error={loaded.error ?? new Error('unknown error')}
      />
    );
  }
  if (loaded.value.length === 0) {
    return (
      <Alert severity="info">
        The catalog has no blueprint: add a Template entity with spec.type
        rde-blueprint.
      </Alert>
    );
  }
  return (
    <Box data-testid="rde-admin-blueprints">
      <Typography variant="body2" color="textSecondary" paragraph>
        Changes here are stored in the RDE database and win over the blueprint's
        YAML until you reset them.
      </Typography>
      {loaded.value.map(b => (
        <Box key={b.ref} mb={2}>
          <BlueprintOverrideEditor
            blueprint={saved[b.ref] ?? b}
            onSaved={onSaved}
          />
        </Box>
      ))}
    </Box>
  );
}
