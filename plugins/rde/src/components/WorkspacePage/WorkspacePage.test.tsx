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

  it('explains a workspace that cannot be loaded', async () => {
    const api = new FakeRdeApi();
    await render(api, '/rde/workspaces/nope');
    expect(
      await screen.findByText(
        /Could not load the workspace: No workspace nope/,
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
