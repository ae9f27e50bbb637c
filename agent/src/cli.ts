import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { LocalDriver } from './drivers/LocalDriver';
import { TunnelAgent, parseUrl } from './TunnelAgent';
import { consoleLogger } from './logger';

const program = new Command('rde-agent')
  .description(
    'Dials out to the RDE control plane and runs workspaces on this host or cluster.',
  )
  .requiredOption(
    '--url <url>',
    'control plane tunnel address, grpc://host:port (loopback) or grpcs://host:port',
    process.env.RDE_AGENT_URL,
  )
  .option(
    '--token <token>',
    'agent token (prefer the RDE_AGENT_TOKEN environment variable)',
  )
  .option('--token-file <file>', 'read the agent token from a file')
  .requiredOption(
    '--cluster <name>',
    'name of the cluster this agent serves',
    process.env.RDE_AGENT_CLUSTER,
  )
  .option('--driver <driver>', 'workspace driver: local', 'local')
  .option(
    '--data-dir <dir>',
    'where the local driver keeps workspaces, their state and its secret store (secrets/<name>)',
    process.env.RDE_AGENT_DATA_DIR ?? './data/agent',
  )
  .option('--ca <file>', 'PEM CA bundle to trust for grpcs://')
  .action(async opts => {
    const token =
      opts.token ??
      (opts.tokenFile
        ? readFileSync(opts.tokenFile, 'utf8').trim()
        : process.env.RDE_AGENT_TOKEN);
    if (!token) {
      throw new InvalidArgumentError(
        'an agent token is needed: --token-file, --token or RDE_AGENT_TOKEN',
      );
    }
    parseUrl(opts.url);
    if (opts.driver !== 'local') {
      throw new InvalidArgumentError(
        `unknown driver '${opts.driver}' (available: local)`,
      );
    }
    const driver = new LocalDriver({
      dataDir: opts.dataDir,
      cluster: opts.cluster,
    });
    if (!driver.sandboxed) {
      consoleLogger.warn(
        'bubblewrap (bwrap) is not installed: workspace shells run unsandboxed and can read ' +
          "everything this agent's user can, its token included. Install the 'bubblewrap' package.",
      );
    }
    const agent = new TunnelAgent({
      url: opts.url,
      token,
      cluster: opts.cluster,
      driver,
      logger: consoleLogger,
      caPem: opts.ca ? readFileSync(opts.ca) : undefined,
    });
    agent.start();
    const shutdown = async () => {
      await agent.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program.parseAsync(process.argv).catch(error => {
  process.stderr.write(`rde-agent: ${error.message}\n`);
  process.exit(2);
});
