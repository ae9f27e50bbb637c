import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  blueprintEntity,
  testBlueprintEntities,
} from '../__testUtils__/testBlueprints';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseBlueprintOverrideStore } from '../database/DatabaseBlueprintOverrideStore';
import { getMigratedClient } from '../database/migrations';
import {
  CatalogBlueprintProvider,
  normalizeBlueprintRef,
} from './CatalogBlueprintProvider';

jest.setTimeout(30_000);

const databases = createTestDatabases();

async function setup(cacheTtlMs = 0) {
  const knex = await databases.init('SQLITE_3');
  const overrides = new DatabaseBlueprintOverrideStore(
    await getMigratedClient(mockServices.database({ knex })),
  );
  const catalog = catalogServiceMock({
    entities: [
      ...testBlueprintEntities(),
      // Not blueprints: another template type, and a component.
      {
        ...blueprintEntity('plain', { image: 'x', cluster: 'local' }),
        spec: { type: 'service', steps: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'web' },
        spec: { type: 'rde-blueprint' },
      },
    ],
  });
  const logger = mockServices.logger.mock();
  const provider = new CatalogBlueprintProvider({
    catalog,
    auth: mockServices.auth(),
    overrides,
    logger,
    cacheTtlMs,
  });
  return { provider, overrides, logger, catalog };
}

describe('CatalogBlueprintProvider', () => {
  it('reads rde-blueprint templates, validated and defaulted, and leaves invalid ones out', async () => {
    const { provider, logger } = await setup();
    const all = await provider.list();
    expect(all.map(b => b.ref)).toEqual([
      'template:default/beta',
      'template:default/corp-only',
      'template:default/demo',
      'template:default/off',
      'template:default/remote',
    ]);
    const demo = all.find(b => b.name === 'demo')!;
    expect(demo.spec.resources).toEqual({
      cpu: '1',
      memory: '2Gi',
      storage: '10Gi',
    });
    expect(demo.state).toBe('enabled');
    await provider.list();
    // The invalid one is logged once, naming the field.
    const warnings = logger.warn.mock.calls.map(c => String(c[0]));
    expect(warnings).toEqual([
      expect.stringMatching(
        /Blueprint template:default\/broken is not offered: .*rde\.cluster/,
      ),
    ]);
  });

  it('finds a blueprint by ref, namespace/name or bare name, case-insensitively', async () => {
    const { provider } = await setup();
    for (const ref of ['demo', 'default/demo', 'Template:Default/DEMO']) {
      expect((await provider.get(ref))?.ref).toBe('template:default/demo');
    }
    expect(await provider.get('broken')).toBeUndefined();
    expect(await provider.get('component:default/web')).toBeUndefined();
    expect(normalizeBlueprintRef('team/x')).toBe('template:team/x');
  });

  it('applies overrides on every call, even with the template list cached', async () => {
    const { provider, overrides } = await setup(60_000);
    expect((await provider.get('demo'))?.state).toBe('enabled');
    await overrides.put('template:default/demo', {
      state: 'testing',
      access: ['corp.example'],
      trustedUsers: ['a@b.example'],
      updatedBy: 'user:default/root',
    });
    const after = await provider.get('demo');
    expect(after).toMatchObject({
      state: 'testing',
      access: [{ domain: 'corp.example' }],
      trustedUsers: ['a@b.example'],
      override: { updatedBy: 'user:default/root' },
    });
    // YAML stays visible next to the override.
    expect(after?.spec.state).toBe('enabled');
  });
});
