import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DeleteIcon from '@material-ui/icons/Delete';
import OpenInBrowserIcon from '@material-ui/icons/OpenInBrowser';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';
import { availableActions } from '../../lib/workspaceStatus';
import { workspaceRouteRef } from '../../routes';
import { DeleteWorkspaceDialog } from './DeleteWorkspaceDialog';

/**
 * Props of {@link WorkspaceActions}.
 *
 * @public
 */
export interface WorkspaceActionsProps {
  workspace: Workspace;
  /** Called with the workspace as the backend returned it after an action. */
  onChange(workspace: Workspace): void;
  /** Whether to offer the Open link to the workspace's page (the list does). */
  showOpen?: boolean;
  size?: 'small' | 'medium';
}

type Action = 'start' | 'stop' | 'delete';

/**
 * Open, Start, Stop and Delete for one workspace, each offered only in the states where it
 * applies. Failures are shown with the backend's message.
 *
 * @public
 */
export function WorkspaceActions(props: WorkspaceActionsProps) {
  const { workspace, onChange, showOpen = false, size = 'small' } = props;
  const rdeApi = useApi(rdeApiRef);
  const alertApi = useApi(alertApiRef);
  const workspaceLink = useRouteRef(workspaceRouteRef);
  const [busy, setBusy] = useState<Action | undefined>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const can = availableActions(workspace);
  const { name } = workspace;

  const run = async (action: Action) => {
    setBusy(action);
    try {
      let updated: Workspace;
      if (action === 'start') {
        updated = await rdeApi.startWorkspace(workspace.id);
      } else if (action === 'stop') {
        updated = await rdeApi.stopWorkspace(workspace.id);
      } else {
        updated = await rdeApi.deleteWorkspace(workspace.id);
      }
      onChange(updated);
    } catch (error) {
      alertApi.post({
        message: `Could not ${action} workspace ${name}: ${errorMessage(
          error,
        )}`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {showOpen && can.open && (
        <Button
          size={size}
          variant="outlined"
          color="primary"
          startIcon={<OpenInBrowserIcon />}
          component={RouterLink}
          to={workspaceLink({ id: workspace.id })}
          data-testid={`rde-open-${name}`}
        >
          Open
        </Button>
      )}
      {can.start && (
        <Button
          size={size}
          variant="outlined"
          startIcon={<PlayArrowIcon />}
          disabled={busy !== undefined}
          onClick={() => run('start')}
          data-testid={`rde-start-${name}`}
        >
          Start
        </Button>
      )}
      {can.stop && (
        <Button
          size={size}
          variant="outlined"
          startIcon={<StopIcon />}
          disabled={busy !== undefined}
          onClick={() => run('stop')}
          data-testid={`rde-stop-${name}`}
        >
          Stop
        </Button>
      )}
      {can.delete && (
        <Button
          size={size}
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={busy !== undefined}
          onClick={() => setConfirmDelete(true)}
          data-testid={`rde-delete-${name}`}
        >
          Delete
        </Button>
      )}
      <DeleteWorkspaceDialog
        name={name}
        open={confirmDelete}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          run('delete');
        }}
      />
    </Box>
  );
}
