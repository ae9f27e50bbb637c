import {
  Content,
  ErrorPanel,
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import Alert from '@material-ui/lab/Alert';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useCallback } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { rdeApiRef } from '../../api/RdeApi';
import { usePolledValue } from '../../hooks/usePolledValue';
import { errorMessage } from '../../lib/errorMessage';
import {
  availableActions,
  isTransitional,
  TRANSITION_POLL_INTERVAL_MS,
} from '../../lib/workspaceStatus';
import { rootRouteRef } from '../../routes';
import { WorkspaceTerminal } from '../Terminal';
import { WorkspaceActions } from '../WorkspaceActions';
import { WorkspaceStatusChip } from '../WorkspaceStatusChip';
import { formatTime } from '../WorkspacesPage/WorkspacesTable';

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
 * One workspace: its status, lifecycle actions and a terminal while it runs. Reads the
 * workspace id from the `:id` route parameter.
 *
 * @public
 */
export function WorkspacePage() {
  const { id = '' } = useParams();
  const rdeApi = useApi(rdeApiRef);
  const rootLink = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const load = useCallback(() => rdeApi.getWorkspace(id), [rdeApi, id]);
  const {
    value: workspace,
    error,
    loading,
    setValue,
  } = usePolledValue(load, pollWhile, TRANSITION_POLL_INTERVAL_MS);
  const onChange = useCallback(
    (updated: Workspace) => {
      if (updated.status === 'deleted') {
        navigate(rootLink());
        return;
      }
      setValue(() => updated);
    },
    [navigate, rootLink, setValue],
  );

  const back = (
    <Button
      component={RouterLink}
      to={rootLink()}
      startIcon={<ArrowBackIcon />}
      size="small"
    >
      All workspaces
    </Button>
  );

  if (loading) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (!workspace) {
    return (
      <Content>
        {back}
        <ErrorPanel
          title={`Could not load the workspace: ${errorMessage(error)}`}
          error={error ?? new Error('unknown error')}
        />
      </Content>
    );
  }

  return (
    <Content>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        {back}
        <Typography
          variant="h5"
          component="h2"
          data-testid="rde-workspace-name-heading"
        >
          {workspace.name}
        </Typography>
        <WorkspaceStatusChip
          status={workspace.status}
          data-testid="rde-workspace-status"
        />
        <Box flexGrow={1} />
        <WorkspaceActions
          workspace={workspace}
          onChange={onChange}
          size="medium"
        />
      </Box>
      {error && (
        <Box mb={2}>
          <ErrorPanel
            title={`Could not refresh the workspace: ${errorMessage(error)}`}
            error={error}
          />
        </Box>
      )}
      {workspace.statusMessage && (
        <Box mb={2}>
          <Alert severity={workspace.status === 'failed' ? 'error' : 'info'}>
            {workspace.statusMessage}
          </Alert>
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} lg={9}>
          <InfoCard title="Terminal" noPadding={false}>
            <TerminalPanel workspace={workspace} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={3}>
          <InfoCard title="About">
            <StructuredMetadataTable
              metadata={{
                blueprint: workspace.blueprint,
                cluster: workspace.cluster,
                owner: workspace.owner,
                created: formatTime(workspace.createdAt),
                updated: formatTime(workspace.updatedAt),
              }}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
