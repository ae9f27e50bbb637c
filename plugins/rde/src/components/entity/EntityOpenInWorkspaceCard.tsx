import {
  InfoCard,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@material-ui/lab/Alert';
import { RDE_ANNOTATIONS } from '@rde-portal/plugin-rde-common';
import { parseBlueprintRef } from '../../lib/blueprintRef';
import { sourceRepositoryUrl } from '../../lib/entityPredicates';
import { BlueprintLaunchCard } from './BlueprintLaunchCard';

const TITLE = 'Open in a workspace';

/**
 * "Open this repository in a workspace" card for a component with the `rde/blueprint` annotation
 * (a blueprint ref: `template:<namespace>/<name>`, `<namespace>/<name>` or a name in `default`).
 * Launches that blueprint with the component's repository (`backstage.io/source-location`
 * without its `url:` prefix) when it has one; the button is `rde-entity-open-in-workspace`.
 *
 * @public
 */
export function EntityOpenInWorkspaceCard() {
  const { entity } = useEntity();
  const annotation = entity.metadata.annotations?.[RDE_ANNOTATIONS.blueprint];
  if (!annotation?.trim()) {
    return (
      <MissingAnnotationEmptyState annotation={RDE_ANNOTATIONS.blueprint} />
    );
  }
  let blueprint;
  try {
    blueprint = parseBlueprintRef(annotation);
  } catch (error) {
    return (
      <InfoCard title={TITLE}>
        <Alert severity="error" data-testid="rde-entity-bad-annotation">
          The {RDE_ANNOTATIONS.blueprint} annotation is invalid:{' '}
          {(error as Error).message}
        </Alert>
      </InfoCard>
    );
  }
  const repositoryUrl = sourceRepositoryUrl(entity);
  return (
    <BlueprintLaunchCard
      title={TITLE}
      blueprint={blueprint}
      repositoryUrl={repositoryUrl}
      intro={
        repositoryUrl
          ? `A private workspace with this repository checked out, made from the ${blueprint.name} blueprint.`
          : `This component has no URL source location, so the workspace clones what the ${blueprint.name} blueprint says.`
      }
      buttonLabel="Open in workspace"
      buttonTestId="rde-entity-open-in-workspace"
    />
  );
}
