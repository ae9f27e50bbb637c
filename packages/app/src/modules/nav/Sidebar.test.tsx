import { renderTestApp } from '@backstage/frontend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import rdePlugin from '@rde-portal/plugin-rde/alpha';
import { rdeApiRef } from '@rde-portal/plugin-rde';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import { screen } from '@testing-library/react';
import { navModule } from '.';

describe('Sidebar', () => {
  it('links to the Workspaces page', async () => {
    renderTestApp({
      features: [rdePlugin, notificationsPlugin, navModule],
      apis: [
        [
          rdeApiRef,
          {
            listWorkspaces: async () => [],
            listBlueprints: async () => [],
            getQuota: async () => ({ running: 0, limit: 3 }),
            getCurrentUser: async () => ({
              userRef: 'user:default/guest',
              isAdmin: false,
            }),
          } as any,
        ],
        [
          notificationsApiRef,
          {
            getStatus: async () => ({ unread: 0, read: 0 }),
            getNotifications: async () => ({
              notifications: [],
              totalCount: 0,
            }),
          } as any,
        ],
      ],
      initialRouteEntries: ['/rde'],
    });

    const nav = await screen.findByRole('navigation', { name: 'sidebar nav' });
    const link = nav.querySelector('a[href="/rde"]');
    expect(link).toHaveTextContent('Workspaces');
    expect(
      await screen.findByText('No workspaces yet', {}, { timeout: 15000 }),
    ).toBeInTheDocument();
  });
});
