import {
  Content,
  EmptyState,
  ErrorPanel,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import SettingsIcon from '@material-ui/icons/Settings';
import Alert from '@material-ui/lab/Alert';
import type {
  Blueprint,
  Workspace,
  WorkspaceQuota,
} from '@rde-portal/plugin-rde-common';
import { useCallback, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { rdeApiRef } from '../../api/RdeApi';
import { usePolledValue } from '../../hooks/usePolledValue';
import { useRdeUser } from '../../hooks/useRdeUser';
import { errorMessage } from '../../lib/errorMessage';
import {
  isTransitional,
  TRANSITION_POLL_INTERVAL_MS,
} from '../../lib/workspaceStatus';
import { adminRouteRef } from '../../routes';
import { BlueprintGallery } from '../BlueprintGallery';
import { LaunchWorkspaceDialog } from '../LaunchWorkspaceDialog';
import { QuotaStatus, quotaReachedReason } from '../QuotaStatus';
import { WorkspacesTable } from './WorkspacesTable';

interface MyWorkspaces {
  workspaces: Workspace[];
  /** Absent when the backend could not say; the limit is then enforced on launch only. */
  quota?: WorkspaceQuota;
}

function anyTransitional(value: MyWorkspaces): boolean {
  return value.workspaces.some(w => isTransitional(w.status));
}

/** Replaces a workspace in the list (or adds it first), dropping deleted ones. */
function upsert(list: Workspace[], workspace: Workspace): Workspace[] {
  const rest = list.filter(w => w.id !== workspace.id);
  return workspace.status === 'deleted' ? rest : [workspace, ...rest];
}

/**
 * "My workspaces": the user's workspaces with status and quick actions, their standing against
 * the running limit ("2 of 3 running", and what to do once it is reached), and the gallery of
 * blueprints they may launch. Refreshes every few seconds while a workspace is changing state.
 * RDE admins also get a link to the admin pages.
 *
 * @public
 */
export function WorkspacesPage() {
  const rdeApi = useApi(rdeApiRef);
  const adminLink = useRouteRef(adminRouteRef);
  const user = useRdeUser();
  // Without a blueprint the dialog offers the choice; the blueprint outlives `open` so the
  // dialog keeps its content while it fades out.
  const [launch, setLaunch] = useState<{
    open: boolean;
    blueprint?: Blueprint;
  }>({ open: false });
  const load = useCallback(async (): Promise<MyWorkspaces> => {
    const [workspaces, quota] = await Promise.all([
      rdeApi.listWorkspaces(),
      rdeApi.getQuota().catch(() => undefined),
    ]);
    return {
      workspaces: workspaces.filter(w => w.status !== 'deleted'),
      quota,
    };
  }, [rdeApi]);
  const { value, error, loading, setValue, refresh } = usePolledValue(
    load,
    anyTransitional,
    TRANSITION_POLL_INTERVAL_MS,
  );
  const onChange = useCallback(
    (workspace: Workspace) => {
      setValue(current => ({
        quota: current?.quota,
        workspaces: upsert(current?.workspaces ?? [], workspace),
      }));
      // The quota moves with every lifecycle change.
      refresh();
    },
    [setValue, refresh],
  );
  const blockedReason = quotaReachedReason(value?.quota);

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (!value) {
    body = (
      <ErrorPanel
        title={`Could not load your workspaces: ${errorMessage(error)}`}
        error={error ?? new Error('unknown error')}
      />
    );
  } else if (value.workspaces.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No workspaces yet"
        description="A workspace is a private development environment on your company's cluster, made from a blueprint. Launch one from a blueprint below, or with New workspace, to get a terminal in your browser."
      />
    );
  } else {
    body = (
      <>
        {error && (
          <Box mb={2}>
            <ErrorPanel
              title={`Could not refresh your workspaces: ${errorMessage(
                error,
              )}`}
              error={error}
            />
          </Box>
        )}
        <WorkspacesTable workspaces={value.workspaces} onChange={onChange} />
      </>
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
        <QuotaStatus quota={value?.quota} />
        <Box flexGrow={1} />
        {user.value?.isAdmin && (
          <Button
            variant="outlined"
            startIcon={<SettingsIcon />}
            component={RouterLink}
            to={adminLink()}
            data-testid="rde-admin-link"
          >
            Admin
          </Button>
        )}
        <Button
          variant="contained"
          color="primary"
          startIcon={<AddIcon />}
          onClick={() => setLaunch({ open: true })}
          disabled={blockedReason !== undefined}
          data-testid="rde-new-workspace"
        >
          New workspace
        </Button>
      </Box>
      {blockedReason && (
        <Box mb={2}>
          <Alert severity="warning" data-testid="rde-quota-reached">
            {blockedReason}
          </Alert>
        </Box>
      )}
      {body}
      <Box mt={4} mb={2}>
        <Typography variant="h5" component="h2">
          Blueprints
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Launch a workspace from one of the blueprints you have access to.
        </Typography>
      </Box>
      <BlueprintGallery
        onLaunch={blueprint => setLaunch({ open: true, blueprint })}
        launchBlockedReason={blockedReason}
      />
      <LaunchWorkspaceDialog
        open={launch.open}
        blueprint={launch.blueprint}
        onClose={() => setLaunch(current => ({ ...current, open: false }))}
        onCreated={onChange}
      />
    </Content>
  );
}
