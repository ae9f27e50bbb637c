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
import { FakeRdeApi, makeWorkspace } from '../../testUtils/FakeRdeApi';
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
        makeWorkspace({ name: 'alpha', status: 'running', blueprint: 'node' }),
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
  });

  it('stops, starts and deletes workspaces, showing the new state', async () => {
    const api = new FakeRdeApi({
      workspaces: [
        makeWorkspace({ name: 'alpha', status: 'running' }),
        makeWorkspace({ name: 'beta', status: 'stopped' }),
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

    fireEvent.click(screen.getByTestId('rde-delete-beta'));
    expect(api.deleteWorkspace).not.toHaveBeenCalled(); // asks first
    fireEvent.click(await screen.findByTestId('rde-confirm-delete'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-status-beta')).toHaveTextContent(
        'deleting',
      ),
    );
    expect(api.deleteWorkspace).toHaveBeenCalledWith('id-beta');
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
      blueprint: 'shell',
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
