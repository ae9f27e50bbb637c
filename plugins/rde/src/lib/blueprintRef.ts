import { parseEntityRef } from '@backstage/catalog-model';
import type { BlueprintName } from '../api/RdeApi';

/**
 * Reads a blueprint reference as the backend accepts it (`CreateWorkspaceRequest.blueprint`,
 * the `rde/blueprint` annotation): an entity ref `template:<namespace>/<name>`, `<namespace>/<name>`,
 * or a bare name in the `default` namespace.
 *
 * @throws Error naming the value and what to write instead, when it is empty, names another kind
 *   than `template`, or is otherwise not an entity ref.
 * @public
 */
export function parseBlueprintRef(ref: string): BlueprintName {
  const trimmed = ref.trim();
  let parsed;
  try {
    parsed = parseEntityRef(trimmed, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new Error(
      `"${ref}" is not a blueprint reference; write template:<namespace>/<name>, <namespace>/<name> or a name (${
        (error as Error).message
      })`,
    );
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'template') {
    throw new Error(
      `"${ref}" names a ${parsed.kind}, not a blueprint template; write template:<namespace>/<name> or a name`,
    );
  }
  return { namespace: parsed.namespace, name: parsed.name };
}

/**
 * A blueprint ref for people: `node-web` for `template:default/node-web`, `team/node-web` in
 * another namespace; the input unchanged when it is not a template ref.
 *
 * @public
 */
export function shortBlueprintRef(ref: string): string {
  try {
    const { namespace, name } = parseBlueprintRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
