import { parseBlueprintSpec } from '@rde-portal/plugin-rde-common';
import type { ResolvedBlueprint } from './BlueprintProvider';
import { decideBlueprintAccess } from './blueprintAccessDecision';

function blueprint(
  rde: Record<string, unknown>,
  override: Partial<ResolvedBlueprint> = {},
): ResolvedBlueprint {
  const spec = parseBlueprintSpec({ image: 'x', cluster: 'local', ...rde });
  return {
    ref: 'template:default/bp',
    name: 'bp',
    namespace: 'default',
    title: 'BP',
    tags: [],
    spec,
    state: spec.state,
    access: spec.access,
    trustedUsers: spec.trustedUsers,
    ...override,
  };
}

const user = (email?: string) => ({ email, isAdmin: false });
const admin = { isAdmin: true };

describe('decideBlueprintAccess', () => {
  it('opens a blueprint without rules to any signed-in user, email or not', () => {
    expect(decideBlueprintAccess(user(), blueprint({}))).toEqual({
      visible: true,
      launchable: true,
    });
  });

  it.each([
    ['ann@corp.example', true],
    ['ANN@CORP.EXAMPLE', true],
    ['ann@evilcorp.example', false],
    ['ann@corp.example.evil.io', false],
    ['ann@sub.corp.example', false],
    ['"ann@corp.example"@evil.io', false],
    ['ann@corp.example, eve@evil.io', false],
    [undefined, false],
  ])('domain rule @corp.example and %p → visible %p', (email, visible) => {
    const decision = decideBlueprintAccess(
      user(email),
      blueprint({ access: ['@corp.example'] }),
    );
    expect(decision.visible).toBe(visible);
    expect(decision.launchable).toBe(visible);
  });

  it('ORs email and domain rules', () => {
    const bp = blueprint({ access: ['corp.example', 'Guest@Partner.example'] });
    expect(
      decideBlueprintAccess(user('guest@partner.example'), bp).launchable,
    ).toBe(true);
    expect(
      decideBlueprintAccess(user('other@partner.example'), bp).visible,
    ).toBe(false);
  });

  it('lets admins and trusted users past the ACL', () => {
    const bp = blueprint({
      access: ['corp.example'],
      trustedUsers: ['Tess@Else.example'],
    });
    expect(decideBlueprintAccess(admin, bp).launchable).toBe(true);
    expect(
      decideBlueprintAccess(user('tess@else.example'), bp).launchable,
    ).toBe(true);
  });

  it('lists testing blueprints but lets only admins and trusted users launch them', () => {
    const bp = blueprint({
      state: 'testing',
      trustedUsers: ['tess@corp.example'],
    });
    const decision = decideBlueprintAccess(user('ann@corp.example'), bp);
    expect(decision).toMatchObject({ visible: true, launchable: false });
    expect(decision.reason).toMatch(/in testing/);
    expect(
      decideBlueprintAccess(user('tess@corp.example'), bp).launchable,
    ).toBe(true);
    expect(decideBlueprintAccess(admin, bp).launchable).toBe(true);
  });

  it('hides disabled blueprints from everyone, admins included', () => {
    const bp = blueprint({ state: 'disabled' });
    expect(decideBlueprintAccess(admin, bp)).toMatchObject({
      visible: false,
      launchable: false,
    });
  });

  it('uses the effective (overridden) state and rules, not the YAML', () => {
    const bp = blueprint(
      { state: 'disabled' },
      { state: 'enabled', access: [{ domain: 'corp.example' }] },
    );
    expect(decideBlueprintAccess(user('ann@corp.example'), bp).launchable).toBe(
      true,
    );
    expect(decideBlueprintAccess(user('ann@other.example'), bp).visible).toBe(
      false,
    );
  });
});
