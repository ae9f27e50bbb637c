import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  RDE_WORKSPACE_EVENT_TOPIC,
  Workspace,
  WorkspaceChangedEvent,
} from '@rde-portal/plugin-rde-common';

/**
 * Announces every change of a workspace row on the events service, topic `rde.workspace`
 * ({@link WorkspaceChangedEvent}); the catalog module turns each into a delta mutation (DESIGN §6).
 * Publishing is fire-and-forget: a failure is logged, the periodic full sync repairs the catalog.
 */
export class WorkspaceChangePublisher {
  constructor(
    private readonly options: { events: EventsService; logger: LoggerService },
  ) {}

  /** Publishes `workspace` as it is now (status `deleted` = gone). Never throws. */
  publish(workspace: Workspace): void {
    const eventPayload: WorkspaceChangedEvent = { workspace };
    this.options.events
      .publish({ topic: RDE_WORKSPACE_EVENT_TOPIC, eventPayload })
      .catch(error =>
        this.options.logger.warn(
          `Could not publish the change of workspace ${workspace.id}: ${error}`,
        ),
      );
  }
}
