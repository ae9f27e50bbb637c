import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The RDE workspace entity provider (`rde-workspaces`). */
      rde?: {
        /**
         * Schedule of the full sync of workspaces into the catalog. Default: every 5 minutes,
         * timeout 1 minute, first run 5 minutes after start (one full sync also runs as soon as
         * the backend has started).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
