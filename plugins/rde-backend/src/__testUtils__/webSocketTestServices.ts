import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createAuthIntegrationRouter,
  createCookieAuthRefreshMiddleware,
  createCredentialsBarrier,
  createLifecycleMiddleware,
  createWebSocketRouter,
} from '@backstage/backend-defaults/httpRouter';
import {
  DefaultRootHttpRouter,
  MiddlewareFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import Router from 'express-promise-router';

/**
 * An `httpRouter` service factory for `startTestBackend` that supports `addWebSocketHandler`.
 *
 * `@backstage/backend-test-utils` 1.11.7 (the latest release) builds its HTTP services from
 * `@backstage/backend-defaults` 0.18, whose `httpRouter` has no `addWebSocketHandler`; the plugin
 * uses 0.19's. This factory mirrors 0.19's `httpRouterServiceFactory`: REST routes go through the
 * test backend's root router (so `backend.server` serves them with the usual auth barrier),
 * WebSocket routes through a 0.19 root router on a second loopback server, `webSocketUrl()`.
 */
export function createWebSocketTestServices() {
  let wsServer: Server | undefined;
  const httpRouterFactory = createServiceFactory({
    service: coreServices.httpRouter,
    initialization: 'always',
    deps: {
      plugin: coreServices.pluginMetadata,
      config: coreServices.rootConfig,
      lifecycle: coreServices.lifecycle,
      rootLifecycle: coreServices.rootLifecycle,
      rootHttpRouter: coreServices.rootHttpRouter,
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      logger: coreServices.logger,
    },
    async factory(deps) {
      const {
        plugin,
        config,
        lifecycle,
        rootLifecycle,
        auth,
        httpAuth,
        logger,
      } = deps;
      const router = Router();
      deps.rootHttpRouter.use(`/api/${plugin.getId()}`, router);
      const barrier = createCredentialsBarrier({ httpAuth, config });
      router.use(createAuthIntegrationRouter({ auth }));
      router.use(createLifecycleMiddleware({ config, lifecycle }));
      router.use(barrier.middleware);
      router.use(createCookieAuthRefreshMiddleware({ auth, httpAuth }));
      const pluginRoutes = Router();
      router.use(pluginRoutes);
      router.use(MiddlewareFactory.create({ config, logger }).error());

      wsServer = createServer((_req, res) => {
        res.statusCode = 404;
        res.end();
      });
      await new Promise<void>(resolve =>
        wsServer!.listen(0, '127.0.0.1', resolve),
      );
      const server = wsServer;
      rootLifecycle.addShutdownHook(
        () => new Promise<void>(resolve => server.close(() => resolve())),
      );
      const wsRoot = DefaultRootHttpRouter.create({
        server,
        lifecycle: rootLifecycle,
        logger,
      });
      return {
        use: handler => pluginRoutes.use(handler),
        addAuthPolicy: policy => barrier.addAuthPolicy(policy),
        addWebSocketHandler: createWebSocketRouter({
          auth,
          config,
          lifecycle,
          logger,
          pluginId: plugin.getId(),
          rootHttpRouter: wsRoot,
        }),
      };
    },
  });
  return {
    features: [httpRouterFactory],
    /** `ws://127.0.0.1:<port>` of the server that handles the plugin's WebSocket routes. */
    webSocketUrl(): string {
      if (!wsServer) throw new Error('test WebSocket server not started');
      return `ws://127.0.0.1:${(wsServer.address() as AddressInfo).port}`;
    },
  };
}
