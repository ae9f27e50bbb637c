import {
  ErrorPanel,
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useCallback, type ReactNode } from 'react';
import { rdeApiRef } from '../../api/RdeApi';
import { RdeApiError } from '../../api/RdeApiError';
import { usePolledValue } from '../../hooks/usePolledValue';
import { shortBlueprintRef } from '../../lib/blueprintRef';
import { errorMessage } from '../../lib/errorMessage';
import { formatTime } from '../../lib/formatTime';
import { workspaceProgressLabel } from '../../lib/workspaceProgress';
import {
  availableActions,
  isTransitional,
  TRANSITION_POLL_INTERVAL_MS,
} from '../../lib/workspaceStatus';
import { WorkspaceTerminal } from '../Terminal';
import { WorkspaceActions } from '../WorkspaceActions';
import { WorkspaceStatusChip } from '../WorkspaceStatusChip';

function pollWhile(workspace: Workspace): boolean {
  return isTransitional(workspace.status);
}

function TerminalPanel(props: { workspace: Workspace }) {
  const { workspace } = props;
  if (availableActions(workspace).terminal) {
    return (
      <Box height="calc(100vh - 360px)" minHeight={360}>
        <WorkspaceTerminal workspaceId={workspace.id} />
      </Box>
    );
  }
  let text: string;
  if (isTransitional(workspace.status)) {
    text = `The workspace is ${workspace.status}; the terminal opens once it is running.`;
  } else if (workspace.status === 'failed') {
    text = 'The workspace failed. Start it again to open a terminal.';
  } else if (workspace.status === 'deleted') {
    text = 'The workspace was deleted.';
  } else {
    text = 'The workspace is stopped. Start it to open a terminal.';
  }
  return (
    <Alert severity="info" data-testid="rde-terminal-unavailable">
      {text}
    </Alert>
  );
}

/**
 * Props of {@link WorkspaceView}.
 *
 * @public
 */
export interface WorkspaceViewProps {
  /** The workspace to show (its UUID). */
  workspaceId: string;
  /** Drawn first in the header row, e.g. a link back to the list. */
  leading?: ReactNode;
  /**
   * Called once the backend accepted the user's Delete here; without it the view follows the
   * deletion and then says the workspace is gone.
   */
  onDeleted?(): void;
}

/**
 * One workspace: its name, status with the operation in progress ("Restarting…"), the reason of
 * a failure, lifecycle actions, a terminal while it runs, and its details. Refreshes every few
 * seconds while it changes state. Used by the workspace page and by the catalog entity page of
 * a workspace resource.
 *
 * @public
 */
export function WorkspaceView(props: WorkspaceViewProps) {
  const { workspaceId, leading, onDeleted } = props;
  const rdeApi = useApi(rdeApiRef);
  const load = useCallback(
    () => rdeApi.getWorkspace(workspaceId),
    [rdeApi, workspaceId],
  );
  const {
    value: workspace,
    error,
    loading,
    setValue,
  } = usePolledValue(load, pollWhile, TRANSITION_POLL_INTERVAL_MS);
  const onChange = useCallback(
    (updated: Workspace) => {
      if (
        (updated.status === 'deleting' || updated.status === 'deleted') &&
        onDeleted
      ) {
        onDeleted();
        return;
      }
      setValue(() => updated);
    },
    [onDeleted, setValue],
  );

  if (loading) {
    return <Progress />;
  }
  if (!workspace && error instanceof RdeApiError && error.statusCode === 404) {
    return (
      <>
        {leading}
        <Alert severity="warning" data-testid="rde-workspace-not-found">
          Could not load the workspace: {error.message}. It was deleted, or it
          belongs to someone else; only its owner and RDE admins can open it.
        </Alert>
      </>
    );
  }
  if (!workspace) {
    return (
      <>
        {leading}
        <ErrorPanel
          title={`Could not load the workspace: ${errorMessage(error)}`}
          error={error ?? new Error('unknown error')}
        />
      </>
    );
  }

  // A workspace that finished deleting is gone: the backend answers 404 for it.
  const gone =
    workspace.status === 'deleted' ||
    (workspace.status === 'deleting' &&
      error instanceof RdeApiError &&
      error.statusCode === 404);
  const shown: Workspace = gone
    ? { ...workspace, status: 'deleted' }
    : workspace;
  const progress = workspaceProgressLabel(shown);

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        {leading}
        <Typography
          variant="h5"
          component="h2"
          data-testid="rde-workspace-name-heading"
        >
          {shown.name}
        </Typography>
        <WorkspaceStatusChip
          status={shown.status}
          data-testid="rde-workspace-status"
        />
        <Box flexGrow={1} />
        <WorkspaceActions workspace={shown} onChange={onChange} size="medium" />
      </Box>
      {progress && (
        <Box mb={2} data-testid="rde-workspace-progress">
          <Typography variant="body2" gutterBottom>
            {progress}
          </Typography>
          <LinearProgress />
        </Box>
      )}
      {error && !gone && (
        <Box mb={2}>
          <ErrorPanel
            title={`Could not refresh the workspace: ${errorMessage(error)}`}
            error={error}
          />
        </Box>
      )}
      {shown.statusMessage && (
        <Box mb={2}>
          <Alert
            severity={shown.status === 'failed' ? 'error' : 'info'}
            data-testid="rde-workspace-message"
          >
            {shown.statusMessage}
          </Alert>
        </Box>
      )}
      <Grid container spacing={2}>
        {/* The terminal gets the full width; the details sit below it. */}
        <Grid item xs={12}>
          <InfoCard title="Terminal" noPadding={false}>
            <TerminalPanel workspace={shown} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={8} lg={6}>
          <InfoCard title="About">
            <StructuredMetadataTable
              metadata={{
                blueprint: shortBlueprintRef(shown.blueprint),
                cluster: shown.cluster,
                owner: shown.owner,
                ...(shown.ownerEmail ? { email: shown.ownerEmail } : {}),
                ...(shown.operation
                  ? { 'last operation': shown.operation }
                  : {}),
                created: formatTime(shown.createdAt),
                updated: formatTime(shown.updatedAt),
              }}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}
