import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { Route, Routes } from 'react-router-dom';
import { AdminPage } from '../AdminPage';
import { WorkspacePage } from '../WorkspacePage';
import { WorkspacesPage } from '../WorkspacesPage';

/**
 * The pages under the RDE mount point: the workspace list at `/`, one workspace at
 * `/workspaces/:id`, and the admin pages at `/admin` (tabs `blueprints`, `audit`, `settings`).
 *
 * @remarks
 *
 * Declares React Router v6 as its routing library for the new frontend system; in the old
 * frontend system the adapter is a pass-through.
 *
 * @public
 */
export function RdeRoutes() {
  return (
    <ReactRouterV6PageRouter>
      <Routes>
        <Route path="/" element={<WorkspacesPage />} />
        <Route path="/workspaces/:id" element={<WorkspacePage />} />
        <Route path="/admin/*" element={<AdminPage />} />
      </Routes>
    </ReactRouterV6PageRouter>
  );
}
