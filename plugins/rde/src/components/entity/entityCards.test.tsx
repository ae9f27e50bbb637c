import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { rdeApiRef } from '../../api/RdeApi';
import { rootRouteRef } from '../../routes';
import {
  FakeRdeApi,
  makeAdminBlueprint,
  makeBlueprint,
  makeWorkspace,
} from '../../testUtils/FakeRdeApi';
import { EntityLaunchWorkspaceCard } from './EntityLaunchWorkspaceCard';
import { EntityOpenInWorkspaceCard } from './EntityOpenInWorkspaceCard';
import { EntityWorkspaceContent } from './EntityWorkspaceContent';

jest.mock('../Terminal', () => ({
  WorkspaceTerminal: (props: { workspaceId: string }) => (
    <div data-testid="rde-terminal">terminal of {props.workspaceId}</div>
  ),
}));

function Location() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

async function render(api: FakeRdeApi, entity: Entity, card: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider apis={[[rdeApiRef, api]]}>
      <EntityProvider entity={entity}>
        {card}
        <Location />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/rde': rootRouteRef } },
  );
}

function template(name: string, namespace = 'default'): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace },
    spec: { type: 'rde-blueprint' },
  };
}

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const nodeWeb = makeBlueprint({
  name: 'node-web',
  namespace: 'web',
  title: 'Node web app',
  image: 'node:24',
  repository: { url: 'https://git.example.com/demo/node-web.git' },
});

describe('EntityLaunchWorkspaceCard', () => {
  it("launches the page's blueprint and goes to the new workspace", async () => {
    const api = new FakeRdeApi({ blueprints: [nodeWeb] });
    await render(
      api,
      template('node-web', 'web'),
      <EntityLaunchWorkspaceCard />,
    );

    expect(await screen.findByTestId('rde-summary-image')).toHaveTextContent(
      'node:24',
    );
    expect(api.getBlueprint).toHaveBeenCalledWith({
      namespace: 'web',
      name: 'node-web',
    });
    fireEvent.click(screen.getByTestId('rde-entity-launch'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('rde-workspace-name'), {
      target: { value: 'try-it' },
    });
    fireEvent.change(within(dialog).getByTestId('rde-workspace-ref'), {
      target: { value: 'v2' },
    });
    fireEvent.click(within(dialog).getByTestId('rde-create-workspace'));

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/rde/workspaces/id-try-it',
      ),
    );
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:web/node-web',
      name: 'try-it',
      repository: { ref: 'v2' },
    });
  });

  it('does not offer to launch a blueprint in testing, and says why', async () => {
    const api = new FakeRdeApi({
      blueprints: [makeBlueprint({ name: 'beta', state: 'testing' })],
    });
    await render(api, template('beta'), <EntityLaunchWorkspaceCard />);
    expect(await screen.findByTestId('rde-entity-launch')).toBeDisabled();
    expect(screen.getByTestId('rde-entity-launch-reason')).toHaveTextContent(
      'only admins and trusted users may launch it',
    );
    expect(screen.getByText('Testing')).toBeInTheDocument();
  });

  it('does not offer to launch once the running limit is reached', async () => {
    const api = new FakeRdeApi({
      blueprints: [nodeWeb],
      limit: 1,
      workspaces: [makeWorkspace({ name: 'busy', status: 'running' })],
    });
    await render(
      api,
      template('node-web', 'web'),
      <EntityLaunchWorkspaceCard />,
    );
    expect(await screen.findByTestId('rde-entity-launch')).toBeDisabled();
    expect(screen.getByTestId('rde-entity-launch-reason')).toHaveTextContent(
      'You have reached your limit of 1 running workspace.',
    );
  });

  it('says so when the user may not see the blueprint', async () => {
    const api = new FakeRdeApi({
      blueprints: [
        makeAdminBlueprint({ name: 'private', access: ['other.example'] }),
      ],
    });
    await render(api, template('private'), <EntityLaunchWorkspaceCard />);
    expect(
      await screen.findByTestId('rde-entity-blueprint-unavailable'),
    ).toHaveTextContent('You may not launch blueprint default/private');
    expect(screen.queryByTestId('rde-entity-launch')).not.toBeInTheDocument();
  });
});

describe('EntityOpenInWorkspaceCard', () => {
  it("launches the annotated blueprint with the component's repository", async () => {
    const api = new FakeRdeApi({ blueprints: [nodeWeb] });
    await render(
      api,
      component({
        'rde/blueprint': 'template:web/node-web',
        'backstage.io/source-location':
          'url:https://git.example.com/shop/storefront/',
      }),
      <EntityOpenInWorkspaceCard />,
    );
    expect(
      await screen.findByTestId('rde-summary-repository'),
    ).toHaveTextContent('https://git.example.com/shop/storefront/');
    fireEvent.click(screen.getByTestId('rde-entity-open-in-workspace'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('rde-create-workspace'));

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/rde/workspaces/id-guest-node-web-1',
      ),
    );
    expect(api.getBlueprint).toHaveBeenCalledWith({
      namespace: 'web',
      name: 'node-web',
    });
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:web/node-web',
      repository: { url: 'https://git.example.com/shop/storefront/' },
    });
  });

  it("uses the blueprint's repository when the component has no URL source", async () => {
    const api = new FakeRdeApi({
      blueprints: [makeBlueprint({ name: 'shell' })],
    });
    await render(
      api,
      component({
        'rde/blueprint': 'shell',
        'backstage.io/source-location': 'dir:./local/path',
      }),
      <EntityOpenInWorkspaceCard />,
    );
    fireEvent.click(await screen.findByTestId('rde-entity-open-in-workspace'));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByTestId(
        'rde-create-workspace',
      ),
    );
    await waitFor(() => expect(api.createWorkspace).toHaveBeenCalled());
    expect(api.createWorkspace).toHaveBeenCalledWith({
      blueprint: 'template:default/shell',
    });
    expect(screen.getByText(/has no URL source location/)).toBeInTheDocument();
  });

  it('explains an annotation that names something else than a blueprint', async () => {
    const api = new FakeRdeApi();
    await render(
      api,
      component({ 'rde/blueprint': 'component:default/shop' }),
      <EntityOpenInWorkspaceCard />,
    );
    expect(
      await screen.findByTestId('rde-entity-bad-annotation'),
    ).toHaveTextContent('names a component, not a blueprint template');
    expect(api.getBlueprint).not.toHaveBeenCalled();
  });
});

describe('EntityWorkspaceContent', () => {
  const resource = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'guest-demo', annotations },
    spec: { type: 'rde-workspace', owner: 'user:default/guest' },
  });

  it('shows the workspace of the annotation with its status, actions and terminal', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'running' })],
    });
    await render(
      api,
      resource({ 'rde/workspace-id': 'id-demo' }),
      <EntityWorkspaceContent />,
    );
    expect(await screen.findByTestId('rde-workspace-status')).toHaveTextContent(
      'running',
    );
    expect(screen.getByTestId('rde-terminal')).toHaveTextContent(
      'terminal of id-demo',
    );
    fireEvent.click(screen.getByTestId('rde-stop-demo'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-workspace-status')).toHaveTextContent(
        'stopping',
      ),
    );
    expect(screen.getByTestId('rde-workspace-progress')).toHaveTextContent(
      'Stopping…',
    );
  });

  it('follows a delete on the entity page instead of leaving it', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'stopped' })],
    });
    await render(
      api,
      resource({ 'rde/workspace-id': 'id-demo' }),
      <EntityWorkspaceContent />,
    );
    fireEvent.click(await screen.findByTestId('rde-delete-demo'));
    fireEvent.click(await screen.findByTestId('rde-confirm-delete'));
    await waitFor(() =>
      expect(screen.getByTestId('rde-workspace-status')).toHaveTextContent(
        'deleting',
      ),
    );
    expect(screen.getByTestId('location').textContent).toBe('/');
  });

  it('names the missing annotation', async () => {
    const api = new FakeRdeApi();
    await render(api, resource({}), <EntityWorkspaceContent />);
    expect(
      (await screen.findAllByText(/rde\/workspace-id/)).length,
    ).toBeGreaterThan(0);
    expect(api.getWorkspace).not.toHaveBeenCalled();
  });
});
