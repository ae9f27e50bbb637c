import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { rdeApiRef } from './api/RdeApi';
import {
  FakeRdeApi,
  makeBlueprint,
  makeWorkspace,
} from './testUtils/FakeRdeApi';
import rdePlugin from './alpha';

jest.setTimeout(60_000);

/** The three kinds of entity pages RDE adds to, rendered by the real catalog plugin. */
const entities: Entity[] = [
  {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'node-web', namespace: 'default' },
    spec: { type: 'rde-blueprint' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop',
      namespace: 'default',
      annotations: {
        'rde/blueprint': 'node-web',
        'backstage.io/source-location': 'url:https://git.example.com/shop',
      },
    },
    spec: { type: 'service', owner: 'x', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'ws',
      namespace: 'default',
      annotations: { 'rde/workspace-id': 'id-demo' },
    },
    spec: { type: 'rde-workspace', owner: 'user:default/guest' },
  },
];

function renderAt(path: string) {
  const api = new FakeRdeApi({
    blueprints: [makeBlueprint({ name: 'node-web' })],
    workspaces: [makeWorkspace({ name: 'demo', status: 'stopped' })],
  });
  renderTestApp({
    features: [catalogPlugin, rdePlugin],
    apis: [
      [catalogApiRef, catalogApiMock({ entities })],
      [rdeApiRef, api],
    ],
    initialRouteEntries: [path],
  });
}

describe('RDE on catalog entity pages', () => {
  it('shows the launch card on a blueprint template', async () => {
    renderAt('/catalog/default/template/node-web');
    expect(
      await screen.findByTestId('rde-entity-launch', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
  });

  it('shows "open in a workspace" on a component with rde/blueprint', async () => {
    renderAt('/catalog/default/component/shop');
    expect(
      await screen.findByTestId(
        'rde-entity-open-in-workspace',
        {},
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
  });

  it('shows the workspace tab on a workspace resource', async () => {
    renderAt('/catalog/default/resource/ws/workspace');
    expect(
      await screen.findByTestId(
        'rde-workspace-status',
        {},
        { timeout: 30_000 },
      ),
    ).toHaveTextContent('stopped');
  });
});
