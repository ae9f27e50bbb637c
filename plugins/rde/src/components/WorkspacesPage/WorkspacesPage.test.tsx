import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { rdeApiRef } from '../../api/RdeApi';
import { rootRouteRef } from '../../routes';
import {
  FakeRdeApi,
  makeAdminBlueprint,
  makeBlueprint,
  makeWorkspace,
} from '../../testUtils/FakeRdeApi';
import { WorkspacesPage } from './WorkspacesPage';

function render(api: FakeRdeApi) {
  return renderInTestApp(<WorkspacesPage />, {
    apis: [[rdeApiRef, api]],
    mountedRoutes: { '/rde': rootRouteRef },
  });
}

describe('WorkspacesPage', () => {
  it('lists workspaces with their blueprint, status and the actions their state allows', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({
          name: 'alpha',
          status: 'running',
          blueprint: 'template:default/node',
        }),
        makeWorkspace({ name: 'beta', status: 'stopped' }),
        makeWorkspace({ name: 'gone', status: 'deleted' }),
      ],
    });
    await render(api);

    expect(await screen.findByText('alpha')).toBeInTheDocument();
    expect(screen.getByText('node')).toBeInTheDocument();
    expect(screen.getByTestId('rde-status-alpha')).toHaveTextContent('running');
    expect(screen.getByTestId('rde-status-beta')).toHaveTextContent('stopped');
    expect(screen.queryByText('gone')).not.toBeInTheDocument();

    expect(screen.getByTestId('rde-open-alpha')).toHaveAttribute(
      'href',
      '/rde/workspaces/id-alpha',
    );
    expect(screen.getByTestId('rde-stop-alpha')).toBeInTheDocument();
    expect(screen.queryByTestId('rde-start-alpha')).not.toBeInTheDocument();
    expect(screen.getByTestId('rde-start-beta')).toBeInTheDocument();
    expect(screen.queryByTestId('rde-stop-beta')).not.toBeInTheDocument();
    expect(screen.getByTestId('rde-delete-beta')).toBeInTheDocument();
    expect(screen.getByTestId('rde-restart-alpha')).toBeInTheDocument();
    expect(screen.queryByTestId('rde-restart-beta')).not.toBeInTheDocument();
    expect(screen.getByTestId('rde-upgrade-alpha')).toBeInTheDocument();
    expect(screen.getByTestId('rde-upgrade-beta')).toBeInTheDocument();
  });

  it('restarts and upgrades, showing what is in progress', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({ name: 'alpha', status: 'running' }),
        makeWorkspace({ name: 'beta', status: 'running' }),
      ],
    });
    await render(api);

    fireEvent.click(await screen.findByTestId('rde-restart-alpha'));
    expect(await screen.findByTestId('rde-progress-alpha')).toHaveTextContent(
      'Restarting…',
    );
    expect(screen.getByTestId('rde-status-alpha')).toHaveTextContent(
      'starting',
    );
    expect(api.restartWorkspace).toHaveBeenCalledWith('id-alpha');

    fireEvent.click(screen.getByTestId('rde-upgrade-beta'));
    expect(api.upgradeWorkspace).not.toHaveBeenCalled(); // asks first
    fireEvent.click(await screen.findByTestId('rde-confirm-upgrade'));
    expect(await screen.findByTestId('rde-progress-beta')).toHaveTextContent(
      'Upgrading…',
    );
    expect(api.upgradeWorkspace).toHaveBeenCalledWith('id-beta');
  });

  it('shows the quota, and once it is reached says so and offers no launch', async () => {
    const api = new FakeRdeApi({
      limit: 2,
      blueprints: [makeBlueprint({ name: 'shell', title: 'Plain shell' })],
      workspaces: [
        makeWorkspace({ name: 'alpha', status: 'running' }),
        makeWorkspace({ name: 'beta', status: 'stopped' }),
      ],
    });
    await render(api);
    expect(await screen.findByTestId('rde-quota')).toHaveTextContent(
      '1 of 2 running',
    );
    expect(screen.queryByTestId('rde-quota-reached')).not.toBeInTheDocument();
    expect(await screen.findByTestId('rde-gallery-launch-shell')).toBeEnabled();

    fireEvent.click(screen.getByTestId('rde-start-beta'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-quota')).toHaveTextContent(
        '2 of 2 running',
      ),
    );
    expect(screen.getByTestId('rde-quota-reached')).toHaveTextContent(
      'You have reached your limit of 2 running workspaces. Stop or delete one to launch another.',
    );
    expect(screen.getByTestId('rde-new-workspace')).toBeDisabled();
    expect(screen.getByTestId('rde-gallery-launch-shell')).toBeDisabled();
    expect(screen.getByTestId('rde-gallery-reason-shell')).toHaveTextContent(
      'You have reached your limit',
    );
  });

  it('shows the 409 of a start over the limit with the quota', async () => {
    const api = new FakeRdeApi({
      limit: 1,
      workspaces: [
        makeWorkspace({ name: 'alpha', status: 'running' }),
        makeWorkspace({ name: 'beta', status: 'stopped' }),
      ],
    });
    // The page's quota is stale: the backend has just counted another launch.
    api.getQuota.mockResolvedValue({ running: 0, limit: 1 });
    await render(api);
    fireEvent.click(await screen.findByTestId('rde-start-beta'));
    expect(
      await screen.findByText(
        'Could not start workspace beta: Limit reached: you have 1 of 1 running workspaces. Stop or delete one, then try again.',
      ),
    ).toBeInTheDocument();
    expect(api.workspaces[1].status).toBe('stopped');
  });

  it('shows the blueprint gallery with the testing badge and a disabled launch with the reason', async () => {
    const api = new FakeRdeApi({
      blueprints: [
        makeBlueprint({
          name: 'node',
          title: 'Node.js',
          description: 'Node 24 with npm',
          tags: ['javascript'],
        }),
        makeBlueprint({ name: 'beta', title: 'Beta stack', state: 'testing' }),
        makeAdminBlueprint({
          name: 'secret',
          title: 'Only for others',
          access: ['other.example'],
        }),
        makeBlueprint({ name: 'off', state: 'disabled' }),
      ],
    });
    await render(api);

    const node = await screen.findByTestId('rde-gallery-node');
    expect(within(node).getByText('Node.js')).toBeInTheDocument();
    expect(within(node).getByText('Node 24 with npm')).toBeInTheDocument();
    expect(within(node).getByText('javascript')).toBeInTheDocument();
    expect(
      screen.queryByTestId('rde-gallery-badge-node'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('rde-gallery-launch-node')).toBeEnabled();

    expect(screen.getByTestId('rde-gallery-badge-beta')).toHaveTextContent(
      'Testing',
    );
    expect(screen.getByTestId('rde-gallery-launch-beta')).toBeDisabled();
    expect(screen.getByTestId('rde-gallery-reason-beta')).toHaveTextContent(
      'This blueprint is being tested; only admins and trusted users may launch it.',
    );
    // Not matching the ACL, or disabled: not shown at all.
    expect(screen.queryByTestId('rde-gallery-secret')).not.toBeInTheDocument();
    expect(screen.queryByTestId('rde-gallery-off')).not.toBeInTheDocument();
  });

  it('lets admins launch a testing blueprint', async () => {
    const api = new FakeRdeApi({
      user: { isAdmin: true },
      blueprints: [makeBlueprint({ name: 'beta', state: 'testing' })],
    });
    await render(api);
    expect(
      await screen.findByTestId('rde-gallery-badge-beta'),
    ).toHaveTextContent('Testing');
    expect(screen.getByTestId('rde-gallery-launch-beta')).toBeEnabled();
  });

  it('launches from a gallery card and lists the new workspace', async () => {
    const api = new FakeRdeApi({
      blueprints: [
        makeBlueprint({ name: 'shell', title: 'Plain shell' }),
        makeBlueprint({ name: 'node', title: 'Node.js', image: 'node:24' }),
      ],
    });
    await render(api);
    fireEvent.click(await screen.findByTestId('rde-gallery-launch-node'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Launch Node.js')).toBeInTheDocument();
    expect(within(dialog).getByTestId('rde-summary-image')).toHaveTextContent(
      'node:24',
    );
    fireEvent.click(within(dialog).getByTestId('rde-create-workspace'));
    expect(
      await screen.findByTestId('rde-status-guest-node-1'),
    ).toHaveTextContent('pending');
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:default/node',
    });
  });

  it('links the admin pages for admins only', async () => {
    const api = new FakeRdeApi({ user: { isAdmin: true } });
    const { unmount } = await render(api);
    expect(await screen.findByTestId('rde-admin-link')).toHaveAttribute(
      'href',
      '/rde/admin',
    );
    unmount();

    const user = new FakeRdeApi();
    await render(user);
    await screen.findByText('No workspaces yet');
    await waitFor(() => expect(user.getCurrentUser).toHaveBeenCalled());
    expect(screen.queryByTestId('rde-admin-link')).not.toBeInTheDocument();
  });

  it('stops, starts and deletes workspaces, showing the new state', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({ name: 'alpha', status: 'running' }),
        makeWorkspace({ name: 'beta', status: 'stopped' }),
        makeWorkspace({ name: 'gamma', status: 'failed' }),
      ],
    });
    await render(api);

    fireEvent.click(await screen.findByTestId('rde-stop-alpha'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-status-alpha')).toHaveTextContent(
        'stopping',
      ),
    );
    expect(api.stopWorkspace).toHaveBeenCalledWith('id-alpha');

    fireEvent.click(screen.getByTestId('rde-start-beta'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-status-beta')).toHaveTextContent(
        'starting',
      ),
    );
    expect(api.startWorkspace).toHaveBeenCalledWith('id-beta');

    fireEvent.click(screen.getByTestId('rde-delete-gamma'));
    expect(api.deleteWorkspace).not.toHaveBeenCalled(); // asks first
    fireEvent.click(await screen.findByTestId('rde-confirm-delete'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-status-gamma')).toHaveTextContent(
        'deleting',
      ),
    );
    expect(api.deleteWorkspace).toHaveBeenCalledWith('id-gamma');
  });

  it('says why the backend refused to delete a workspace in the middle of an operation', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'alpha', status: 'starting' })],
    });
    await render(api);
    fireEvent.click(await screen.findByTestId('rde-delete-alpha'));
    fireEvent.click(await screen.findByTestId('rde-confirm-delete'));
    expect(
      await screen.findByText(
        'Could not delete workspace alpha: Workspace alpha is starting; it cannot delete now',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('rde-status-alpha')).toHaveTextContent(
      'starting',
    );
  });

  it('shows the backend message when an action fails', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'alpha', status: 'stopped' })],
    });
    api.startWorkspace.mockRejectedValueOnce(
      new Error('You already run 3 workspaces, the most allowed'),
    );
    await render(api);
    fireEvent.click(await screen.findByTestId('rde-start-alpha'));
    expect(
      await screen.findByText(
        'Could not start workspace alpha: You already run 3 workspaces, the most allowed',
      ),
    ).toBeInTheDocument();
  });

  it('polls while a workspace is changing state, and only then', async () => {
    jest.useFakeTimers();
    try {
      const api = new FakeRdeApi({
        workspaces: [makeWorkspace({ name: 'alpha', status: 'starting' })],
      });
      await render(api);
      await screen.findByText('alpha');
      expect(api.listWorkspaces).toHaveBeenCalledTimes(1);

      api.workspaces[0].status = 'running';
      await act(async () => {
        jest.advanceTimersByTime(2100);
      });
      await waitFor(() =>
        expect(screen.getByTestId('rde-status-alpha')).toHaveTextContent(
          'running',
        ),
      );
      expect(api.listWorkspaces).toHaveBeenCalledTimes(2);

      await act(async () => {
        jest.advanceTimersByTime(10000);
      });
      expect(api.listWorkspaces).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('offers to create the first workspace and adds it to the list', async () => {
    const api = new FakeRdeApi();
    await render(api);
    expect(await screen.findByText('No workspaces yet')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('rde-new-workspace'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByText('Plain shell'));
    fireEvent.change(screen.getByTestId('rde-workspace-name'), {
      target: { value: 'my-ws' },
    });
    fireEvent.click(screen.getByTestId('rde-create-workspace'));

    expect(await screen.findByTestId('rde-status-my-ws')).toHaveTextContent(
      'pending',
    );
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:default/shell',
      name: 'my-ws',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('explains a failed load', async () => {
    const api = new FakeRdeApi();
    api.listWorkspaces.mockRejectedValue(new Error('backend unavailable'));
    await render(api);
    expect(
      await screen.findByText(
        /Could not load your workspaces: backend unavailable/,
      ),
    ).toBeInTheDocument();
  });
});
