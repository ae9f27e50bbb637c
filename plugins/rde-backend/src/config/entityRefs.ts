/**
 * Normalises an entity ref for comparison: lower-case (entity refs are case-insensitive), with the
 * `default` namespace filled in (`user:jane` → `user:default/jane`). A ref without a kind gets
 * `defaultKind`.
 *
 * @param ref - e.g. `user:default/Jane`, `group:platform`, `jane`.
 * @param defaultKind - kind to assume when `ref` has none; `user`.
 * @returns e.g. `user:default/jane`.
 */
export function normalizeEntityRef(ref: string, defaultKind = 'user'): string {
  const trimmed = ref.trim().toLowerCase();
  const colon = trimmed.indexOf(':');
  const kind = colon > 0 ? trimmed.slice(0, colon) : defaultKind.toLowerCase();
  const rest = colon > 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : 'default';
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  return `${kind}:${namespace}/${name}`;
}

/** The name part of an entity ref: `user:default/jane.doe` → `jane.doe`. */
export function entityRefName(ref: string): string {
  const afterKind = ref.slice(ref.indexOf(':') + 1);
  return afterKind.slice(afterKind.lastIndexOf('/') + 1);
}
