import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DeleteIcon from '@material-ui/icons/Delete';
import OpenInBrowserIcon from '@material-ui/icons/OpenInBrowser';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import ReplayIcon from '@material-ui/icons/Replay';
import StopIcon from '@material-ui/icons/Stop';
import SystemUpdateAltIcon from '@material-ui/icons/SystemUpdateAlt';
import type { Workspace } from '@rde-portal/plugin-rde-common';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { rdeApiRef } from '../../api/RdeApi';
import { availableActions } from '../../lib/workspaceStatus';
import { workspaceRouteRef } from '../../routes';
import { launchErrorText } from '../LaunchWorkspaceDialog/launchErrorText';
import { ConfirmActionDialog } from './ConfirmActionDialog';

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

type Action = 'start' | 'stop' | 'restart' | 'upgrade' | 'delete';

const BUTTONS: Array<{
  action: Exclude<Action, 'delete'>;
  label: string;
  icon: JSX.Element;
  title: string;
}> = [
  {
    action: 'start',
    label: 'Start',
    icon: <PlayArrowIcon />,
    title: 'Start the workspace again; its files were kept',
  },
  {
    action: 'stop',
    label: 'Stop',
    icon: <StopIcon />,
    title: 'Stop every process; the files are kept',
  },
  {
    action: 'restart',
    label: 'Restart',
    icon: <ReplayIcon />,
    title: 'End every process and start again with the same setup',
  },
  {
    action: 'upgrade',
    label: 'Upgrade',
    icon: <SystemUpdateAltIcon />,
    title: "Redeploy with the blueprint's current image and settings",
  },
];

/**
 * Open, Start, Stop, Restart, Upgrade and Delete for one workspace, each offered only in the
 * states where it applies; Upgrade and Delete ask first. Failures are shown with the backend's
 * message (and, for the running limit, the quota).
 *
 * @public
 */
export function WorkspaceActions(props: WorkspaceActionsProps) {
  const { workspace, onChange, showOpen = false, size = 'small' } = props;
  const rdeApi = useApi(rdeApiRef);
  const alertApi = useApi(alertApiRef);
  const workspaceLink = useRouteRef(workspaceRouteRef);
  const [busy, setBusy] = useState<Action | undefined>();
  const [confirm, setConfirm] = useState<'delete' | 'upgrade' | undefined>();
  const can = availableActions(workspace);
  const { name } = workspace;

  const run = async (action: Action) => {
    setBusy(action);
    try {
      let updated: Workspace;
      switch (action) {
        case 'start':
          updated = await rdeApi.startWorkspace(workspace.id);
          break;
        case 'stop':
          updated = await rdeApi.stopWorkspace(workspace.id);
          break;
        case 'restart':
          updated = await rdeApi.restartWorkspace(workspace.id);
          break;
        case 'upgrade':
          updated = await rdeApi.upgradeWorkspace(workspace.id);
          break;
        default:
          updated = await rdeApi.deleteWorkspace(workspace.id);
      }
      onChange(updated);
    } catch (error) {
      const { message, hint } = launchErrorText(error);
      alertApi.post({
        message: `Could not ${action} workspace ${name}: ${message}${
          hint ? ` ${hint}` : ''
        }`,
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
      {BUTTONS.filter(b => can[b.action]).map(b => (
        <Button
          key={b.action}
          size={size}
          variant="outlined"
          startIcon={b.icon}
          title={b.title}
          disabled={busy !== undefined}
          onClick={() =>
            b.action === 'upgrade' ? setConfirm('upgrade') : run(b.action)
          }
          data-testid={`rde-${b.action}-${name}`}
        >
          {b.label}
        </Button>
      ))}
      {can.delete && (
        <Button
          size={size}
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={busy !== undefined}
          onClick={() => setConfirm('delete')}
          data-testid={`rde-delete-${name}`}
        >
          Delete
        </Button>
      )}
      <ConfirmActionDialog
        open={confirm === 'delete'}
        title={`Delete workspace ${name}?`}
        text="The workspace and every file in it are deleted. This cannot be undone."
        confirmLabel="Delete"
        confirmTestId="rde-confirm-delete"
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          setConfirm(undefined);
          run('delete');
        }}
      />
      <ConfirmActionDialog
        open={confirm === 'upgrade'}
        title={`Upgrade workspace ${name}?`}
        text="The workspace is redeployed with its blueprint's current image and settings. Running processes and terminal sessions end."
        confirmLabel="Upgrade"
        confirmTestId="rde-confirm-upgrade"
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          setConfirm(undefined);
          run('upgrade');
        }}
      />
    </Box>
  );
}
