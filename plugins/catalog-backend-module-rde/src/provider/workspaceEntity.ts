import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  RDE_ANNOTATIONS,
  RDE_WORKSPACE_RESOURCE_TYPE,
  Workspace,
} from '@rde-portal/plugin-rde-common';

/**
 * The location every workspace entity is managed by (`backstage.io/managed-by-location` and
 * `…-origin-location`); also used as the location key of the emitted entities, so no other
 * provider or location can take them over.
 *
 * @public
 */
export const RDE_WORKSPACES_LOCATION = 'rde:workspaces';

/**
 * Label carrying the workspace status on workspace entities (`rde/status: running`), so catalog
 * filters can select by status.
 *
 * @public
 */
export const RDE_STATUS_LABEL = 'rde/status';

/**
 * Options of {@link workspaceToEntity}.
 *
 * @public
 */
export interface WorkspaceEntityOptions {
  /**
   * The app's base URL (`app.baseUrl`, e.g. `http://localhost:3000`). When given, the entity gets
   * a link to the workspace page `{appBaseUrl}/rde/workspaces/<id>`.
   */
  appBaseUrl?: string;
}

/**
 * Name of the catalog entity of a workspace: `ws-<workspace id>`, lower-case. Workspace names are
 * unique per owner only; ids are globally unique, so the id makes the entity name unique.
 *
 * @throws InputError when the id would not make a valid entity name (ids are UUIDs).
 * @public
 */
export function workspaceEntityName(workspaceId: string): string {
  const name = `ws-${workspaceId.toLowerCase()}`;
  if (!KubernetesValidatorFunctions.isValidObjectName(name)) {
    throw new InputError(
      `Workspace id "${workspaceId}" does not make a valid entity name ("${name}")`,
    );
  }
  return name;
}

/**
 * Entity ref of the catalog entity of a workspace: `resource:default/ws-<id>`.
 *
 * @throws InputError like {@link workspaceEntityName}.
 * @public
 */
export function workspaceEntityRef(workspaceId: string): string {
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: DEFAULT_NAMESPACE,
    name: workspaceEntityName(workspaceId),
  });
}

function normalizedRef(ref: string, defaultKind: string, what: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultKind });
  } catch (e) {
    throw new InputError(
      `Workspace ${what} "${ref}" is not a valid entity ref: ${
        (e as Error).message
      }`,
    );
  }
  if (
    !KubernetesValidatorFunctions.isValidNamespace(parsed.namespace) ||
    !KubernetesValidatorFunctions.isValidObjectName(parsed.name)
  ) {
    throw new InputError(
      `Workspace ${what} "${ref}" is not a valid entity ref: bad namespace or name`,
    );
  }
  return stringifyEntityRef(parsed);
}

/**
 * Turns a workspace (as `GET /api/rde/catalog/workspaces` and the `rde.workspace` event return it)
 * into its catalog entity (issue 3, DESIGN §6): a `Resource` of `spec.type: rde-workspace` in the
 * `default` namespace named `ws-<id>`, titled with the workspace name, owned by the workspace's
 * owner, depending on its blueprint template, annotated with id, status, cluster and blueprint
 * (`RDE_ANNOTATIONS`) and labelled `rde/status: <status>`. Pure; refs are normalised to lower case.
 *
 * @throws InputError when the id, owner or blueprint cannot form a valid entity (name or ref).
 * @public
 */
export function workspaceToEntity(
  workspace: Workspace,
  options: WorkspaceEntityOptions = {},
): Entity {
  const owner = normalizedRef(workspace.owner, 'User', 'owner');
  const blueprint = normalizedRef(workspace.blueprint, 'Template', 'blueprint');
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: workspaceEntityName(workspace.id),
      namespace: DEFAULT_NAMESPACE,
      title: workspace.name,
      description: `Workspace ${workspace.name} of ${owner}, from blueprint ${blueprint}`,
      annotations: {
        [ANNOTATION_LOCATION]: RDE_WORKSPACES_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: RDE_WORKSPACES_LOCATION,
        [RDE_ANNOTATIONS.workspaceId]: workspace.id,
        [RDE_ANNOTATIONS.workspaceStatus]: workspace.status,
        [RDE_ANNOTATIONS.cluster]: workspace.cluster,
        [RDE_ANNOTATIONS.blueprint]: blueprint,
      },
      labels: { [RDE_STATUS_LABEL]: workspace.status },
      tags: ['rde'],
    },
    spec: {
      type: RDE_WORKSPACE_RESOURCE_TYPE,
      owner,
      dependsOn: [blueprint],
    },
  };
  if (options.appBaseUrl) {
    entity.metadata.links = [
      {
        url: `${options.appBaseUrl.replace(
          /\/+$/,
          '',
        )}/rde/workspaces/${encodeURIComponent(workspace.id)}`,
        title: 'Open workspace',
        icon: 'dashboard',
      },
    ];
  }
  return entity;
}
