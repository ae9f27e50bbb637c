import { Header, Page } from '@backstage/core-components';
import { RdeRoutes } from './RdeRoutes';

/**
 * The RDE pages inside the classic page chrome, for apps on the old frontend system (the new
 * frontend system draws the page header itself).
 *
 * @public
 */
export function LegacyRdePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Workspaces"
        subtitle="Private development environments on your company's cluster"
      />
      <RdeRoutes />
    </Page>
  );
}
