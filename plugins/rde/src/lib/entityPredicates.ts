import {
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import {
  RDE_ANNOTATIONS,
  RDE_BLUEPRINT_TEMPLATE_TYPE,
  RDE_WORKSPACE_RESOURCE_TYPE,
} from '@rde-portal/plugin-rde-common';

/**
 * Whether the entity is a workspace the RDE catalog module emits: `kind: Resource`,
 * `spec.type: rde-workspace` (DESIGN §6). Its id is in the `rde/workspace-id` annotation.
 *
 * @public
 */
export function isRdeWorkspaceEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === RDE_WORKSPACE_RESOURCE_TYPE
  );
}

/**
 * Whether the entity is a blueprint: `kind: Template`, `spec.type: rde-blueprint` (DESIGN §6).
 *
 * @public
 */
export function isRdeBlueprintEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'template' &&
    entity.spec?.type === RDE_BLUEPRINT_TEMPLATE_TYPE
  );
}

/**
 * Whether the entity is a component that names a blueprint to open its repository in (the
 * `rde/blueprint` annotation, issue 3).
 *
 * @public
 */
export function hasRdeBlueprintAnnotation(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    Boolean(entity.metadata.annotations?.[RDE_ANNOTATIONS.blueprint]?.trim())
  );
}

/**
 * The repository URL of a component: its `backstage.io/source-location` annotation without the
 * `url:` prefix (e.g. `url:https://git.example.com/team/app` → `https://git.example.com/team/app`).
 * `undefined` when the annotation is absent or of another type (`dir:`, `file:`), which cannot
 * be cloned.
 *
 * @public
 */
export function sourceRepositoryUrl(entity: Entity): string | undefined {
  const location =
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION]?.trim();
  if (!location || !location.startsWith('url:')) {
    return undefined;
  }
  const url = location.slice('url:'.length).trim();
  return url || undefined;
}
