import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// Not a dependency of this package (the real app has it, see packages/backend); hoisted to the
// repository's node_modules.
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderModuleRde } from './module';

jest.setTimeout(60_000);

describe('scaffolderModuleRde', () => {
  it('registers rde:workspace:create with the scaffolder', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleRde,
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as { port: number };
      const res = await fetch(
        `http://localhost:${port}/api/scaffolder/v2/actions`,
        { headers: { Authorization: 'Bearer mock-user-token' } },
      );
      expect(res.status).toBe(200);
      const actions = (await res.json()) as Array<{
        id: string;
        schema?: { input?: { required?: string[] } };
      }>;
      const action = actions.find(a => a.id === 'rde:workspace:create');
      expect(action?.schema?.input?.required).toEqual(['blueprint']);
    } finally {
      await backend.stop();
    }
  });
});
