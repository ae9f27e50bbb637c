import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessorResult,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import { parseBlueprintSpec } from '@rde-portal/plugin-rde-common';
import fs from 'node:fs';
import path from 'node:path';
import { RdeBlueprintProcessor } from './processor/RdeBlueprintProcessor';

/** The demo's blueprints (issue 3: "The demo ships three blueprints in `examples/`"). */
const BLUEPRINTS_DIR = path.resolve(__dirname, '../../../examples/blueprints');
const NAME_PATTERN = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';

function readEntities(target: string): Entity[] {
  const results = [
    ...parseEntityYaml(fs.readFileSync(target), { type: 'file', target }),
  ];
  const errors = results.flatMap(r => (r.type === 'error' ? [r.error] : []));
  expect(errors).toEqual([]);
  return results.flatMap(r => (r.type === 'entity' ? [r.entity] : []));
}

function readTemplate(file: string): Entity {
  const entities = readEntities(path.join(BLUEPRINTS_DIR, file));
  expect(entities).toHaveLength(1);
  return entities[0];
}

describe('examples/blueprints', () => {
  it('holds exactly the three demo blueprints', () => {
    expect(
      fs
        .readdirSync(BLUEPRINTS_DIR)
        .filter(f => f.endsWith('.yaml'))
        .sort(),
    ).toEqual(['ai-assistant.yaml', 'node-web.yaml', 'python-app.yaml']);
  });

  it.each(['node-web.yaml', 'python-app.yaml', 'ai-assistant.yaml'])(
    '%s is a valid blueprint template that launches itself',
    async file => {
      const entity = readTemplate(file);
      const ref = stringifyEntityRef(entity);
      expect(entity.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
      expect(entity.kind).toBe('Template');
      expect(`${entity.metadata.name}.yaml`).toBe(file);
      expect(entity.spec?.type).toBe('rde-blueprint');
      expect(entity.spec?.owner).toEqual(expect.any(String));

      expect(() => parseBlueprintSpec(entity.spec?.rde)).not.toThrow();
      const emitted: CatalogProcessorResult[] = [];
      await new RdeBlueprintProcessor().postProcessEntity(
        entity,
        { type: 'file', target: file },
        r => emitted.push(r),
      );
      expect(emitted).toEqual([]);

      const parameters = entity.spec?.parameters as Array<{
        properties?: Record<string, { type?: string; pattern?: string }>;
        required?: string[];
      }>;
      const nameField = parameters.find(p => p.properties?.name)!;
      expect(nameField.properties!.name).toMatchObject({
        type: 'string',
        pattern: NAME_PATTERN,
      });
      expect(nameField.required ?? []).not.toContain('name');

      const steps = entity.spec?.steps as Array<{
        id: string;
        action: string;
        input: Record<string, unknown>;
      }>;
      expect(steps).toEqual([
        {
          id: 'workspace',
          name: 'Create workspace',
          action: 'rde:workspace:create',
          input: { blueprint: ref, name: '${{ parameters.name }}' },
        },
      ]);
      expect(entity.spec?.output).toEqual({
        links: [
          {
            title: 'Open workspace',
            url: "${{ steps['workspace'].output.workspaceUrl }}",
          },
        ],
      });
    },
  );

  it('node-web is open to everybody, on cluster local, port 3000, with shell and node tabs', () => {
    const spec = parseBlueprintSpec(readTemplate('node-web.yaml').spec?.rde);
    expect(spec).toMatchObject({
      cluster: 'local',
      access: [],
      state: 'enabled',
      ports: [{ port: 3000, name: 'web', protocol: 'http' }],
      terminalTabs: [
        { name: 'shell', command: 'bash -l' },
        { name: 'node', command: 'node' },
      ],
    });
    expect(spec.startupCommand).toEqual(expect.any(String));
  });

  it('python-app is restricted to the corp.example domain', () => {
    const spec = parseBlueprintSpec(readTemplate('python-app.yaml').spec?.rde);
    expect(spec).toMatchObject({
      cluster: 'local',
      access: [{ domain: 'corp.example' }],
      ports: [{ port: 8000 }],
      state: 'enabled',
    });
  });

  it('ai-assistant is in testing, with an AI tool tab and a secret reference', () => {
    const spec = parseBlueprintSpec(
      readTemplate('ai-assistant.yaml').spec?.rde,
    );
    expect(spec.state).toBe('testing');
    expect(spec.terminalTabs.map(t => t.command)).toContain('aider');
    expect(spec.env.OPENAI_API_KEY).toEqual({ secretRef: 'ai-api-key' });
  });
});

describe('examples/org.yaml and examples/entities.yaml', () => {
  const examples = path.resolve(BLUEPRINTS_DIR, '..');

  it('has the guest sign-in user (user:development/guest) with a corp.example email', () => {
    const users = readEntities(path.join(examples, 'org.yaml')).filter(
      e => stringifyEntityRef(e) === 'user:development/guest',
    );
    expect(users).toHaveLength(1);
    expect(users[0].spec).toMatchObject({
      profile: { email: 'guest@corp.example' },
      memberOf: ['group:default/guests'],
    });
  });

  it('has a component to open in a workspace: rde/blueprint names a demo blueprint, with a source location', () => {
    const components = readEntities(
      path.join(examples, 'entities.yaml'),
    ).filter(e => e.metadata.annotations?.['rde/blueprint']);
    expect(components.length).toBeGreaterThan(0);
    const blueprintRefs = fs
      .readdirSync(BLUEPRINTS_DIR)
      .filter(f => f.endsWith('.yaml'))
      .map(f => stringifyEntityRef(readTemplate(f)));
    for (const component of components) {
      const annotations = component.metadata.annotations!;
      expect(blueprintRefs).toContain(annotations['rde/blueprint']);
      expect(annotations['backstage.io/source-location']).toMatch(
        /^url:https:\/\//,
      );
    }
  });
});
