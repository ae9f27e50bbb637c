import {
  Content,
  EmptyState,
  ErrorPanel,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useCallback, useState } from 'react';
import { rdeApiRef } from '../../api/RdeApi';
import { usePolledValue } from '../../hooks/usePolledValue';
import { errorMessage } from '../../lib/errorMessage';
import {
  isTransitional,
  TRANSITION_POLL_INTERVAL_MS,
} from '../../lib/workspaceStatus';
import { LaunchWorkspaceDialog } from '../LaunchWorkspaceDialog';
import { WorkspacesTable } from './WorkspacesTable';

function anyTransitional(workspaces: Workspace[]): boolean {
  return workspaces.some(w => isTransitional(w.status));
}

/** Replaces a workspace in the list (or adds it first), dropping deleted ones. */
function upsert(
  list: Workspace[] | undefined,
  workspace: Workspace,
): Workspace[] {
  const rest = (list ?? []).filter(w => w.id !== workspace.id);
  return workspace.status === 'deleted' ? rest : [workspace, ...rest];
}

/**
 * The list of the user's workspaces with the "New workspace" dialog. Refreshes every few
 * seconds while a workspace is changing state.
 *
 * @public
 */
export function WorkspacesPage() {
  const rdeApi = useApi(rdeApiRef);
  const [launching, setLaunching] = useState(false);
  const load = useCallback(
    async () =>
      (await rdeApi.listWorkspaces()).filter(w => w.status !== 'deleted'),
    [rdeApi],
  );
  const { value, error, loading, setValue } = usePolledValue(
    load,
    anyTransitional,
    TRANSITION_POLL_INTERVAL_MS,
  );
  const onChange = useCallback(
    (workspace: Workspace) => setValue(list => upsert(list, workspace)),
    [setValue],
  );

  const newButton = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setLaunching(true)}
      data-testid="rde-new-workspace"
    >
      New workspace
    </Button>
  );

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
  } else if (value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No workspaces yet"
        description="A workspace is a private development environment on your company's cluster, made from a blueprint. Create one with New workspace to get a terminal in your browser."
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
        <WorkspacesTable workspaces={value} onChange={onChange} />
      </>
    );
  }

  return (
    <Content>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        {newButton}
      </Box>
      {body}
      <LaunchWorkspaceDialog
        open={launching}
        onClose={() => setLaunching(false)}
        onCreated={onChange}
      />
    </Content>
  );
}
