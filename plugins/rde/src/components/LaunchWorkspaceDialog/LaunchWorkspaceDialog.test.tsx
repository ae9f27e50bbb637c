import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Blueprint } from '@rde-portal/plugin-rde-common';
import { rdeApiRef } from '../../api/RdeApi';
import { WorkspaceLimitReachedError } from '../../api/RdeApiError';
import {
  FakeRdeApi,
  makeBlueprint,
  makeWorkspace,
} from '../../testUtils/FakeRdeApi';
import { LaunchWorkspaceDialog } from './LaunchWorkspaceDialog';

const shell = makeBlueprint({
  name: 'shell',
  title: 'Plain shell',
  description: 'bash',
});
const node = makeBlueprint({
  name: 'node',
  title: 'Node.js 24',
  image: 'node:24',
  resources: { cpu: '2', memory: '4Gi', storage: '20Gi' },
  ports: [
    { port: 3000, name: 'web', protocol: 'http' },
    { port: 8443, protocol: 'https' },
  ],
  terminalTabs: [
    { name: 'shell', command: 'bash' },
    { name: 'claude', command: 'claude' },
  ],
  cluster: 'edge',
  repository: { url: 'https://git.example.com/team/app.git', ref: 'main' },
});
const beta = makeBlueprint({
  name: 'beta',
  title: 'Beta stack',
  state: 'testing',
});

async function render(
  api: FakeRdeApi,
  props: { blueprint?: Blueprint; repositoryUrl?: string } = {},
) {
  const onClose = jest.fn();
  const onCreated = jest.fn();
  await renderInTestApp(
    <LaunchWorkspaceDialog
      open
      onClose={onClose}
      onCreated={onCreated}
      {...props}
    />,
    { apis: [[rdeApiRef, api]] },
  );
  return { onClose, onCreated };
}

describe('LaunchWorkspaceDialog', () => {
  it('lists the blueprints and creates a workspace from the chosen one', async () => {
    const api = new FakeRdeApi({ blueprints: [shell, node] });
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
      blueprint: 'template:default/node',
      name: 'api-work',
    });
    expect(onCreated.mock.calls[0][0]).toMatchObject({
      name: 'api-work',
      blueprint: 'template:default/node',
      cluster: 'edge',
      status: 'pending',
    });
    expect(onClose).toHaveBeenCalled();
  });

  it("shows the chosen blueprint's parameters and sends a branch override for its repository", async () => {
    const api = new FakeRdeApi({ blueprints: [shell, node] });
    const { onCreated } = await render(api);

    fireEvent.click(await screen.findByTestId('rde-blueprint-shell'));
    // The shell blueprint clones nothing: no branch to choose.
    expect(screen.queryByTestId('rde-workspace-ref')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('rde-summary-repository'),
    ).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('rde-blueprint-node'));
    const summary = screen.getByTestId('rde-blueprint-summary');
    expect(within(summary).getByTestId('rde-summary-image')).toHaveTextContent(
      'node:24',
    );
    expect(
      within(summary).getByTestId('rde-summary-resources'),
    ).toHaveTextContent('2 CPU · 4Gi memory · 20Gi storage');
    expect(within(summary).getByTestId('rde-summary-ports')).toHaveTextContent(
      '3000 (web), 8443 https',
    );
    expect(within(summary).getByTestId('rde-summary-tabs')).toHaveTextContent(
      'shell, claude',
    );
    expect(
      within(summary).getByTestId('rde-summary-cluster'),
    ).toHaveTextContent('edge');
    expect(
      within(summary).getByTestId('rde-summary-repository'),
    ).toHaveTextContent('https://git.example.com/team/app.git @ main');
    expect(
      screen.getByText(/A name is generated when you leave this empty/),
    ).toBeInTheDocument();
    expect(screen.getByText('Leave empty for main.')).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('rde-workspace-ref'), {
      target: { value: 'feature/login' },
    });
    expect(
      within(summary).getByTestId('rde-summary-repository'),
    ).toHaveTextContent('@ feature/login');
    fireEvent.click(screen.getByTestId('rde-create-workspace'));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:default/node',
      repository: { ref: 'feature/login' },
    });
  });

  it('refuses a branch name git would refuse', async () => {
    const api = new FakeRdeApi({ blueprints: [node] });
    await render(api, { blueprint: node });
    fireEvent.change(screen.getByTestId('rde-workspace-ref'), {
      target: { value: 'two words' },
    });
    expect(screen.getByTestId('rde-create-workspace')).toBeDisabled();
  });

  it('launches a given blueprint with a component repository', async () => {
    const api = new FakeRdeApi({ blueprints: [shell, node] });
    const { onCreated } = await render(api, {
      blueprint: node,
      repositoryUrl: 'https://git.example.com/team/other',
    });
    expect(screen.getByText('Launch Node.js 24')).toBeInTheDocument();
    // No choice is offered, and the component's repository replaces the blueprint's.
    expect(screen.queryByTestId('rde-blueprint-shell')).not.toBeInTheDocument();
    expect(api.listBlueprints).not.toHaveBeenCalled();
    expect(screen.getByTestId('rde-summary-repository')).toHaveTextContent(
      /^https:\/\/git\.example\.com\/team\/other$/,
    );
    expect(
      screen.getByText("Leave empty for the repository's default branch."),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createWorkspace).toHaveBeenLastCalledWith({
      blueprint: 'template:default/node',
      repository: { url: 'https://git.example.com/team/other' },
    });
  });

  it('leaves the name to the backend when none is given, and preselects the single launchable blueprint', async () => {
    const api = new FakeRdeApi({ blueprints: [shell, beta] });
    const { onCreated } = await render(api);
    await screen.findByText('Plain shell');
    await waitFor(() =>
      expect(screen.getByTestId('rde-create-workspace')).toBeEnabled(),
    );
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:default/shell',
    });
    expect(onCreated.mock.calls[0][0].name).toBe('guest-shell-1');
  });

  it('offers a testing blueprint with its badge and reason, but not to launch', async () => {
    const api = new FakeRdeApi({ blueprints: [shell, beta] });
    await render(api);
    const option = await screen.findByTestId('rde-blueprint-beta');
    expect(within(option).getByText('Testing')).toBeInTheDocument();
    expect(
      within(option).getByText(/only admins and trusted users may launch it/),
    ).toBeInTheDocument();
    expect(within(option).getByRole('radio')).toBeDisabled();
  });

  it('refuses a name the backend would refuse', async () => {
    const api = new FakeRdeApi({ blueprints: [shell, node] });
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

  it('shows the quota when the running limit refuses the launch (409)', async () => {
    const api = new FakeRdeApi({
      blueprints: [shell],
      limit: 2,
      workspaces: [
        makeWorkspace({ name: 'one', status: 'running' }),
        makeWorkspace({ name: 'two', status: 'starting' }),
        makeWorkspace({ name: 'old', status: 'stopped' }),
      ],
    });
    const { onCreated, onClose } = await render(api, { blueprint: shell });
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    expect(await screen.findByTestId('rde-launch-error')).toHaveTextContent(
      'Limit reached: you have 2 of 2 running workspaces. Stop or delete one, then try again.',
    );
    // The message names the quota already; it is not repeated.
    expect(
      screen.queryByTestId('rde-launch-error-hint'),
    ).not.toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(api.workspaces).toHaveLength(3);
  });

  it('adds the quota when the 409 message does not name it', async () => {
    const api = new FakeRdeApi({ blueprints: [shell] });
    api.createWorkspace.mockRejectedValueOnce(
      new WorkspaceLimitReachedError({
        message: 'Running limit reached',
        quota: { running: 3, limit: 3 },
      }),
    );
    await render(api, { blueprint: shell });
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    expect(await screen.findByTestId('rde-launch-error')).toHaveTextContent(
      'Running limit reached',
    );
    expect(screen.getByTestId('rde-launch-error-hint')).toHaveTextContent(
      'You have 3 of 3 workspaces running. Stop or delete one, then launch again.',
    );
  });

  it('says when to try again after the launch rate limit (429)', async () => {
    const api = new FakeRdeApi({ blueprints: [shell], launchRateLimit: 0 });
    await render(api, { blueprint: shell });
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    expect(await screen.findByTestId('rde-launch-error')).toHaveTextContent(
      'Too many launches: at most 0 per minute',
    );
    expect(screen.getByTestId('rde-launch-error-hint')).toHaveTextContent(
      'Try again in 60 seconds.',
    );
  });

  it('shows why the backend refused a blueprint in testing (403)', async () => {
    // The page still thinks it is launchable; the backend knows better.
    const api = new FakeRdeApi({ blueprints: [beta] });
    await render(api, { blueprint: { ...beta, launchable: true } });
    fireEvent.click(screen.getByTestId('rde-create-workspace'));
    expect(await screen.findByTestId('rde-launch-error')).toHaveTextContent(
      'This blueprint is being tested; only admins and trusted users may launch it.',
    );
    expect(
      screen.queryByTestId('rde-launch-error-hint'),
    ).not.toBeInTheDocument();
  });

  it('does not offer to launch a given blueprint the user may not launch', async () => {
    const api = new FakeRdeApi({ blueprints: [beta] });
    await render(api, {
      blueprint: {
        ...beta,
        launchable: false,
        notLaunchableReason: 'Only admins may launch it while it is tested.',
      },
    });
    expect(screen.getByTestId('rde-launch-not-launchable')).toHaveTextContent(
      'Only admins may launch it while it is tested.',
    );
    expect(screen.getByTestId('rde-create-workspace')).toBeDisabled();
  });

  it('says so when there is no blueprint to launch', async () => {
    const api = new FakeRdeApi({ blueprints: [] });
    await render(api);
    expect(
      await screen.findByText(/There is no blueprint you may launch/),
    ).toBeInTheDocument();
  });
});
