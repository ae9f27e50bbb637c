import { WORKSPACE_NAME_PATTERN } from '@rde-portal/plugin-rde-common';
import {
  generateWorkspaceName,
  randomNameSuffix,
  toLabelPart,
} from './workspaceNames';

describe('workspace names', () => {
  it('builds {user}-{blueprint}-{suffix} from the user name part', () => {
    expect(generateWorkspaceName('user:default/guest', 'demo', 'abc123')).toBe(
      'guest-demo-abc123',
    );
  });

  it('sanitises to a DNS label', () => {
    expect(
      generateWorkspaceName(
        'user:corp/Jane.Doe@Example',
        'Node_JS  App!',
        'x1y2z3',
      ),
    ).toBe('jane-doe-example-node-js-app-x1y2z3');
    expect(toLabelPart('--A__b..C--')).toBe('a-b-c');
    expect(toLabelPart('ÅÄÖ')).toBe('');
  });

  it('falls back for empty parts', () => {
    expect(generateWorkspaceName('user:default/ÅÄÖ', '!!!', 'abc')).toBe(
      'user-workspace-abc',
    );
  });

  it('cuts long names to 63 characters without a dangling dash', () => {
    const name = generateWorkspaceName(
      `user:default/${'a'.repeat(40)}`,
      `${'b'.repeat(15)}-${'c'.repeat(30)}`,
      'zzzzzz',
    );
    expect(name).toHaveLength(63);
    expect(name).toMatch(WORKSPACE_NAME_PATTERN);
    expect(name.endsWith('-zzzzzz')).toBe(true);

    const dashy = generateWorkspaceName(
      `user:default/${'a'.repeat(55)}`,
      'b',
      'zzzzzz',
    );
    expect(dashy).toMatch(WORKSPACE_NAME_PATTERN);
    expect(dashy).not.toContain('--');
  });

  it('draws 6-character random suffixes of [0-9a-z]', () => {
    const suffixes = new Set(Array.from({ length: 200 }, randomNameSuffix));
    for (const s of suffixes) expect(s).toMatch(/^[0-9a-z]{6}$/);
    expect(suffixes.size).toBeGreaterThan(190);
  });
});
