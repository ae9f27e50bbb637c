import { InfoCard, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef, type BlueprintName } from '../../api/RdeApi';
import { RdeApiError } from '../../api/RdeApiError';
import { useWorkspaceLink } from '../../hooks/useWorkspaceLink';
import { errorMessage } from '../../lib/errorMessage';
import { BlueprintStateChip } from '../BlueprintStateChip';
import { BlueprintSummary } from '../BlueprintSummary';
import { LaunchWorkspaceDialog } from '../LaunchWorkspaceDialog';
import { quotaReachedReason } from '../QuotaStatus';

/**
 * Props of {@link BlueprintLaunchCard}.
 *
 * @internal
 */
export interface BlueprintLaunchCardProps {
  title: string;
  /** The blueprint to launch. */
  blueprint: BlueprintName;
  /** Clone this repository instead of the blueprint's. */
  repositoryUrl?: string;
  /** A sentence above the summary. */
  intro?: string;
  buttonLabel: string;
  buttonTestId: string;
}

/**
 * A catalog card that launches one blueprint: its summary, state badge and a launch button that
 * opens the launch dialog for it, then goes to the new workspace's page (when the app mounts the
 * RDE pages). The button is disabled with the reason when the blueprint is not launchable or the
 * user's running limit is reached; a blueprint the user may not see says so.
 *
 * @internal
 */
export function BlueprintLaunchCard(props: BlueprintLaunchCardProps) {
  const { blueprint: name, repositoryUrl } = props;
  const rdeApi = useApi(rdeApiRef);
  const alertApi = useApi(alertApiRef);
  const navigate = useNavigate();
  const workspaceLink = useWorkspaceLink();
  const [open, setOpen] = useState(false);
  const loaded = useAsync(async () => {
    const [blueprint, quota] = await Promise.all([
      rdeApi.getBlueprint(name),
      rdeApi.getQuota().catch(() => undefined),
    ]);
    return { blueprint, quota };
  }, [rdeApi, name.namespace, name.name]);

  const onCreated = (workspace: Workspace) => {
    if (workspaceLink) {
      navigate(workspaceLink(workspace.id));
    } else {
      alertApi.post({
        message: `Workspace ${workspace.name} is being created.`,
        severity: 'success',
      });
    }
  };

  let body: JSX.Element;
  if (loaded.loading) {
    body = <Progress />;
  } else if (!loaded.value) {
    const error = loaded.error;
    body =
      error instanceof RdeApiError && error.statusCode === 404 ? (
        <Alert severity="info" data-testid="rde-entity-blueprint-unavailable">
          You may not launch blueprint {name.namespace}/{name.name}: it does not
          exist, is disabled, or its access rules do not include you.
        </Alert>
      ) : (
        <Alert severity="error">
          Could not load blueprint {name.namespace}/{name.name}:{' '}
          {errorMessage(error)}
        </Alert>
      );
  } else {
    const { blueprint, quota } = loaded.value;
    const reason = !blueprint.launchable
      ? blueprint.notLaunchableReason ?? 'You may not launch this blueprint.'
      : quotaReachedReason(quota);
    body = (
      <>
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
          <Typography variant="subtitle1">
            {blueprint.title || blueprint.name}
          </Typography>
          <BlueprintStateChip state={blueprint.state} hideEnabled />
        </Box>
        {props.intro && (
          <Typography variant="body2" paragraph>
            {props.intro}
          </Typography>
        )}
        <BlueprintSummary
          blueprint={blueprint}
          repository={repositoryUrl ? { url: repositoryUrl } : undefined}
        />
        {reason && (
          <Box mt={2}>
            <Alert severity="warning" data-testid="rde-entity-launch-reason">
              {reason}
            </Alert>
          </Box>
        )}
        <Box mt={2}>
          <Button
            color="primary"
            variant="contained"
            disabled={reason !== undefined}
            onClick={() => setOpen(true)}
            data-testid={props.buttonTestId}
          >
            {props.buttonLabel}
          </Button>
        </Box>
        <LaunchWorkspaceDialog
          open={open}
          blueprint={blueprint}
          repositoryUrl={repositoryUrl}
          onClose={() => setOpen(false)}
          onCreated={onCreated}
        />
      </>
    );
  }

  return <InfoCard title={props.title}>{body}</InfoCard>;
}
