import { Workspace } from '@rde-portal/plugin-rde-common';
import { claimsParamsSchema } from './claimsParams';
import { isWorkspaceOwner } from './rules';

const workspace: Workspace = {
  id: 'w',
  name: 'n',
  owner: 'user:default/alice',
  blueprint: 'b',
  cluster: 'c',
  status: 'running',
  createdAt: '',
  updatedAt: '',
};

describe('IS_WORKSPACE_OWNER', () => {
  it('applies to the owner only, case-insensitively', () => {
    expect(
      isWorkspaceOwner.apply(workspace, { claims: ['user:default/Alice'] }),
    ).toBe(true);
    expect(isWorkspaceOwner.apply(workspace, { claims: ['user:alice'] })).toBe(
      true,
    );
    expect(
      isWorkspaceOwner.apply(workspace, { claims: ['user:default/bob'] }),
    ).toBe(false);
    expect(isWorkspaceOwner.apply(workspace, { claims: [] })).toBe(false);
  });

  it('translates to an owner query', () => {
    expect(isWorkspaceOwner.toQuery({ claims: ['User:Bob'] })).toEqual({
      key: 'owner',
      values: ['user:default/bob'],
    });
    expect(isWorkspaceOwner.resourceType).toBe('rde-workspace');
  });

  it('validates its parameters and describes them as JSON Schema', () => {
    const std = claimsParamsSchema['~standard'];
    expect(std.validate({ claims: ['a'] })).toEqual({
      value: { claims: ['a'] },
    });
    expect(std.validate({ claims: 'a' })).toHaveProperty('issues');
    expect(std.validate({ claims: ['a'], extra: 1 })).toHaveProperty('issues');
    expect(std.jsonSchema.input()).toMatchObject({
      type: 'object',
      required: ['claims'],
    });
  });
});
