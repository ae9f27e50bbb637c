import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { rdeApiRef } from '../../api/RdeApi';
import { rootRouteRef } from '../../routes';
import {
  FakeRdeApi,
  makeAdminBlueprint,
  makeWorkspace,
} from '../../testUtils/FakeRdeApi';
import { RdeRoutes } from '../RdeRoutes';

jest.mock('../Terminal', () => ({
  WorkspaceTerminal: () => <div data-testid="rde-terminal" />,
}));

async function render(api: FakeRdeApi, path = '/rde/admin') {
  await renderInTestApp(<RdeRoutes />, {
    apis: [[rdeApiRef, api]],
    mountedRoutes: { '/rde': rootRouteRef },
    mountPath: '/rde/*',
    initialRouteEntries: [path],
  });
}

const ada = { owner: 'user:default/ada', ownerEmail: 'ada@corp.example' };
const bob = { owner: 'user:default/bob', ownerEmail: 'bob@partner.example' };

function fleet() {
  return new FakeRdeApi({
    user: {
      userRef: 'user:default/admin',
      email: 'admin@corp.example',
      isAdmin: true,
    },
    blueprints: [
      makeAdminBlueprint({ name: 'node' }),
      makeAdminBlueprint({ name: 'python', cluster: 'edge' }),
      makeAdminBlueprint({ name: 'beta', state: 'testing' }),
    ],
    clusters: [
      { name: 'local', online: true },
      { name: 'edge', online: false },
    ],
    workspaces: [
      makeWorkspace({
        ...ada,
        name: 'ada-web',
        status: 'running',
        blueprint: 'template:default/node',
      }),
      makeWorkspace({
        ...ada,
        name: 'ada-data',
        status: 'failed',
        statusMessage: 'The image does not exist',
        blueprint: 'template:default/python',
        cluster: 'edge',
      }),
      makeWorkspace({
        ...bob,
        name: 'bob-web',
        status: 'stopped',
        blueprint: 'template:default/node',
      }),
      makeWorkspace({
        ...bob,
        name: 'bob-api',
        status: 'running',
        blueprint: 'template:default/node',
      }),
      makeWorkspace({ ...bob, name: 'bob-gone', status: 'deleted' }),
    ],
  });
}

function rowNames(): string[] {
  return screen
    .queryAllByTestId(/^rde-admin-status-/)
    .map(chip =>
      chip.getAttribute('data-testid')!.slice('rde-admin-status-'.length),
    )
    .sort();
}

describe('AdminPage', () => {
  it('is for RDE admins only', async () => {
    const api = new FakeRdeApi();
    await render(api);
    expect(await screen.findByTestId('rde-admin-forbidden')).toHaveTextContent(
      'The RDE admin pages are for RDE admins.',
    );
    expect(api.listAllWorkspaces).not.toHaveBeenCalled();
  });

  it("shows every user's workspaces with the counters over all of them", async () => {
    const api = fleet();
    await render(api);
    const table = await screen.findByTestId('rde-admin-workspaces');
    expect(screen.getByTestId('rde-admin-count-running')).toHaveTextContent(
      '2',
    );
    expect(screen.getByTestId('rde-admin-count-stopped')).toHaveTextContent(
      '1',
    );
    expect(screen.getByTestId('rde-admin-count-failed')).toHaveTextContent('1');
    expect(screen.getByTestId('rde-admin-count-total')).toHaveTextContent('4');
    expect(screen.getByTestId('rde-admin-count-blueprints')).toHaveTextContent(
      '3',
    );
    expect(rowNames()).toEqual(['ada-data', 'ada-web', 'bob-api', 'bob-web']);
    expect(within(table).getAllByText('ada@corp.example')).toHaveLength(2);
    expect(
      within(table).getByText('The image does not exist'),
    ).toBeInTheDocument();
  });

  it('filters by status, cluster and blueprint, and searches by owner email or name', async () => {
    const api = fleet();
    await render(api);
    await screen.findByTestId('rde-admin-workspaces');

    fireEvent.change(screen.getByTestId('rde-admin-filter-status'), {
      target: { value: 'running' },
    });
    await waitFor(() => expect(rowNames()).toEqual(['ada-web', 'bob-api']));
    expect(api.listAllWorkspaces).toHaveBeenLastCalledWith({
      status: 'running',
      cluster: undefined,
      blueprint: undefined,
      q: undefined,
    });
    // Counters stay over everything.
    expect(screen.getByTestId('rde-admin-count-total')).toHaveTextContent('4');

    fireEvent.change(screen.getByTestId('rde-admin-filter-status'), {
      target: { value: '' },
    });
    // The cluster choices include clusters without workspaces.
    expect(
      within(screen.getByTestId('rde-admin-filter-cluster')).getByRole(
        'option',
        { name: 'edge' },
      ),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('rde-admin-filter-cluster'), {
      target: { value: 'edge' },
    });
    await waitFor(() => expect(rowNames()).toEqual(['ada-data']));

    fireEvent.change(screen.getByTestId('rde-admin-filter-cluster'), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByTestId('rde-admin-filter-blueprint'), {
      target: { value: 'template:default/node' },
    });
    await waitFor(() =>
      expect(rowNames()).toEqual(['ada-web', 'bob-api', 'bob-web']),
    );

    fireEvent.change(screen.getByTestId('rde-admin-search'), {
      target: { value: 'BOB@partner' },
    });
    await waitFor(() => expect(rowNames()).toEqual(['bob-api', 'bob-web']));
    expect(api.listAllWorkspaces).toHaveBeenLastCalledWith({
      status: undefined,
      cluster: undefined,
      blueprint: 'template:default/node',
      q: 'BOB@partner',
    });

    fireEvent.change(screen.getByTestId('rde-admin-search'), {
      target: { value: 'api' },
    });
    await waitFor(() => expect(rowNames()).toEqual(['bob-api']));

    fireEvent.change(screen.getByTestId('rde-admin-search'), {
      target: { value: 'nobody' },
    });
    expect(
      await screen.findByTestId('rde-admin-workspaces-empty'),
    ).toBeInTheDocument();
  });

  it("acts on another user's workspace and updates the counters", async () => {
    const api = fleet();
    await render(api);
    await screen.findByTestId('rde-admin-workspaces');
    fireEvent.click(screen.getByTestId('rde-stop-bob-api'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-admin-status-bob-api')).toHaveTextContent(
        'stopping',
      ),
    );
    expect(api.stopWorkspace).toHaveBeenCalledWith('id-bob-api');
    await waitFor(() =>
      expect(screen.getByTestId('rde-admin-count-running')).toHaveTextContent(
        '1',
      ),
    );
  });

  it('edits a blueprint override and resets it to the YAML', async () => {
    const api = fleet();
    await render(api, '/rde/admin/blueprints');
    const card = await screen.findByTestId('rde-admin-bp-node');
    expect(
      screen.queryByTestId('rde-admin-bp-overridden-node'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('rde-admin-bp-source-node')).toHaveTextContent(
      'YAML: enabled; access any signed-in user; trusted nobody',
    );
    const save = screen.getByTestId('rde-admin-bp-save-node');
    expect(save).toBeDisabled(); // nothing changed yet

    fireEvent.change(screen.getByTestId('rde-admin-bp-state-node'), {
      target: { value: 'testing' },
    });
    fireEvent.change(screen.getByTestId('rde-admin-bp-access-node'), {
      target: { value: '@Corp.Example\nsomeone@partner.example\n' },
    });
    fireEvent.click(save);

    expect(
      await screen.findByTestId('rde-admin-bp-overridden-node'),
    ).toBeInTheDocument();
    expect(api.setBlueprintOverride).toHaveBeenCalledWith(
      { namespace: 'default', name: 'node' },
      {
        state: 'testing',
        access: ['corp.example', 'someone@partner.example'],
        trustedUsers: null,
      },
    );
    expect(within(card).getByText('Testing')).toBeInTheDocument();
    expect(screen.getByTestId('rde-admin-bp-access-node')).toHaveValue(
      'corp.example\nsomeone@partner.example',
    );
    expect(
      within(card).getByText(/Override by user:default\/admin/),
    ).toHaveTextContent(
      'state testing; access corp.example, someone@partner.example',
    );
    // The YAML is still shown as it is.
    expect(screen.getByTestId('rde-admin-bp-source-node')).toHaveTextContent(
      'YAML: enabled',
    );

    fireEvent.click(screen.getByTestId('rde-admin-bp-reset-node'));
    await waitFor(() =>
      expect(
        screen.queryByTestId('rde-admin-bp-overridden-node'),
      ).not.toBeInTheDocument(),
    );
    expect(api.deleteBlueprintOverride).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'node',
    });
    expect(screen.getByTestId('rde-admin-bp-state-node')).toHaveValue(
      'enabled',
    );
    expect(screen.getByTestId('rde-admin-bp-access-node')).toHaveValue('');
    expect(screen.getByTestId('rde-admin-bp-reset-node')).toBeDisabled();
  });

  it('refuses access rules and trusted users the backend would refuse', async () => {
    const api = fleet();
    await render(api, '/rde/admin/blueprints');
    await screen.findByTestId('rde-admin-bp-beta');
    fireEvent.change(screen.getByTestId('rde-admin-bp-access-beta'), {
      target: { value: '*.corp.example' },
    });
    fireEvent.change(screen.getByTestId('rde-admin-bp-trusted-beta'), {
      target: { value: 'not an address' },
    });
    expect(screen.getByTestId('rde-admin-bp-save-beta')).toBeDisabled();
    expect(screen.getByText(/contains a wildcard/)).toBeInTheDocument();
    expect(
      screen.getByText(/Trusted user "not an address" is not a single email/),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('rde-admin-bp-access-beta'), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByTestId('rde-admin-bp-trusted-beta'), {
      target: { value: 'Ada@Corp.Example' },
    });
    fireEvent.click(screen.getByTestId('rde-admin-bp-save-beta'));
    await screen.findByTestId('rde-admin-bp-overridden-beta');
    expect(api.setBlueprintOverride).toHaveBeenCalledWith(
      { namespace: 'default', name: 'beta' },
      { state: null, access: null, trustedUsers: ['ada@corp.example'] },
    );
  });

  it('shows the backend refusal of an override', async () => {
    const api = fleet();
    api.setBlueprintOverride.mockRejectedValueOnce(
      new Error('The blueprint changed meanwhile; reload and try again'),
    );
    await render(api, '/rde/admin/blueprints');
    await screen.findByTestId('rde-admin-bp-python');
    fireEvent.change(screen.getByTestId('rde-admin-bp-state-python'), {
      target: { value: 'disabled' },
    });
    fireEvent.click(screen.getByTestId('rde-admin-bp-save-python'));
    expect(
      await screen.findByTestId('rde-admin-bp-error-python'),
    ).toHaveTextContent(
      'The blueprint changed meanwhile; reload and try again',
    );
  });

  it('lists audit rows and filters them', async () => {
    const api = fleet();
    await api.stopWorkspace('id-ada-web');
    await api.startWorkspace('id-bob-web');
    await render(api, '/rde/admin/audit');
    const audit = await screen.findByTestId('rde-admin-audit');
    expect(
      await within(audit).findByText('workspace-stop'),
    ).toBeInTheDocument();
    expect(within(audit).getByText('workspace-start')).toBeInTheDocument();
    expect(within(audit).getAllByText('admin@corp.example')).toHaveLength(2);
    expect(within(audit).getByText('ada-web')).toBeInTheDocument();
    expect(api.listAuditRecords).toHaveBeenCalledWith({
      actor: undefined,
      action: undefined,
      workspaceId: undefined,
      limit: 200,
    });

    fireEvent.change(screen.getByTestId('rde-admin-audit-action'), {
      target: { value: 'workspace-start' },
    });
    await waitFor(() =>
      expect(
        within(audit).queryByText('workspace-stop'),
      ).not.toBeInTheDocument(),
    );
    expect(within(audit).getByText('workspace-start')).toBeInTheDocument();
  });

  it('changes the per-user limit', async () => {
    const api = fleet();
    await render(api, '/rde/admin/settings');
    const limit = await screen.findByTestId('rde-admin-settings-limit');
    expect(limit).toHaveValue('3');
    fireEvent.change(limit, { target: { value: 'x' } });
    expect(screen.getByTestId('rde-admin-settings-save')).toBeDisabled();
    fireEvent.change(limit, { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('rde-admin-settings-save'));
    expect(
      await screen.findByTestId('rde-admin-settings-result'),
    ).toHaveTextContent('Saved.');
    expect(api.updateSettings).toHaveBeenCalledWith({
      maxRunningWorkspacesPerUser: 5,
    });
    expect(api.settings.maxRunningWorkspacesPerUser).toBe(5);
  });

  it('switches tabs through links', async () => {
    const api = fleet();
    await render(api);
    await screen.findByTestId('rde-admin-workspaces');
    fireEvent.click(screen.getByTestId('rde-admin-tab-blueprints'));
    expect(
      await screen.findByTestId('rde-admin-blueprints'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('rde-admin-tab-workspaces'));
    expect(
      await screen.findByTestId('rde-admin-workspaces'),
    ).toBeInTheDocument();
  });
});
