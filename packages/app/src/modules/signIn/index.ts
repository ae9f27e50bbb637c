import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { guestSignInPage } from './SignInPage';

/** Replaces the app plugin's sign-in page with ours (guest sign-in). */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [guestSignInPage],
});
