import { randomBytes } from 'node:crypto';
import { WORKSPACE_NAME_PATTERN } from '@rde-portal/plugin-rde-common';
import { entityRefName } from '../config/entityRefs';

/** Longest DNS label: 63 characters (RFC 1123). */
const MAX_LABEL = 63;

/** Name template when `rde.workspaces.nameTemplate` is not set (issue 3). */
export const DEFAULT_NAME_TEMPLATE = '{user}-{blueprint}-{random}';

const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['user', 'blueprint', 'random']);

/**
 * Lower-cases `value` and turns every run of characters outside `a-z0-9` into one `-`, without
 * leading or trailing `-`. May return an empty string.
 */
export function toLabelPart(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Six random characters of `0-9a-z` (≈ 31 bits from `randomBytes`), the suffix of generated names.
 */
export function randomNameSuffix(): string {
  return randomBytes(4).readUInt32BE(0).toString(36).padStart(7, '0').slice(-6);
}

/**
 * Checks a name template (`rde.workspaces.nameTemplate`).
 *
 * @throws Error naming the problem when it uses a placeholder other than `{user}`, `{blueprint}`
 *   and `{random}`, or lacks `{random}` (without it, a user's second workspace of a blueprint would
 *   always collide).
 */
export function validateNameTemplate(template: string): string {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(name)) {
      throw new Error(
        `Invalid rde.workspaces.nameTemplate '${template}': unknown placeholder {${name}}; use {user}, {blueprint} and {random}`,
      );
    }
  }
  if (!template.includes('{random}')) {
    throw new Error(
      `Invalid rde.workspaces.nameTemplate '${template}': it must contain {random}`,
    );
  }
  return template;
}

/**
 * A generated workspace name (issue 3: "Names follow a template (`{user}-{blueprint}-{random}` by
 * default), sanitised to DNS labels"). Each value goes through {@link toLabelPart} (empty user and
 * blueprint fall back to `user` / `workspace`); the whole is sanitised again; when it exceeds 63
 * characters the longer of the user and blueprint parts is shortened until it fits, so the random
 * part always survives.
 *
 * @param userRef - owner's entity ref; only its name part is used (`user:default/jane.doe` →
 *   `jane-doe`).
 * @param blueprint - blueprint name.
 * @param suffix - random part, e.g. from {@link randomNameSuffix}.
 * @param template - checked by {@link validateNameTemplate}; default {@link DEFAULT_NAME_TEMPLATE}.
 * @returns a name matching `WORKSPACE_NAME_PATTERN`.
 */
export function generateWorkspaceName(
  userRef: string,
  blueprint: string,
  suffix: string,
  template: string = DEFAULT_NAME_TEMPLATE,
): string {
  const parts = {
    user: toLabelPart(entityRefName(userRef)) || 'user',
    blueprint: toLabelPart(blueprint) || 'workspace',
    random: toLabelPart(suffix).slice(0, 16) || 'x',
  };
  const render = () =>
    toLabelPart(
      template.replace(
        PLACEHOLDER,
        (_, name: string) => parts[name as keyof typeof parts] ?? '',
      ),
    );
  let name = render();
  while (name.length > MAX_LABEL) {
    const longer =
      parts.user.length >= parts.blueprint.length ? 'user' : 'blueprint';
    if (parts[longer].length <= 1) break;
    parts[longer] = parts[longer].slice(0, -1).replace(/-+$/, '') || 'x';
    name = render();
  }
  name = name.slice(0, MAX_LABEL).replace(/-+$/, '');
  if (!WORKSPACE_NAME_PATTERN.test(name)) {
    // Unreachable by construction; a guard so a bug surfaces here and not at the agent.
    throw new Error(`Generated an invalid workspace name '${name}'`);
  }
  return name;
}
