import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { TicketService } from './TicketService';

/** Id of the scheduled task that deletes expired tickets. */
export const TICKET_CLEANUP_TASK_ID = 'rde-ticket-cleanup';

/**
 * Schedules the deletion of expired tickets every 10 minutes, once across all backend replicas
 * (`scope: 'global'`). Expired tickets are already unusable (consume checks the expiry); this
 * only keeps the table small.
 */
export async function scheduleTicketCleanup(options: {
  scheduler: SchedulerService;
  tickets: TicketService;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, tickets, logger } = options;
  await scheduler.scheduleTask({
    id: TICKET_CLEANUP_TASK_ID,
    frequency: { minutes: 10 },
    timeout: { minutes: 2 },
    initialDelay: { minutes: 1 },
    scope: 'global',
    fn: async () => {
      const deleted = await tickets.deleteExpired();
      if (deleted > 0) {
        logger.debug(`Deleted ${deleted} expired tickets`);
      }
    },
  });
}
