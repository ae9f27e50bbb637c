import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { rdeApiRef } from '../api/RdeApi';
import { rootRouteRef } from '../routes';
import { FakeRdeApi, makeWorkspace } from '../testUtils/FakeRdeApi';
import rdePlugin, {
  rdeEntityLaunchWorkspaceCard,
  rdeEntityOpenInWorkspaceCard,
  rdeEntityWorkspaceContent,
  rdePage,
} from '../alpha';

function entity(
  kind: string,
  type: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: { type },
  };
}

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

  it('serves the admin pages at /rde/admin', async () => {
    const api = new FakeRdeApi({ user: { isAdmin: true } });
    renderTestApp({
      features: [rdePlugin],
      apis: [[rdeApiRef, api]],
      initialRouteEntries: ['/rde/admin'],
    });
    expect(
      await screen.findByTestId(
        'rde-admin-count-running',
        {},
        { timeout: 15000 },
      ),
    ).toHaveTextContent('0');
  });

  it('registers the catalog extensions under the ids the README names', () => {
    expect(rdePlugin.getExtension('entity-content:rde/workspace')).toEqual({
      ...rdeEntityWorkspaceContent,
      namespace: 'rde',
    });
    expect(rdePlugin.getExtension('entity-card:rde/launch-workspace')).toEqual({
      ...rdeEntityLaunchWorkspaceCard,
      namespace: 'rde',
    });
    expect(rdePlugin.getExtension('entity-card:rde/open-in-workspace')).toEqual(
      { ...rdeEntityOpenInWorkspaceCard, namespace: 'rde' },
    );
  });

  it('puts the workspace content on workspace resources only', () => {
    const tester = createExtensionTester(rdeEntityWorkspaceContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/workspace');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Workspace');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(
      filter(entity('Resource', 'rde-workspace', { 'rde/workspace-id': 'w1' })),
    ).toBe(true);
    expect(filter(entity('Resource', 'database'))).toBe(false);
    expect(filter(entity('Component', 'rde-workspace'))).toBe(false);
  });

  it('puts the launch card on blueprint templates only', () => {
    const filter = createExtensionTester(rdeEntityLaunchWorkspaceCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entity('Template', 'rde-blueprint'))).toBe(true);
    expect(filter(entity('Template', 'service'))).toBe(false);
    expect(filter(entity('Component', 'rde-blueprint'))).toBe(false);
  });

  it('puts the open-in-workspace card on components with rde/blueprint only', () => {
    const filter = createExtensionTester(rdeEntityOpenInWorkspaceCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(
      filter(entity('Component', 'service', { 'rde/blueprint': 'node-web' })),
    ).toBe(true);
    expect(filter(entity('Component', 'service'))).toBe(false);
    expect(
      filter(entity('Resource', 'database', { 'rde/blueprint': 'node-web' })),
    ).toBe(false);
  });
});
