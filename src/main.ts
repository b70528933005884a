// Entry point: read config, obtain Neo4j, apply constraints, seed if empty, serve; shut down cleanly on signals.
import { createServer as createHttpServer } from 'node:http';
import { loadConfig, ConfigError } from './config.js';
import { obtainDatabase, type DatabaseHandle } from './db/database.js';
import { createLogger } from './logger.js';
import { installFatalHandlers, watchHeap, watchNeo4jProcess } from './process-guards.js';
import { logProgress } from './progress.js';
import { shutDown } from './shutdown.js';
import { openGraph } from './startup.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  installFatalHandlers(logger);
  watchHeap(logger);
  const progress = logProgress(logger);

  const started: { db?: DatabaseHandle } = {};
  let stopping = false;
  const stopDb = async () => {
    if (started.db)
      await started.db.stop().catch((err: unknown) => logger.error({ err }, 'stopping Neo4j failed'));
  };
  // Signals during start-up still stop what was started.
  const earlyExit = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.warn({ signal }, 'signal during start-up: stopping');
    stopping = true;
    void stopDb().finally(() => process.exit(130));
  };
  // One listener per signal for the whole life of the process, dispatching to what the current phase needs: a
  // listener swapped at the moment of readiness could drop a signal that libuv had caught for the old one.
  let onSignal: (signal: NodeJS.Signals) => void = earlyExit;
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, (signal) => onSignal(signal));

  const db = await obtainDatabase(config, { progress });
  started.db = db;
  if (stopping) return;
  const neo4jProcess = db.process;
  if (neo4jProcess) {
    watchNeo4jProcess(logger, neo4jProcess, () => {
      if (neo4jProcess.startedHere) process.exit(1);
    });
  }
  const { driver, yoga, observability } = await openGraph(config, logger, db, progress);
  // Yoga is a fetch handler; node's http server takes it as a request listener.
  // Slow clients may not hold sockets for long: headers within 10 s, the whole request within 30 s.
  const http = createHttpServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    (req, res) => void yoga.handle(req, res),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // A port in use (EADDRINUSE) or not allowed: say so, and stop the Neo4j this process started.
    logger.fatal({ err, port: config.port, host: config.host }, 'cannot listen');
    await observability.close();
    await driver.close();
    await stopDb();
    throw new Error(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
  }
  await observability.listen();
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const close = [() => observability.close(), () => driver.close(), stopDb];
    shutDown({ http, logger, signal, close }).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.fatal({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Before the server is announced: a signal sent on seeing the announcement finds the shutdown in place.
  onSignal = shutdown;
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ url: `http://${shown}:${port}/graphql` }, 'chipgraph is serving GraphQL');
  process.stderr.write(`\nchipgraph: GraphQL and GraphiQL at http://${shown}:${port}/graphql\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`chipgraph failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
