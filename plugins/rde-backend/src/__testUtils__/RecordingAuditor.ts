import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';

/** One auditor event as a test sees it: what was created and how it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: JsonObject;
  outcome?: 'success' | 'fail';
  error?: string;
}

/** An auditor service for tests that records every event and its outcome, in order. */
export class RecordingAuditor {
  readonly events: RecordedAuditEvent[] = [];
  private readonly mock = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta }) => {
      const entry: RecordedAuditEvent = { eventId, meta };
      this.events.push(entry);
      return {
        success: async () => {
          entry.outcome = 'success';
        },
        fail: async ({ error }) => {
          entry.outcome = 'fail';
          entry.error = error.message;
        },
      };
    },
  });

  /** The service factory to pass to `startTestBackend`. */
  get factory() {
    return this.mock.factory;
  }
}
