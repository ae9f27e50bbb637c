import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { rdeApiRef } from './api/RdeApi';
import { LegacyRdePage } from './components/RdeRoutes';
import { EntityRdeLaunchWorkspaceCard, rdePlugin } from './plugin';
import { rootRouteRef } from './routes';
import {
  FakeRdeApi,
  makeBlueprint,
  makeWorkspace,
} from './testUtils/FakeRdeApi';

describe('rde plugin (old frontend system)', () => {
  it('is the rde plugin', () => {
    expect(rdePlugin.getId()).toBe('rde');
  });

  it('renders the workspaces page in the classic page chrome', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'stopped' })],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[rdeApiRef, api]]}>
        <LegacyRdePage />
      </TestApiProvider>,
      { mountedRoutes: { '/rde': rootRouteRef } },
    );
    expect(await screen.findByTestId('rde-status-demo')).toHaveTextContent(
      'stopped',
    );
    expect(screen.getByTestId('rde-open-demo')).toHaveAttribute(
      'href',
      '/rde/workspaces/id-demo',
    );
  });

  it('exports the entity cards as extensions of the plugin', async () => {
    const api = new FakeRdeApi({
      blueprints: [makeBlueprint({ name: 'node-web', image: 'node:24' })],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[rdeApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'scaffolder.backstage.io/v1beta3',
            kind: 'Template',
            metadata: { name: 'node-web' },
            spec: { type: 'rde-blueprint' },
          }}
        >
          <EntityRdeLaunchWorkspaceCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/rde': rootRouteRef } },
    );
    expect(await screen.findByTestId('rde-entity-launch')).toBeEnabled();
    expect(api.getBlueprint).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'node-web',
    });
  });
});
