export { WorkspaceTerminal } from './WorkspaceTerminal';
export type { WorkspaceTerminalProps } from './WorkspaceTerminal';
export { TerminalConnection } from './TerminalConnection';
export type {
  TerminalConnectionOptions,
  TerminalConnectionStatus,
} from './TerminalConnection';
