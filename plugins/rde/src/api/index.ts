export { rdeApiRef } from './RdeApi';
export type {
  AdminWorkspaceFilter,
  AuditFilter,
  BlueprintName,
  RdeApi,
  RdeUser,
  TerminalSize,
} from './RdeApi';
export { RdeClient } from './RdeClient';
export {
  RdeApiError,
  readRdeApiError,
  TooManyRequestsError,
  WorkspaceLimitReachedError,
} from './RdeApiError';
export type { RdeApiErrorOptions } from './RdeApiError';
