/**
 * The RDE frontend plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import { rdePlugin } from './alpha/plugin';

export {
  rdeApi,
  rdePage,
  rdeEntityWorkspaceContent,
  rdeEntityLaunchWorkspaceCard,
  rdeEntityOpenInWorkspaceCard,
} from './alpha/plugin';

/**
 * The RDE frontend plugin for the new frontend system; install it as an app feature.
 *
 * @alpha
 */
export default rdePlugin;
