import { makeAdminBlueprint } from '../../testUtils/FakeRdeApi';
import {
  formChanged,
  formFromBlueprint,
  overrideRequest,
  parseOverrideForm,
} from './overrideForm';

const yaml = makeAdminBlueprint({
  name: 'node',
  state: 'enabled',
  access: ['corp.example'],
  trustedUsers: ['ada@corp.example'],
});

describe('overrideForm', () => {
  it('reads rules and users one per line (or comma), normalised and de-duplicated', () => {
    const parsed = parseOverrideForm({
      state: 'testing',
      access: ' @Corp.Example \n\ncorp.example, Bob@Partner.Example',
      trustedUsers: 'Ada@Corp.Example\nada@corp.example',
    });
    expect(parsed).toEqual({
      state: 'testing',
      access: ['corp.example', 'bob@partner.example'],
      trustedUsers: ['ada@corp.example'],
      accessErrors: [],
      trustedUserErrors: [],
    });
  });

  it('names each bad line and what to write instead', () => {
    const parsed = parseOverrideForm({
      state: 'enabled',
      access: 'corp.example\n*.corp.example\nlocalhost',
      trustedUsers: 'a@b@c.example',
    });
    expect(parsed.access).toEqual(['corp.example']);
    expect(parsed.accessErrors).toHaveLength(2);
    expect(parsed.accessErrors[0]).toMatch(
      /"\*\.corp\.example" contains a wildcard/,
    );
    expect(parsed.accessErrors[1]).toMatch(
      /"localhost" is not a valid domain rule/,
    );
    expect(parsed.trustedUserErrors).toEqual([
      'Trusted user "a@b@c.example" is not a single email address; write one address like "someone@corp.example" per line',
    ]);
  });

  it('overrides only what differs from the YAML', () => {
    const form = formFromBlueprint(yaml);
    expect(overrideRequest(yaml, parseOverrideForm(form))).toBeUndefined();
    expect(formChanged(yaml, parseOverrideForm(form))).toBe(false);

    expect(
      overrideRequest(yaml, parseOverrideForm({ ...form, state: 'disabled' })),
    ).toEqual({ state: 'disabled', access: null, trustedUsers: null });
    // Emptying the rules opens the blueprint to everyone: an override, not "use the YAML".
    expect(
      overrideRequest(yaml, parseOverrideForm({ ...form, access: '' })),
    ).toEqual({ state: null, access: [], trustedUsers: null });
    // Same rules in another order and case are the YAML's.
    expect(
      overrideRequest(
        {
          ...yaml,
          source: { ...yaml.source, access: ['a@x.example', 'corp.example'] },
        },
        parseOverrideForm({ ...form, access: 'Corp.Example\nA@X.example' }),
      ),
    ).toBeUndefined();
  });

  it('sees a change against the effective values, not the YAML', () => {
    const overridden = {
      ...yaml,
      state: 'testing' as const,
      override: {
        state: 'testing' as const,
        updatedBy: 'user:default/admin',
        updatedAt: '',
      },
    };
    const form = formFromBlueprint(overridden);
    expect(formChanged(overridden, parseOverrideForm(form))).toBe(false);
    // Going back to the YAML's state is a change, saved as "use the YAML" everywhere.
    const back = parseOverrideForm({ ...form, state: 'enabled' });
    expect(formChanged(overridden, back)).toBe(true);
    expect(overrideRequest(overridden, back)).toBeUndefined();
  });
});
