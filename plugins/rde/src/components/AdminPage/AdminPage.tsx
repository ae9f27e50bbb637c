import { Content, ErrorPanel, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import Alert from '@material-ui/lab/Alert';
import {
  Link as RouterLink,
  Route,
  Routes,
  useLocation,
} from 'react-router-dom';
import { useRdeUser } from '../../hooks/useRdeUser';
import { errorMessage } from '../../lib/errorMessage';
import { adminRouteRef, rootRouteRef } from '../../routes';
import { AdminAuditTab } from './AdminAuditTab';
import { AdminBlueprintsTab } from './AdminBlueprintsTab';
import { AdminSettingsTab } from './AdminSettingsTab';
import { AdminWorkspacesTab } from './AdminWorkspacesTab';

const TABS = [
  { path: '', label: 'Workspaces', id: 'workspaces' },
  { path: 'blueprints', label: 'Blueprints', id: 'blueprints' },
  { path: 'audit', label: 'Audit', id: 'audit' },
  { path: 'settings', label: 'Settings', id: 'settings' },
] as const;

/**
 * The RDE admin pages under `/rde/admin` (route ref `adminRouteRef`), as tabs: Workspaces (every
 * user's, with filters, counters and actions), Blueprints (state, access rules and trusted users
 * over the YAML), Audit and Settings. Shown to RDE admins only (`GET /me`); the backend refuses
 * everyone else on every admin route anyway.
 *
 * @public
 */
export function AdminPage() {
  const user = useRdeUser();
  const rootLink = useRouteRef(rootRouteRef);
  const adminLink = useRouteRef(adminRouteRef);
  const location = useLocation();

  const back = (
    <Button
      component={RouterLink}
      to={rootLink()}
      startIcon={<ArrowBackIcon />}
      size="small"
    >
      My workspaces
    </Button>
  );

  if (user.loading) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (!user.value) {
    return (
      <Content>
        {back}
        <ErrorPanel
          title={`Could not tell whether you are an RDE admin: ${errorMessage(
            user.error,
          )}`}
          error={user.error ?? new Error('unknown error')}
        />
      </Content>
    );
  }
  if (!user.value.isAdmin) {
    return (
      <Content>
        {back}
        <Box mt={2}>
          <Alert severity="warning" data-testid="rde-admin-forbidden">
            The RDE admin pages are for RDE admins. Ask your platform team if
            you need access.
          </Alert>
        </Box>
      </Content>
    );
  }

  const base = adminLink().replace(/\/+$/, '');
  const rest = location.pathname.startsWith(base)
    ? location.pathname.slice(base.length).replace(/^\/+/, '').split('/')[0]
    : '';
  const current = TABS.find(t => t.path === rest) ?? TABS[0];

  return (
    <Content>
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={1}>
        {back}
        <Tabs
          value={current.id}
          indicatorColor="primary"
          textColor="primary"
          aria-label="RDE admin"
        >
          {TABS.map(tab => (
            <Tab
              key={tab.id}
              value={tab.id}
              label={tab.label}
              component={RouterLink}
              to={tab.path ? `${base}/${tab.path}` : base}
              data-testid={`rde-admin-tab-${tab.id}`}
            />
          ))}
        </Tabs>
      </Box>
      <Routes>
        <Route path="/" element={<AdminWorkspacesTab />} />
        <Route path="blueprints" element={<AdminBlueprintsTab />} />
        <Route path="audit" element={<AdminAuditTab />} />
        <Route path="settings" element={<AdminSettingsTab />} />
      </Routes>
    </Content>
  );
}
