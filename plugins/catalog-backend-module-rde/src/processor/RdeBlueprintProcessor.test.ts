import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { RdeBlueprintProcessor } from './RdeBlueprintProcessor';

const location = { type: 'file', target: '/blueprints/node-web.yaml' };

function template(spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'node-web', namespace: 'default' },
    spec: { owner: 'group:default/guests', steps: [], ...spec },
  };
}

async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const input = JSON.parse(JSON.stringify(entity));
  const result = await new RdeBlueprintProcessor().postProcessEntity(
    input,
    location,
    r => emitted.push(r),
  );
  return { result, emitted };
}

describe('RdeBlueprintProcessor', () => {
  it('accepts a valid blueprint without emitting anything and leaves it unchanged', async () => {
    const entity = template({
      type: 'rde-blueprint',
      rde: { image: 'node:24', cluster: 'local', ports: [{ port: 3000 }] },
    });
    const { result, emitted } = await process(entity);
    expect(emitted).toEqual([]);
    expect(result).toEqual(entity);
  });

  it('emits an input error naming the field of an invalid blueprint', async () => {
    const { result, emitted } = await process(
      template({
        type: 'rde-blueprint',
        rde: { image: 'node:24', cluster: 'local', ports: [{ port: 70000 }] },
      }),
    );
    expect(emitted).toHaveLength(1);
    const [error] = emitted;
    expect(error.type).toBe('error');
    if (error.type !== 'error') throw new Error('unreachable');
    expect(error.location).toEqual(location);
    expect(error.error.name).toBe('InputError');
    expect(error.error.message).toBe(
      'Invalid blueprint: rde.ports[0].port: must be between 1 and 65535 (in spec.rde of template:default/node-web)',
    );
    expect(result.spec?.rde).toEqual({
      image: 'node:24',
      cluster: 'local',
      ports: [{ port: 70000 }],
    });
  });

  it('names every offending field, including misspelt ones', async () => {
    const { emitted } = await process(
      template({
        type: 'rde-blueprint',
        rde: { image: 'node:24', clustr: 'local' },
      }),
    );
    expect(emitted).toHaveLength(1);
    const message = emitted[0].type === 'error' ? emitted[0].error.message : '';
    expect(message).toContain('rde.cluster: is required');
    expect(message).toContain('rde.clustr: is not a known field');
  });

  it('reports a blueprint without spec.rde', async () => {
    const { emitted } = await process(template({ type: 'rde-blueprint' }));
    expect(emitted).toHaveLength(1);
    expect(emitted[0].type === 'error' && emitted[0].error.message).toBe(
      'Invalid blueprint: rde: is required (in spec.rde of template:default/node-web)',
    );
  });

  it('leaves templates of other types and other kinds untouched', async () => {
    const service = template({ type: 'service', rde: { nonsense: true } });
    expect(await process(service)).toEqual({ result: service, emitted: [] });

    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: { type: 'rde-blueprint', owner: 'guests', lifecycle: 'x' },
    };
    expect(await process(component)).toEqual({
      result: component,
      emitted: [],
    });
  });
});
