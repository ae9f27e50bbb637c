import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { rdeApiRef, type RdeUser } from '../api/RdeApi';

/**
 * The signed-in user as the RDE backend sees them (`GET /me`), loaded once per mount:
 * `{ loading, value, error }`. Pages show admin links only when `value.isAdmin`; the backend
 * enforces admin rights on every admin route anyway.
 *
 * @public
 */
export function useRdeUser(): {
  loading: boolean;
  value?: RdeUser;
  error?: Error;
} {
  const rdeApi = useApi(rdeApiRef);
  return useAsync(() => rdeApi.getCurrentUser(), [rdeApi]);
}
