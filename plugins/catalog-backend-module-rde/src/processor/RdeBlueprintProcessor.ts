import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  BlueprintSpecError,
  parseBlueprintSpec,
  RDE_BLUEPRINT_TEMPLATE_TYPE,
} from '@rde-portal/plugin-rde-common';

/** Where an entity was read from (the catalog's `LocationSpec`). */
type LocationSpec = Parameters<typeof processingResult.inputError>[0];

/**
 * Whether an entity is an RDE blueprint: a `Template` with `spec.type: rde-blueprint`
 * (DESIGN §6).
 *
 * @public
 */
export function isBlueprintTemplate(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'template' &&
    entity.spec?.type === RDE_BLUEPRINT_TEMPLATE_TYPE
  );
}

/**
 * Validates the `spec.rde` block of RDE blueprints (`Template` entities with
 * `spec.type: rde-blueprint`) with `parseBlueprintSpec` from `@rde-portal/plugin-rde-common`.
 *
 * Issue 3: "Invalid blueprints are reported through the catalog's processing errors with a message
 * naming the field, never half-applied." An invalid or missing block is emitted as an input error
 * (`processingResult.inputError`); the catalog then records the error on the entity and keeps the
 * previously processed version instead of applying the new one. The entity itself is returned
 * unchanged (defaults are applied by readers through `parseBlueprintSpec`, not written back).
 * Other entities pass through untouched.
 *
 * @public
 */
export class RdeBlueprintProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'RdeBlueprintProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isBlueprintTemplate(entity)) {
      return entity;
    }
    try {
      parseBlueprintSpec(entity.spec?.rde);
    } catch (error) {
      const detail =
        error instanceof BlueprintSpecError
          ? error.message
          : `Invalid blueprint: ${String(error)}`;
      emit(
        processingResult.inputError(
          location,
          `${detail} (in spec.rde of ${stringifyEntityRef(entity)})`,
        ),
      );
    }
    return entity;
  }
}
