import { MissingAnnotationEmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { RDE_ANNOTATIONS } from '@rde-portal/plugin-rde-common';
import { WorkspaceView } from '../WorkspaceView';

/**
 * Entity page content for a workspace resource (`kind: Resource`, `spec.type: rde-workspace`):
 * the workspace named by its `rde/workspace-id` annotation with its status, progress, actions and
 * terminal, as on the RDE workspace page. Only its owner (and RDE admins) can see it.
 *
 * @public
 */
export function EntityWorkspaceContent() {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[RDE_ANNOTATIONS.workspaceId]?.trim();
  if (!id) {
    return (
      <MissingAnnotationEmptyState annotation={RDE_ANNOTATIONS.workspaceId} />
    );
  }
  return (
    <Box data-testid="rde-entity-workspace">
      <WorkspaceView workspaceId={id} />
    </Box>
  );
}
