import { useEntity } from '@backstage/plugin-catalog-react';
import { BlueprintLaunchCard } from './BlueprintLaunchCard';

/**
 * "Launch workspace" card for a blueprint's catalog page (`kind: Template`,
 * `spec.type: rde-blueprint`): the blueprint's summary and a launch button (`rde-entity-launch`)
 * that opens the launch dialog and then goes to the new workspace's page.
 *
 * @public
 */
export function EntityLaunchWorkspaceCard() {
  const { entity } = useEntity();
  return (
    <BlueprintLaunchCard
      title="Launch workspace"
      blueprint={{
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }}
      buttonLabel="Launch workspace"
      buttonTestId="rde-entity-launch"
    />
  );
}
