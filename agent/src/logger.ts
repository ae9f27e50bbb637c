/** The agent's log sink; never given payload bytes or secrets. */
export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Logs one line per event to stderr with an ISO time and level. */
export const consoleLogger: AgentLogger = {
  info: m => process.stderr.write(`${new Date().toISOString()} info  ${m}\n`),
  warn: m => process.stderr.write(`${new Date().toISOString()} warn  ${m}\n`),
  error: m => process.stderr.write(`${new Date().toISOString()} error ${m}\n`),
};
