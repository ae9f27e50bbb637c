import { ConfigReader } from '@backstage/config';
import { entityRefName, normalizeEntityRef } from './entityRefs';
import { isAdmin, readAdmins } from './readAdmins';
import { readAgentTokenSeeds } from './readAgentTokenSeeds';
import {
  isAllowedOrigin,
  readTerminalAllowedOrigins,
} from './readTerminalAllowedOrigins';

describe('entity refs', () => {
  it('normalises case, kind and namespace', () => {
    expect(normalizeEntityRef('user:default/Jane')).toBe('user:default/jane');
    expect(normalizeEntityRef('User:jane')).toBe('user:default/jane');
    expect(normalizeEntityRef('jane')).toBe('user:default/jane');
    expect(normalizeEntityRef('group:corp/Platform')).toBe(
      'group:corp/platform',
    );
    expect(entityRefName('user:default/jane.doe')).toBe('jane.doe');
    expect(entityRefName('jane')).toBe('jane');
  });
});

describe('readAdmins / isAdmin', () => {
  const admins = readAdmins(
    new ConfigReader({
      rde: { admins: ['user:Alice', 'group:default/platform'] },
    }),
  );

  it('reads normalised refs', () => {
    expect([...admins]).toEqual([
      'user:default/alice',
      'group:default/platform',
    ]);
    expect(readAdmins(new ConfigReader({})).size).toBe(0);
  });

  it('matches the user or one of their groups', () => {
    expect(
      isAdmin(admins, {
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: [],
      }),
    ).toBe(true);
    expect(
      isAdmin(admins, {
        userEntityRef: 'user:default/bob',
        ownershipEntityRefs: ['user:default/bob', 'group:default/Platform'],
      }),
    ).toBe(true);
    expect(
      isAdmin(admins, {
        userEntityRef: 'user:default/bob',
        ownershipEntityRefs: ['group:default/dev'],
      }),
    ).toBe(false);
  });
});

describe('readAgentTokenSeeds', () => {
  it('reads cluster/token pairs', () => {
    expect(
      readAgentTokenSeeds(
        new ConfigReader({
          rde: { agents: [{ cluster: 'local', token: 't' }] },
        }),
      ),
    ).toEqual([{ cluster: 'local', token: 't' }]);
    expect(readAgentTokenSeeds(new ConfigReader({}))).toEqual([]);
    expect(() =>
      readAgentTokenSeeds(
        new ConfigReader({ rde: { agents: [{ cluster: 'x' }] } }),
      ),
    ).toThrow(/token/);
  });
});

describe('terminal allowed origins', () => {
  it('defaults to the origin of app.baseUrl', () => {
    expect(
      readTerminalAllowedOrigins(
        new ConfigReader({
          app: { baseUrl: 'http://localhost:3000/some/path' },
        }),
      ),
    ).toEqual(['http://localhost:3000']);
    expect(readTerminalAllowedOrigins(new ConfigReader({}))).toEqual([]);
  });

  it('uses rde.terminal.allowedOrigins when set, normalised', () => {
    expect(
      readTerminalAllowedOrigins(
        new ConfigReader({
          app: { baseUrl: 'http://localhost:3000' },
          rde: {
            terminal: {
              allowedOrigins: [
                'HTTPS://Portal.Example.com:443/',
                'http://a.test:8080',
              ],
            },
          },
        }),
      ),
    ).toEqual(['https://portal.example.com', 'http://a.test:8080']);
  });

  it('refuses entries that are not URLs, naming the key', () => {
    expect(() =>
      readTerminalAllowedOrigins(
        new ConfigReader({
          rde: { terminal: { allowedOrigins: ['portal.example.com'] } },
        }),
      ),
    ).toThrow(/rde\.terminal\.allowedOrigins entry 'portal\.example\.com'/);
  });

  it('isAllowedOrigin compares normalised origins and refuses missing ones', () => {
    const allowed = ['http://localhost:3000'];
    expect(isAllowedOrigin('http://localhost:3000', allowed)).toBe(true);
    expect(isAllowedOrigin('http://LOCALHOST:3000', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:3001', allowed)).toBe(false);
    expect(isAllowedOrigin('https://localhost:3000', allowed)).toBe(false);
    expect(isAllowedOrigin(undefined, allowed)).toBe(false);
    expect(isAllowedOrigin('null', allowed)).toBe(false);
    expect(isAllowedOrigin('garbage', allowed)).toBe(false);
  });
});
