import { useRouteRef } from '@backstage/core-plugin-api';
import { workspaceRouteRef } from '../routes';

/**
 * The path of a workspace's page (`/rde/workspaces/:id`), or `undefined` when the app does not
 * mount the RDE pages (a catalog card used without them). `useRouteRef` throws in that case
 * after calling the same hooks as always, so catching it keeps the hook order stable.
 *
 * @public
 */
export function useWorkspaceLink(): ((id: string) => string) | undefined {
  let link: ((params: { id: string }) => string) | undefined;
  try {
    // useRouteRef runs all of its hooks before it throws for an unmounted route, so the hook
    // order is the same on every render even though the call sits in a try block.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    link = useRouteRef(workspaceRouteRef);
  } catch {
    link = undefined;
  }
  return link ? (id: string) => link!({ id }) : undefined;
}
