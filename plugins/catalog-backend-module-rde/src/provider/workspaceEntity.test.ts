import {
  entityEnvelopeSchemaValidator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { Workspace } from '@rde-portal/plugin-rde-common';
import {
  workspaceEntityName,
  workspaceEntityRef,
  workspaceToEntity,
} from './workspaceEntity';

const workspace: Workspace = {
  id: '0b6f3c1e-5d7a-4c39-9a51-7f2a9c4e1d20',
  name: 'alice-node-web-x7k2',
  owner: 'user:development/Alice',
  ownerEmail: 'alice@corp.example',
  blueprint: 'template:default/node-web',
  cluster: 'local',
  status: 'running',
  operation: 'create',
  createdAt: '2026-01-02T10:00:00.000Z',
  updatedAt: '2026-01-02T10:01:00.000Z',
};

describe('workspaceToEntity', () => {
  it('builds the Resource entity of a workspace', () => {
    expect(
      workspaceToEntity(workspace, { appBaseUrl: 'http://localhost:3000/' }),
    ).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'ws-0b6f3c1e-5d7a-4c39-9a51-7f2a9c4e1d20',
        namespace: 'default',
        title: 'alice-node-web-x7k2',
        description:
          'Workspace alice-node-web-x7k2 of user:development/alice, from blueprint template:default/node-web',
        annotations: {
          'backstage.io/managed-by-location': 'rde:workspaces',
          'backstage.io/managed-by-origin-location': 'rde:workspaces',
          'rde/workspace-id': '0b6f3c1e-5d7a-4c39-9a51-7f2a9c4e1d20',
          'rde/workspace-status': 'running',
          'rde/cluster': 'local',
          'rde/blueprint': 'template:default/node-web',
        },
        labels: { 'rde/status': 'running' },
        tags: ['rde'],
        links: [
          {
            url: 'http://localhost:3000/rde/workspaces/0b6f3c1e-5d7a-4c39-9a51-7f2a9c4e1d20',
            title: 'Open workspace',
            icon: 'dashboard',
          },
        ],
      },
      spec: {
        type: 'rde-workspace',
        owner: 'user:development/alice',
        dependsOn: ['template:default/node-web'],
      },
    });
  });

  it('produces an entity the catalog accepts as a Resource', async () => {
    const entity = workspaceToEntity(workspace);
    expect(() => entityEnvelopeSchemaValidator()(entity)).not.toThrow();
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
    expect(entity.metadata.links).toBeUndefined();
  });

  it('fills in kinds and the default namespace of short refs', () => {
    const entity = workspaceToEntity({
      ...workspace,
      owner: 'guest',
      blueprint: 'node-web',
      status: 'stopped',
    });
    expect(entity.spec).toMatchObject({
      owner: 'user:default/guest',
      dependsOn: ['template:default/node-web'],
    });
    expect(entity.metadata.annotations).toMatchObject({
      'rde/blueprint': 'template:default/node-web',
      'rde/workspace-status': 'stopped',
    });
    expect(entity.metadata.labels).toEqual({ 'rde/status': 'stopped' });
  });

  it('refuses ids that cannot make an entity name, naming the id', () => {
    expect(() => workspaceToEntity({ ...workspace, id: 'a b' })).toThrow(
      /Workspace id "a b" does not make a valid entity name/,
    );
    expect(() => workspaceEntityName('x'.repeat(61))).toThrow(/valid entity/);
  });

  it('refuses an owner that is not an entity ref', () => {
    expect(() =>
      workspaceToEntity({ ...workspace, owner: 'a:b:c/d/e' }),
    ).toThrow(/Workspace owner "a:b:c\/d\/e" is not a valid entity ref/);
  });

  it('derives the entity ref from the id', () => {
    expect(workspaceEntityRef('ABC-1')).toBe('resource:default/ws-abc-1');
  });
});
