import {
  BlueprintSpecError,
  DEFAULT_BLUEPRINT_RESOURCES,
  parseBlueprintSpec,
} from './blueprintSpec';

const minimal = { image: 'ghcr.io/acme/node:22', cluster: 'dev-eu-1' };

const full = {
  image: 'ghcr.io/acme/node:22',
  resources: { cpu: '500m', memory: '512Mi', storage: '20Gi' },
  env: {
    NODE_ENV: 'development',
    _X1: '',
    API_TOKEN: { secretRef: 'api-token' },
  },
  ports: [
    { port: 3000, name: 'web' },
    { port: 8443, name: 'api', protocol: 'https' },
  ],
  cluster: 'dev-eu-1',
  repository: { url: 'https://github.com/acme/shop.git', ref: 'feature/x-1' },
  startupCommand: 'npm ci && npm run dev',
  terminalTabs: [
    { name: 'Shell', command: 'bash' },
    { name: 'Claude', command: 'claude' },
  ],
  publish: { target: 'staging' },
  access: ['@Corp.Example', 'carol@partner.io'],
  trustedUsers: [
    'Alice@corp.example',
    'alice@corp.example',
    'bob@corp.example',
  ],
  state: 'testing',
};

function errorOf(value: unknown): BlueprintSpecError {
  try {
    parseBlueprintSpec(value);
  } catch (e) {
    expect(e).toBeInstanceOf(BlueprintSpecError);
    return e as BlueprintSpecError;
  }
  throw new Error('expected parseBlueprintSpec to throw');
}

describe('parseBlueprintSpec (DESIGN §6, issue 3)', () => {
  it('applies defaults to a minimal block', () => {
    expect(parseBlueprintSpec(minimal)).toEqual({
      image: 'ghcr.io/acme/node:22',
      cluster: 'dev-eu-1',
      resources: DEFAULT_BLUEPRINT_RESOURCES,
      env: {},
      ports: [],
      terminalTabs: [],
      access: [],
      trustedUsers: [],
      state: 'enabled',
    });
  });

  it('accepts a full block, normalising access rules and trusted users', () => {
    expect(parseBlueprintSpec(full)).toEqual({
      ...full,
      ports: [
        { port: 3000, name: 'web', protocol: 'http' },
        { port: 8443, name: 'api', protocol: 'https' },
      ],
      access: [{ domain: 'corp.example' }, { email: 'carol@partner.io' }],
      trustedUsers: ['alice@corp.example', 'bob@corp.example'],
    });
  });

  it('defaults each resource on its own', () => {
    expect(
      parseBlueprintSpec({ ...minimal, resources: { cpu: '2' } }).resources,
    ).toEqual({ cpu: '2', memory: '2Gi', storage: '10Gi' });
  });

  it.each([
    'https://github.com/acme/shop',
    'ssh://git@github.com/acme/shop.git',
    'ssh://git@git.corp.example:2222/acme/shop.git',
    'git@github.com:acme/shop.git',
  ])('accepts repository url %s', url => {
    expect(
      parseBlueprintSpec({ ...minimal, repository: { url } }).repository,
    ).toEqual({ url });
  });

  it.each(['0.5', '1', '16', '250m', '1.125'])('accepts cpu %s', cpu => {
    expect(
      parseBlueprintSpec({ ...minimal, resources: { cpu } }).resources.cpu,
    ).toBe(cpu);
  });

  const invalid: Array<[string, unknown, string, RegExp?]> = [
    ['not an object', 'image: x', 'rde', /must be an object/],
    ['missing block', undefined, 'rde', /is required/],
    ['missing image', { cluster: 'c' }, 'rde.image', /is required/],
    ['image with space', { ...minimal, image: 'a b' }, 'rde.image'],
    [
      'image not a string',
      { ...minimal, image: 3 },
      'rde.image',
      /must be a string, not number/,
    ],
    ['missing cluster', { image: 'x' }, 'rde.cluster', /is required/],
    [
      'cluster not a DNS label',
      { ...minimal, cluster: 'Dev_EU' },
      'rde.cluster',
      /DNS label/,
    ],
    [
      'cpu format',
      { ...minimal, resources: { cpu: '2 cores' } },
      'rde.resources.cpu',
      /500m/,
    ],
    [
      'cpu zero',
      { ...minimal, resources: { cpu: '0m' } },
      'rde.resources.cpu',
      /greater than zero/,
    ],
    ['cpu number', { ...minimal, resources: { cpu: 2 } }, 'rde.resources.cpu'],
    [
      'memory without unit',
      { ...minimal, resources: { memory: '512' } },
      'rde.resources.memory',
      /512Mi/,
    ],
    [
      'memory decimal unit',
      { ...minimal, resources: { memory: '1G' } },
      'rde.resources.memory',
    ],
    [
      'storage zero',
      { ...minimal, resources: { storage: '0Gi' } },
      'rde.resources.storage',
      /greater than zero/,
    ],
    [
      'unknown resource',
      { ...minimal, resources: { gpu: '1' } },
      'rde.resources.gpu',
      /not a known field/,
    ],
    [
      'env name starts with digit',
      { ...minimal, env: { '1X': 'a' } },
      'rde.env["1X"]',
      /environment variable name/,
    ],
    [
      'env name with dash',
      { ...minimal, env: { 'MY-VAR': 'a' } },
      'rde.env["MY-VAR"]',
    ],
    [
      'env value number',
      { ...minimal, env: { PORT: 3000 } },
      'rde.env.PORT',
      /quote numbers/,
    ],
    [
      'env secretRef empty',
      { ...minimal, env: { T: { secretRef: '' } } },
      'rde.env.T.secretRef',
    ],
    ['env not a record', { ...minimal, env: ['A=1'] }, 'rde.env'],
    [
      'port zero',
      { ...minimal, ports: [{ port: 0 }] },
      'rde.ports[0].port',
      /1 and 65535/,
    ],
    [
      'port too big',
      { ...minimal, ports: [{ port: 3000 }, { port: 70000 }] },
      'rde.ports[1].port',
      /1 and 65535/,
    ],
    [
      'port fractional',
      { ...minimal, ports: [{ port: 80.5 }] },
      'rde.ports[0].port',
      /whole number/,
    ],
    [
      'port string',
      { ...minimal, ports: [{ port: '80' }] },
      'rde.ports[0].port',
      /must be a number/,
    ],
    [
      'duplicate port',
      { ...minimal, ports: [{ port: 80 }, { port: 80 }] },
      'rde.ports[1].port',
      /duplicates port 80/,
    ],
    [
      'duplicate port name',
      {
        ...minimal,
        ports: [
          { port: 80, name: 'w' },
          { port: 81, name: 'w' },
        ],
      },
      'rde.ports[1].name',
      /duplicates/,
    ],
    [
      'bad protocol',
      { ...minimal, ports: [{ port: 80, protocol: 'udp' }] },
      'rde.ports[0].protocol',
    ],
    [
      'repository http',
      { ...minimal, repository: { url: 'http://github.com/a/b' } },
      'rde.repository.url',
      /git URL/,
    ],
    [
      'repository with credentials',
      { ...minimal, repository: { url: 'https://user:token@github.com/a/b' } },
      'rde.repository.url',
    ],
    [
      'repository file url',
      { ...minimal, repository: { url: 'file:///etc' } },
      'rde.repository.url',
    ],
    [
      'repository scp option injection',
      { ...minimal, repository: { url: 'git@host:-oProxyCommand=x' } },
      'rde.repository.url',
    ],
    [
      'repository missing url',
      { ...minimal, repository: {} },
      'rde.repository.url',
      /is required/,
    ],
    [
      'ref starting with dash',
      {
        ...minimal,
        repository: { url: 'https://h.io/a', ref: '--upload-pack=x' },
      },
      'rde.repository.ref',
      /git/,
    ],
    [
      'ref with ..',
      { ...minimal, repository: { url: 'https://h.io/a', ref: 'a..b' } },
      'rde.repository.ref',
    ],
    [
      'empty startupCommand',
      { ...minimal, startupCommand: '  ' },
      'rde.startupCommand',
      /non-empty/,
    ],
    [
      'tab without command',
      { ...minimal, terminalTabs: [{ name: 'x' }] },
      'rde.terminalTabs[0].command',
      /is required/,
    ],
    [
      'tab empty name',
      { ...minimal, terminalTabs: [{ name: '', command: 'x' }] },
      'rde.terminalTabs[0].name',
    ],
    [
      'duplicate tab name',
      {
        ...minimal,
        terminalTabs: [
          { name: 'Shell', command: 'a' },
          { name: 'shell', command: 'b' },
        ],
      },
      'rde.terminalTabs[1].name',
      /duplicates/,
    ],
    [
      'too many tabs',
      {
        ...minimal,
        terminalTabs: Array.from({ length: 11 }, (_, i) => ({
          name: `t${i}`,
          command: 'x',
        })),
      },
      'rde.terminalTabs',
      /at most 10/,
    ],
    [
      'publish target empty',
      { ...minimal, publish: { target: '' } },
      'rde.publish.target',
    ],
    [
      'bad access rule',
      { ...minimal, access: ['corp.example', 'a@b@corp.example'] },
      'rde.access[1]',
      /more than one "@"/,
    ],
    [
      'wildcard access rule',
      { ...minimal, access: ['*.corp.example'] },
      'rde.access[0]',
      /wildcard/,
    ],
    [
      'access not an array',
      { ...minimal, access: 'corp.example' },
      'rde.access',
      /must be an array/,
    ],
    [
      'bad trusted user',
      { ...minimal, trustedUsers: ['a@corp.example, b@x.io'] },
      'rde.trustedUsers[0]',
      /email/,
    ],
    [
      'bad state',
      { ...minimal, state: 'on' },
      'rde.state',
      /testing, enabled, disabled/,
    ],
    [
      'unknown top-level field',
      { ...minimal, startupComand: 'x' },
      'rde.startupComand',
      /not a known field/,
    ],
  ];
  // Pad rows to four entries: jest treats a shorter row as a `done`-callback test.
  it.each(invalid.map(([n, v, f, m]) => [n, f, v, m ?? /./] as const))(
    '%s → %s',
    (_name, field, value, message) => {
      const error = errorOf(value);
      expect(error.name).toBe('BlueprintSpecError');
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
      expect(error.message).toMatch(message);
    },
  );

  it('reports every problem, naming each field', () => {
    const error = errorOf({ image: '', cluster: 'X', state: 'on' });
    expect(error.issues.map(i => i.field)).toEqual([
      'rde.image',
      'rde.cluster',
      'rde.state',
    ]);
    expect(error.message).toMatch(/rde\.image.*rde\.cluster.*rde\.state/);
  });

  it('is an Error', () => {
    expect(errorOf({})).toBeInstanceOf(Error);
  });
});
