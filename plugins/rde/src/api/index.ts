export { rdeApiRef } from './RdeApi';
export type { RdeApi, TerminalSize } from './RdeApi';
export { RdeClient } from './RdeClient';
