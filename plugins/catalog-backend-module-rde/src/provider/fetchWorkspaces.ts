import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Workspace } from '@rde-portal/plugin-rde-common';

/**
 * What {@link fetchWorkspaces} needs: the calling plugin's `discovery` and `auth` services.
 *
 * @public
 */
export interface FetchWorkspacesOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * Reads every workspace that is not deleted from the rde backend: `GET {rde base URL}/catalog/workspaces`
 * (a service-to-service route) with a service token of the calling plugin targeted at `rde`.
 *
 * @returns the workspaces (`{ items }` of the response).
 * @throws ResponseError when the rde backend answers with a non-2xx status; Error when it is not
 *   reachable or answers with something other than `{ items: Workspace[] }`.
 * @public
 */
export async function fetchWorkspaces(
  options: FetchWorkspacesOptions,
): Promise<Workspace[]> {
  const { discovery, auth } = options;
  const baseUrl = await discovery.getBaseUrl('rde');
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: 'rde',
  });
  const response = await fetch(`${baseUrl}/catalog/workspaces`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const body = (await response.json()) as { items?: unknown };
  if (!body || !Array.isArray(body.items)) {
    throw new Error(
      `GET ${baseUrl}/catalog/workspaces answered without an "items" array`,
    );
  }
  return body.items as Workspace[];
}
