import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { rdeApiRef } from '../../api/RdeApi';
import { rootRouteRef } from '../../routes';
import { FakeRdeApi, makeWorkspace } from '../../testUtils/FakeRdeApi';
import { RdeRoutes } from '../RdeRoutes';

jest.mock('../Terminal', () => ({
  WorkspaceTerminal: (props: { workspaceId: string }) => (
    <div data-testid="rde-terminal">terminal of {props.workspaceId}</div>
  ),
}));

async function render(api: FakeRdeApi, path: string) {
  await renderInTestApp(<RdeRoutes />, {
    apis: [[rdeApiRef, api]],
    mountedRoutes: { '/rde': rootRouteRef },
    mountPath: '/rde/*',
    initialRouteEntries: [path],
  });
}

describe('WorkspacePage', () => {
  it('shows a running workspace with its terminal', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({ name: 'demo', status: 'running', cluster: 'edge' }),
      ],
    });
    await render(api, '/rde/workspaces/id-demo');

    expect(await screen.findByTestId('rde-workspace-status')).toHaveTextContent(
      'running',
    );
    expect(screen.getByTestId('rde-workspace-name-heading')).toHaveTextContent(
      'demo',
    );
    expect(screen.getByText('edge')).toBeInTheDocument();
    expect(screen.getByTestId('rde-terminal')).toHaveTextContent(
      'terminal of id-demo',
    );
    expect(api.getWorkspace).toHaveBeenCalledWith('id-demo');
  });

  it('offers Start instead of a terminal while stopped', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'stopped' })],
    });
    await render(api, '/rde/workspaces/id-demo');
    expect(
      await screen.findByTestId('rde-terminal-unavailable'),
    ).toHaveTextContent('The workspace is stopped');
    expect(screen.queryByTestId('rde-terminal')).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('rde-start-demo'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-workspace-status')).toHaveTextContent(
        'starting',
      ),
    );
  });

  it('shows the operation in progress', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({
          name: 'demo',
          status: 'starting',
          operation: 'upgrade',
        }),
      ],
    });
    await render(api, '/rde/workspaces/id-demo');
    expect(
      await screen.findByTestId('rde-workspace-progress'),
    ).toHaveTextContent('Upgrading…');
    expect(screen.getByTestId('rde-terminal-unavailable')).toHaveTextContent(
      'The workspace is starting; the terminal opens once it is running.',
    );
  });

  it('restarts a running workspace and says so until it runs again', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'running' })],
    });
    await render(api, '/rde/workspaces/id-demo');
    fireEvent.click(await screen.findByTestId('rde-restart-demo'));
    expect(
      await screen.findByTestId('rde-workspace-progress'),
    ).toHaveTextContent('Restarting…');
    expect(api.restartWorkspace).toHaveBeenCalledWith('id-demo');
    expect(screen.queryByTestId('rde-terminal')).not.toBeInTheDocument();
  });

  it('shows why a workspace failed, and offers Start', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({
          name: 'demo',
          status: 'failed',
          operation: 'start',
          statusMessage:
            'The image node:99 does not exist; change the blueprint and upgrade',
        }),
      ],
    });
    await render(api, '/rde/workspaces/id-demo');
    expect(
      await screen.findByTestId('rde-workspace-message'),
    ).toHaveTextContent(
      'The image node:99 does not exist; change the blueprint and upgrade',
    );
    expect(
      screen.queryByTestId('rde-workspace-progress'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('rde-start-demo')).toBeInTheDocument();
    expect(screen.getByTestId('rde-upgrade-demo')).toBeInTheDocument();
  });

  it('goes back to the list once a delete is accepted', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'stopped' })],
    });
    await render(api, '/rde/workspaces/id-demo');
    fireEvent.click(await screen.findByTestId('rde-delete-demo'));
    fireEvent.click(await screen.findByTestId('rde-confirm-delete'));
    expect(await screen.findByTestId('rde-status-demo')).toHaveTextContent(
      'deleting',
    );
    expect(api.deleteWorkspace).toHaveBeenCalledWith('id-demo');
  });

  it('explains a workspace that cannot be loaded', async () => {
    const api = new FakeRdeApi();
    await render(api, '/rde/workspaces/nope');
    expect(
      await screen.findByTestId('rde-workspace-not-found'),
    ).toHaveTextContent(
      'Could not load the workspace: No workspace nope. It was deleted, or it belongs to someone else',
    );
  });

  it("does not show another user's workspace", async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({ name: 'theirs', owner: 'user:default/someone-else' }),
      ],
    });
    await render(api, '/rde/workspaces/id-theirs');
    expect(
      await screen.findByTestId('rde-workspace-not-found'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('rde-terminal')).not.toBeInTheDocument();
  });

  it('explains a failed load', async () => {
    const api = new FakeRdeApi();
    api.getWorkspace.mockRejectedValue(new Error('backend unavailable'));
    await render(api, '/rde/workspaces/id-x');
    expect(
      await screen.findByText(
        /Could not load the workspace: backend unavailable/,
      ),
    ).toBeInTheDocument();
  });

  it('opens a workspace from the list', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'running' })],
    });
    await render(api, '/rde');
    fireEvent.click(await screen.findByTestId('rde-open-demo'));
    expect(await screen.findByTestId('rde-workspace-status')).toHaveTextContent(
      'running',
    );
    expect(screen.getByTestId('rde-terminal')).toBeInTheDocument();
  });
});
