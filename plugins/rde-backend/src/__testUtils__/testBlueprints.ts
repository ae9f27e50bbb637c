import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { BlueprintOverrideStore } from '../database/BlueprintOverrideStore';
import { CatalogBlueprintProvider } from '../service/CatalogBlueprintProvider';

/**
 * A blueprint template entity as it sits in the catalog (`kind: Template`,
 * `spec.type: rde-blueprint`) with `rde` as its `spec.rde` block.
 */
export function blueprintEntity(
  name: string,
  rde: JsonObject,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default', title: name, ...metadata },
    spec: {
      type: 'rde-blueprint',
      owner: 'group:default/platform',
      steps: [],
      rde,
    },
  };
}

/** A User entity with an email, as the ActorResolver reads it. */
export function userEntity(name: string, email: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email }, memberOf: [] },
  };
}

/**
 * The demo blueprints of the service and router tests: `demo` (cluster local, open, env with a
 * secret, a startup command), `remote` (cluster eu), `corp-only` (domain corp.example), `beta`
 * (testing, trusted tess@corp.example), `off` (disabled) and one invalid template.
 */
export function testBlueprintEntities(): Entity[] {
  return [
    blueprintEntity('demo', {
      image: 'debian:12',
      cluster: 'local',
      env: { GREETING: 'hi', TOKEN: { secretRef: 'demo-token' } },
      startupCommand: 'echo ready',
      ports: [{ port: 3000 }],
    }),
    blueprintEntity('remote', { image: 'x', cluster: 'eu' }),
    blueprintEntity('corp-only', {
      image: 'x',
      cluster: 'local',
      access: ['@corp.example'],
      repository: { url: 'https://git.corp.example/app.git', ref: 'main' },
    }),
    blueprintEntity('beta', {
      image: 'x',
      cluster: 'local',
      state: 'testing',
      trustedUsers: ['tess@corp.example'],
    }),
    blueprintEntity('off', { image: 'x', cluster: 'local', state: 'disabled' }),
    blueprintEntity('broken', { image: 'x', cluster: 'Not A Label' }),
  ];
}

/** A {@link CatalogBlueprintProvider} over Backstage's in-memory catalog mock, without caching. */
export function createTestBlueprints(
  overrides: BlueprintOverrideStore,
  entities: Entity[] = testBlueprintEntities(),
): CatalogBlueprintProvider {
  return new CatalogBlueprintProvider({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    overrides,
    logger: mockServices.logger.mock(),
    cacheTtlMs: 0,
  });
}
