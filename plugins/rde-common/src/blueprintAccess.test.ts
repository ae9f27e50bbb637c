import {
  BlueprintAccessRule,
  isWellFormedMailbox,
  matchesBlueprintAccess,
  parseBlueprintAccessRule,
  parseMailbox,
} from './blueprintAccess';

const domain = (d: string): BlueprintAccessRule => ({ domain: d });
const email = (e: string): BlueprintAccessRule => ({ email: e });

describe('matchesBlueprintAccess (ACL matrix, DESIGN §7 / issue 3)', () => {
  const corp = [domain('corp.example')];
  const alice = [email('alice@corp.example')];

  it.each<[string, string | undefined, BlueprintAccessRule[], boolean]>([
    // No rules: open to any signed-in user.
    ['no rules, with email', 'bob@other.io', [], true],
    ['no rules, without email', undefined, [], true],
    ['no rules, malformed email', 'not an email', [], true],
    // Domain rules.
    ['domain exact', 'bob@corp.example', corp, true],
    ['domain, user uppercase', 'BOB@CORP.EXAMPLE', corp, true],
    [
      'domain, rule uppercase',
      'bob@corp.example',
      [domain('Corp.Example')],
      true,
    ],
    ['domain rule with @', 'bob@corp.example', [domain('@corp.example')], true],
    ['domain, plus-addressed user', 'bob+rde@corp.example', corp, true],
    ['domain, dotted local part', 'bob.smith@corp.example', corp, true],
    ['domain, suffix look-alike', 'bob@evilcorp.example', corp, false],
    ['domain, domain as prefix', 'bob@corp.example.evil.io', corp, false],
    ['domain, subdomain', 'bob@eu.corp.example', corp, false],
    ['domain, parent of rule', 'bob@example', corp, false],
    ['domain, other domain', 'bob@other.io', corp, false],
    ['domain, hyphen look-alike', 'bob@corp-example', corp, false],
    ['domain, trailing dot', 'bob@corp.example.', corp, false],
    ['domain, Cyrillic а look-alike', 'bob@corp.exаmple', corp, false],
    [
      'domain, Cyrillic in rule too',
      'bob@corp.exаmple',
      [domain('corp.exаmple')],
      false,
    ],
    ['domain, fullwidth dot', 'bob@corp。example', corp, false],
    [
      'domain, punycode form matches itself',
      'bob@xn--bcher-kva.example',
      [domain('xn--bcher-kva.example')],
      true,
    ],
    [
      'domain, punycode ≠ unicode rule',
      'bob@xn--bcher-kva.example',
      [domain('bücher.example')],
      false,
    ],
    [
      'domain, Kelvin sign in domain',
      'bob@\u212Aorp.example',
      [domain('korp.example')],
      false,
    ],
    ['domain, dotless İ in local part', '\u0130nes@corp.example', corp, false],
    // Exact email rules.
    ['email exact', 'alice@corp.example', alice, true],
    ['email, user mixed case', 'Alice@Corp.Example', alice, true],
    [
      'email, rule mixed case',
      'alice@corp.example',
      [email('ALICE@corp.EXAMPLE')],
      true,
    ],
    [
      'email, plus-addressing is not folded',
      'alice+x@corp.example',
      alice,
      false,
    ],
    [
      'email, plus-addressed rule matches only itself',
      'alice+x@corp.example',
      [email('alice+x@corp.example')],
      true,
    ],
    [
      'email, plus-addressed rule ≠ base address',
      'alice@corp.example',
      [email('alice+x@corp.example')],
      false,
    ],
    ['email, dots are not folded', 'a.lice@corp.example', alice, false],
    ['email, other user same domain', 'bob@corp.example', alice, false],
    ['email, same local other domain', 'alice@evilcorp.example', alice, false],
    ['email, subdomain', 'alice@eu.corp.example', alice, false],
    // OR of rules.
    [
      'OR: email rule hits',
      'carol@partner.io',
      [domain('corp.example'), email('carol@partner.io')],
      true,
    ],
    [
      'OR: domain rule hits',
      'dave@corp.example',
      [email('carol@partner.io'), domain('corp.example')],
      true,
    ],
    [
      'OR: neither hits',
      'eve@partner.io',
      [email('carol@partner.io'), domain('corp.example')],
      false,
    ],
    // Missing or malformed user addresses never match when rules exist.
    ['no email', undefined, corp, false],
    ['empty email', '', corp, false],
    ['two @', 'a@b@corp.example', corp, false],
    ['quoted local part', '"x"@corp.example', corp, false],
    ['quoted local part with @', '"x@y"@corp.example', corp, false],
    ['address list', 'a@corp.example, b@x.io', corp, false],
    ['address list, no space', 'b@x.io,a@corp.example', corp, false],
    ['semicolon list', 'b@x.io;a@corp.example', corp, false],
    ['display name', 'Eve <eve@corp.example>', corp, false],
    ['angle brackets', '<eve@corp.example>', corp, false],
    ['inner whitespace', 'e ve@corp.example', corp, false],
    ['leading whitespace', ' eve@corp.example', corp, false],
    ['trailing newline', 'eve@corp.example\n', corp, false],
    ['NUL byte', 'eve@corp.example\u0000', corp, false],
    ['empty local part', '@corp.example', corp, false],
    ['empty domain', 'eve@', corp, false],
    ['no @ at all', 'corp.example', corp, false],
    ['leading dot local part', '.eve@corp.example', corp, false],
    ['double dot local part', 'e..ve@corp.example', corp, false],
    ['comment in local part', 'eve(x)@corp.example', corp, false],
    ['backslash in local part', 'e\\ve@corp.example', corp, false],
    ['empty domain label', 'eve@corp..example', corp, false],
    ['IP literal', 'eve@[10.0.0.1]', corp, false],
    ['malformed email against email rule', 'alice@corp.example.', alice, false],
    // Malformed rules fail closed.
    [
      'malformed email rule',
      'alice@corp.example',
      [email('alice@corp.example, bob@x.io')],
      false,
    ],
    [
      'malformed domain rule',
      'bob@corp.example',
      [domain('corp.example.')],
      false,
    ],
    ['empty domain rule', 'bob@corp.example', [domain('')], false],
  ])('%s: %j', (_name, userEmail, rules, expected) => {
    expect(matchesBlueprintAccess(userEmail, rules)).toBe(expected);
  });
});

describe('parseMailbox', () => {
  it('lower-cases both parts', () => {
    expect(parseMailbox('Alice.B+x@Corp.Example')).toEqual({
      local: 'alice.b+x',
      domain: 'corp.example',
    });
  });

  it.each([
    'a@localhost',
    `${'a'.repeat(65)}@corp.example`,
    `a@${'a'.repeat(64)}.example`,
    'a@-corp.example',
    'a@corp-.example',
    'a@corp_x.example',
    undefined,
  ])('rejects %j', text => {
    expect(parseMailbox(text)).toBeUndefined();
    expect(isWellFormedMailbox(text)).toBe(false);
  });

  it('accepts RFC 5322 atext characters', () => {
    expect(isWellFormedMailbox("o'neil!#$%&*/=?^_`{|}~-@corp.example")).toBe(
      true,
    );
  });
});

describe('parseBlueprintAccessRule', () => {
  it.each<[string, BlueprintAccessRule]>([
    ['user@corp.example', { email: 'user@corp.example' }],
    ['User+Tag@Corp.Example', { email: 'user+tag@corp.example' }],
    ['corp.example', { domain: 'corp.example' }],
    ['@corp.example', { domain: 'corp.example' }],
    ['@Corp.Example', { domain: 'corp.example' }],
    ['  corp.example  ', { domain: 'corp.example' }],
    ['xn--bcher-kva.example', { domain: 'xn--bcher-kva.example' }],
  ])('parses %j', (text, rule) => {
    expect(parseBlueprintAccessRule(text)).toEqual(rule);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['   ', /empty/],
    ['*.corp.example', /wildcard/],
    ['@', /domain is empty/],
    ['corp', /at least two labels/],
    ['corp.example.', /ends with a dot/],
    ['@corp.example.', /ends with a dot/],
    ['a@b@corp.example', /more than one "@"/],
    ['@a@corp.example', /not a valid domain label/],
    ['"x"@corp.example', /not allowed/],
    ['a@corp.example, b@x.io', /whitespace/],
    ['a@corp.example,b@x.io', /one address per rule/],
    ['a b@corp.example', /whitespace/],
    ['user@', /domain is empty/],
    ['bücher.example', /xn--/],
    ['corp.exаmple', /non-ASCII/],
    ['corp..example', /not a valid domain label/],
    ['https://corp.example', /not a valid domain label/],
  ])('refuses %j with an actionable message', (text, reason) => {
    expect(() => parseBlueprintAccessRule(text)).toThrow(reason);
    expect(() => parseBlueprintAccessRule(text)).toThrow(/corp\.example/);
  });

  it('round-trips with matchesBlueprintAccess', () => {
    const rules = ['@Corp.Example', 'carol@partner.io'].map(
      parseBlueprintAccessRule,
    );
    expect(matchesBlueprintAccess('bob@corp.example', rules)).toBe(true);
    expect(matchesBlueprintAccess('carol@partner.io', rules)).toBe(true);
    expect(matchesBlueprintAccess('bob@evilcorp.example', rules)).toBe(false);
  });
});
