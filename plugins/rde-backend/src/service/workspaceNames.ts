import { randomBytes } from 'node:crypto';
import { WORKSPACE_NAME_PATTERN } from '@rde-portal/plugin-rde-common';
import { entityRefName } from '../config/entityRefs';

/** Longest DNS label: 63 characters (RFC 1123). */
const MAX_LABEL = 63;

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
 * The default workspace name `{user}-{blueprint}-{suffix}`, sanitised to a DNS label of at most 63
 * characters: parts go through {@link toLabelPart}, the user and blueprint part is cut to fit
 * before the suffix, and empty parts fall back to `user` / `workspace`.
 *
 * @param userRef - owner's entity ref; only its name part is used (`user:default/jane.doe` →
 *   `jane-doe`).
 * @param blueprint - blueprint name.
 * @param suffix - random suffix, e.g. from {@link randomNameSuffix}.
 * @returns a name matching `WORKSPACE_NAME_PATTERN`.
 */
export function generateWorkspaceName(
  userRef: string,
  blueprint: string,
  suffix: string,
): string {
  const user = toLabelPart(entityRefName(userRef)) || 'user';
  const bp = toLabelPart(blueprint) || 'workspace';
  const tail = toLabelPart(suffix).slice(0, 16) || 'x';
  const head = `${user}-${bp}`
    .slice(0, MAX_LABEL - tail.length - 1)
    .replace(/-+$/, '');
  const name = `${head}-${tail}`;
  if (!WORKSPACE_NAME_PATTERN.test(name)) {
    // Unreachable by construction; a guard so a bug surfaces here and not at the agent.
    throw new Error(`Generated an invalid workspace name '${name}'`);
  }
  return name;
}
