import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import type { Blueprint } from '@rde-portal/plugin-rde-common';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef } from '../../api/RdeApi';
import { errorMessage } from '../../lib/errorMessage';
import { BlueprintCard } from './BlueprintCard';

/**
 * Props of {@link BlueprintGallery}.
 *
 * @public
 */
export interface BlueprintGalleryProps {
  /** Called when the user asks to launch a blueprint. */
  onLaunch(blueprint: Blueprint): void;
  /** Why nothing may be launched now (the running limit); disables every Launch. */
  launchBlockedReason?: string;
}

/**
 * The blueprints the user may see (`GET /blueprints`: the backend already filtered them by their
 * access rules and hid disabled ones) as cards; `testing` ones carry a badge and, unless the user
 * is an admin or trusted, a disabled Launch with the reason.
 *
 * @public
 */
export function BlueprintGallery(props: BlueprintGalleryProps) {
  const rdeApi = useApi(rdeApiRef);
  const blueprints = useAsync(() => rdeApi.listBlueprints(), [rdeApi]);

  if (blueprints.loading) {
    return <Progress />;
  }
  if (blueprints.error) {
    return (
      <Alert severity="error">
        Could not load blueprints: {errorMessage(blueprints.error)}
      </Alert>
    );
  }
  if (!blueprints.value || blueprints.value.length === 0) {
    return (
      <Alert severity="info" data-testid="rde-gallery-empty">
        There is no blueprint you may launch. Ask your platform team for access.
      </Alert>
    );
  }
  return (
    <Grid container spacing={2} data-testid="rde-gallery">
      {blueprints.value.map(blueprint => (
        <Grid item xs={12} sm={6} md={4} key={blueprint.ref}>
          <BlueprintCard
            blueprint={blueprint}
            onLaunch={props.onLaunch}
            launchBlockedReason={props.launchBlockedReason}
          />
        </Grid>
      ))}
    </Grid>
  );
}
