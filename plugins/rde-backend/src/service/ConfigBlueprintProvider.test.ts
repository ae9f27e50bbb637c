import { ConfigReader } from '@backstage/config';
import { ConfigBlueprintProvider } from './ConfigBlueprintProvider';
import { toPublicBlueprint } from './BlueprintProvider';

describe('ConfigBlueprintProvider', () => {
  const config = new ConfigReader({
    rde: {
      blueprints: [
        {
          name: 'shell',
          title: 'Shell',
          cluster: 'local',
          image: 'debian:12',
          env: { EDITOR: 'vim', LANG: 'C.UTF-8' },
        },
        {
          name: 'demo',
          title: 'Demo',
          description: 'A demo',
          cluster: 'local',
          image: 'node:24',
          initCommand: 'npm ci',
        },
      ],
    },
  });

  it('lists blueprints by name and finds them', async () => {
    const provider = ConfigBlueprintProvider.fromConfig(config);
    expect((await provider.list()).map(b => b.name)).toEqual(['demo', 'shell']);
    expect(await provider.get('shell')).toEqual({
      name: 'shell',
      title: 'Shell',
      cluster: 'local',
      image: 'debian:12',
      env: { EDITOR: 'vim', LANG: 'C.UTF-8' },
    });
    expect((await provider.get('demo'))?.initCommand).toBe('npm ci');
    expect(await provider.get('nope')).toBeUndefined();
  });

  it('exposes only the public part', async () => {
    const provider = ConfigBlueprintProvider.fromConfig(config);
    expect(toPublicBlueprint((await provider.get('demo'))!)).toEqual({
      name: 'demo',
      title: 'Demo',
      description: 'A demo',
      cluster: 'local',
    });
  });

  it('has no blueprints without config', async () => {
    expect(
      await ConfigBlueprintProvider.fromConfig(new ConfigReader({})).list(),
    ).toEqual([]);
  });

  it('rejects invalid names and duplicates', () => {
    const entry = { title: 'T', cluster: 'local', image: 'i' };
    expect(() =>
      ConfigBlueprintProvider.fromConfig(
        new ConfigReader({
          rde: { blueprints: [{ ...entry, name: 'Bad Name' }] },
        }),
      ),
    ).toThrow(/rde\.blueprints\[0\]\.name 'Bad Name'/);
    expect(() =>
      ConfigBlueprintProvider.fromConfig(
        new ConfigReader({
          rde: {
            blueprints: [
              { ...entry, name: 'a' },
              { ...entry, name: 'a' },
            ],
          },
        }),
      ),
    ).toThrow(/Duplicate blueprint name 'a'/);
  });
});
