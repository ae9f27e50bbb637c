import { Content } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { useCallback } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { rootRouteRef } from '../../routes';
import { WorkspaceView } from '../WorkspaceView';

/**
 * One workspace: its status, lifecycle actions and a terminal while it runs. Reads the
 * workspace id from the `:id` route parameter; goes back to the list once it is deleted.
 *
 * @public
 */
export function WorkspacePage() {
  const { id = '' } = useParams();
  const rootLink = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const onDeleted = useCallback(
    () => navigate(rootLink()),
    [navigate, rootLink],
  );

  return (
    <Content>
      <WorkspaceView
        workspaceId={id}
        onDeleted={onDeleted}
        leading={
          <Button
            component={RouterLink}
            to={rootLink()}
            startIcon={<ArrowBackIcon />}
            size="small"
          >
            All workspaces
          </Button>
        }
      />
    </Content>
  );
}
