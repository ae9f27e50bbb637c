import { mockServices } from '@backstage/backend-test-utils';
import type { TicketService } from './TicketService';
import {
  TICKET_CLEANUP_TASK_ID,
  scheduleTicketCleanup,
} from './scheduleTicketCleanup';

describe('scheduleTicketCleanup', () => {
  it('schedules one global task that deletes expired tickets', async () => {
    const scheduler = mockServices.scheduler.mock();
    const deleteExpired = jest.fn(async () => 3);
    await scheduleTicketCleanup({
      scheduler,
      tickets: { deleteExpired } as unknown as TicketService,
      logger: mockServices.logger.mock(),
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: TICKET_CLEANUP_TASK_ID,
      scope: 'global',
      frequency: { minutes: 10 },
    });
    await task.fn(new AbortController().signal);
    expect(deleteExpired).toHaveBeenCalledTimes(1);
  });
});
