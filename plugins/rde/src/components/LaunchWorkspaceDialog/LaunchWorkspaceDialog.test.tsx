import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { rdeApiRef } from '../../api/RdeApi';
import { FakeRdeApi } from '../../testUtils/FakeRdeApi';
import { LaunchWorkspaceDialog } from './LaunchWorkspaceDialog';

const blueprints = [
  {
    name: 'shell',
    title: 'Plain shell',
    description: 'bash',
    cluster: 'local',
  },
  { name: 'node', title: 'Node.js 24', cluster: 'local' },
];

async function render(api: FakeRdeApi) {
  const onClose = jest.fn();
  const onCreated = jest.fn();
  await renderInTestApp(
    <LaunchWorkspaceDialog open onClose={onClose} onCreated={onCreated} />,
    { apis: [[rdeApiRef, api]] },
  );
  return { onClose, onCreated };
}

describe('LaunchWorkspaceDialog', () => {
  it('lists the blueprints and creates a workspace from the chosen one', async () => {
    const api = new FakeRdeApi({ blueprints });
    const { onClose, onCreated } = await render(api);

    expect(await screen.findByText('Plain shell')).toBeInTheDocument();
    expect(screen.getByText('Node.js 24')).toBeInTheDocument();
    const create = screen.getByTestId('rde-create-workspace');
    expect(create).toBeDisabled(); // no blueprint chosen yet

    fireEvent.click(screen.getByTestId('rde-blueprint-node'));
    expect(create).toBeEnabled();
    fireEvent.change(screen.getByTestId('rde-workspace-name'), {
      target: { value: 'api-work' },
    });
    fireEvent.click(create);

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'node',
      name: 'api-work',
    });
    expect(onCreated.mock.calls[0][0]).toMatchObject({
      name: 'api-work',
      blueprint: 'node',
      status: 'pending',
    });
    expect(onClose).toHaveBeenCalled();
  });

  it('leaves the name to the backend when none is given, and preselects a single blueprint', async () => {
    const api = new FakeRdeApi({ blueprints: [blueprints[0]] });
    const { onCreated } = await render(api);
    await screen.findByText('Plain shell');
    await waitFor(() =>
      expect(screen.getByTestId('rde-create-workspace')).toBeEnabled(),
    );
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createWorkspace).toHaveBeenCalledWith({ blueprint: 'shell' });
  });

  it('refuses a name the backend would refuse', async () => {
    const api = new FakeRdeApi({ blueprints });
    await render(api);
    fireEvent.click(await screen.findByTestId('rde-blueprint-shell'));
    fireEvent.change(screen.getByTestId('rde-workspace-name'), {
      target: { value: 'Not_A_Label' },
    });
    expect(screen.getByTestId('rde-create-workspace')).toBeDisabled();
    expect(
      screen.getByText(/Lower-case letters, digits and dashes/),
    ).toBeInTheDocument();
  });

  it('shows why the backend refused to create the workspace', async () => {
    const api = new FakeRdeApi({ blueprints });
    api.createWorkspace.mockRejectedValueOnce(
      new Error('You may run at most 2 workspaces'),
    );
    const { onCreated, onClose } = await render(api);
    fireEvent.click(await screen.findByTestId('rde-blueprint-shell'));
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    expect(await screen.findByTestId('rde-launch-error')).toHaveTextContent(
      'You may run at most 2 workspaces',
    );
    expect(onCreated).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('says so when there is no blueprint to launch', async () => {
    const api = new FakeRdeApi({ blueprints: [] });
    await render(api);
    expect(
      await screen.findByText(/There is no blueprint you may launch/),
    ).toBeInTheDocument();
  });
});
