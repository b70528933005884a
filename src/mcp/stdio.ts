// `npm run -s mcp`: the MCP server on stdio, for desktop assistants. By default it builds chipgraph in-process (the
// same configuration and Neo4j route as `npm start`, through the shared start-up); `--url http://host:4000` talks to
// a running chipgraph over HTTP instead. stdout carries the protocol only: logs go to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { parseCli } from '../cli/args.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { obtainDatabase, type DatabaseHandle } from '../db/database.js';
import { DEFAULT_QUERY_LIMITS } from '../graphql/plugins/limits.js';
import { exampleOperations } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { logProgress } from '../progress.js';
import { openGraph, type OpenGraph } from '../startup.js';
import { httpRunner, yogaRunner, type GraphqlRunner } from './graphql-runner.js';
import { createMcpServer } from './server.js';
import { packageVersion } from './version.js';

const USAGE = `usage: npm run -s mcp [-- --url http://localhost:4000]

Serves chipgraph to an AI assistant over MCP on stdin/stdout.
  (no option)  start chipgraph in-process: NEO4J_URI, else Docker, else local Neo4j jars (as npm start)
  --url URL    ask a running chipgraph at URL over HTTP (its /graphql endpoint)
Environment: as npm start; CHIPGRAPH_API_KEY is sent as the bearer key when reads need one.
`;

/** Logs as JSON lines on stderr: stdout belongs to the protocol. */
function stderrLogger(level: string): Logger {
  return pino(
    {
      name: 'chipgraph-mcp',
      level,
      base: { name: 'chipgraph-mcp' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

interface Started {
  db?: DatabaseHandle;
  driver?: Driver;
  stopping: boolean;
}

async function startInProcess(config: Config, logger: Logger, started: Started): Promise<OpenGraph> {
  const progress = logProgress(logger);
  const db = await obtainDatabase(config, { progress });
  started.db = db;
  if (started.stopping) throw new Error('shutting down');
  const graph = await openGraph(config, logger, db, progress);
  started.driver = graph.driver;
  return graph;
}

function parseUrl(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    process.stderr.write(
      `--url: expected an http(s) URL such as http://localhost:4000, got ${JSON.stringify(url)}\n`,
    );
    process.exit(2);
  }
  return parsed.origin;
}

async function main(): Promise<void> {
  // --help and usage errors exit here, before any protocol traffic (help goes to stdout, like every other tool).
  const { values } = parseCli({
    command: 'npm run mcp',
    options: { url: { type: 'string' } },
    help: `${USAGE}
examples:
  npm run -s mcp
  npm run -s mcp -- --url http://localhost:4000
  CHIPGRAPH_API_KEY=... npm run -s mcp -- --url https://chipgraph.example.org`,
  });
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  const logger = stderrLogger(config.logLevel);
  const started: Started = { stopping: false };
  const apiKey = config.mcp.apiKey;

  let run: GraphqlRunner;
  if (values.url) {
    const base = parseUrl(values.url);
    run = httpRunner(base, apiKey);
    logger.info({ url: base }, 'MCP on stdio, asking chipgraph over HTTP');
  } else {
    // The protocol is answered at once; tools wait for the graph (starting Neo4j can take a while).
    const graph = startInProcess(config, logger, started);
    graph.catch((err: unknown) => logger.error({ err }, 'chipgraph could not start; tools will say why'));
    const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    run = async (request) => {
      const { yoga } = await graph;
      return yogaRunner(() => yoga, { headers })(request);
    };
    logger.info('MCP on stdio, chipgraph in-process');
  }

  const server = createMcpServer({
    run,
    limits: { ...DEFAULT_QUERY_LIMITS, ...config.http.limits },
    examples: () => exampleOperations(),
    version: packageVersion(),
  });
  await server.connect(new StdioServerTransport());

  const shutdown = (reason: string) => {
    if (started.stopping) return;
    started.stopping = true;
    logger.info({ reason }, 'MCP server stopping');
    void (async () => {
      await server.close().catch(() => undefined);
      await started.driver?.close().catch(() => undefined);
      await started.db?.stop().catch((err: unknown) => logger.error({ err }, 'stopping Neo4j failed'));
      process.exit(0);
    })();
  };
  // The client closing our stdin is the normal end of a stdio session.
  process.stdin.once('end', () => shutdown('stdin closed'));
  process.stdin.once('close', () => shutdown('stdin closed'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `chipgraph MCP failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
