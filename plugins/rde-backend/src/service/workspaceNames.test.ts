import { WORKSPACE_NAME_PATTERN } from '@rde-portal/plugin-rde-common';
import {
  generateWorkspaceName,
  randomNameSuffix,
  toLabelPart,
  validateNameTemplate,
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

describe('name templates', () => {
  it('renders a custom template and sanitises literals', () => {
    expect(
      generateWorkspaceName(
        'user:default/jane',
        'node-web',
        'abc123',
        'WS_{blueprint}.{user}-{random}',
      ),
    ).toBe('ws-node-web-jane-abc123');
  });

  it('keeps {random} whole when the result would exceed 63 characters', () => {
    const name = generateWorkspaceName(
      `user:default/${'u'.repeat(70)}`,
      'b'.repeat(70),
      'r4nd0m',
      '{random}-{user}-{blueprint}',
    );
    expect(name).toMatch(WORKSPACE_NAME_PATTERN);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.startsWith('r4nd0m-')).toBe(true);
    expect(name).toContain('bbbb');
  });

  it('refuses templates without {random} or with unknown placeholders', () => {
    expect(() => validateNameTemplate('{user}-{blueprint}')).toThrow(
      /must contain \{random\}/,
    );
    expect(() => validateNameTemplate('{team}-{random}')).toThrow(
      /unknown placeholder \{team\}/,
    );
    expect(validateNameTemplate('dev-{random}')).toBe('dev-{random}');
  });
});
