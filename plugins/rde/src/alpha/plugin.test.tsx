import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { rdeApiRef } from '../api/RdeApi';
import { rootRouteRef } from '../routes';
import { FakeRdeApi, makeWorkspace } from '../testUtils/FakeRdeApi';
import rdePlugin, { rdePage } from '../alpha';

describe('rde plugin (new frontend system)', () => {
  it('has the id, title and page the app navigation uses', () => {
    expect(rdePlugin.pluginId).toBe('rde');
    expect(rdePlugin.title).toBe('Workspaces');
    const tester = createExtensionTester(rdePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/rde');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Workspaces');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('serves the workspaces page at /rde, with a navigation item', async () => {
    const api = new FakeRdeApi({
      workspaces: [makeWorkspace({ name: 'demo', status: 'running' })],
    });
    renderTestApp({
      features: [rdePlugin],
      apis: [[rdeApiRef, api]],
      initialRouteEntries: ['/rde'],
    });
    expect(
      await screen.findByTestId('rde-status-demo', {}, { timeout: 15000 }),
    ).toHaveTextContent('running');
    expect(screen.getByTestId('rde-open-demo')).toHaveAttribute(
      'href',
      '/rde/workspaces/id-demo',
    );
    // The page's title and icon make it a navigation item.
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(nav.querySelector('a[href="/rde"]')).toHaveTextContent('Workspaces');
  });
});
