export {
  createTerminalSocketHandler,
  type TerminalSocketOptions,
} from './terminalSocketHandler';
export { relayTerminal, parseClientMessage } from './TerminalRelay';
