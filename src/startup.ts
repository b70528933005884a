// Start-up shared by `npm start` (main.ts) and `npm run mcp` (mcp/stdio.ts): from the Neo4j obtained, open the
// driver, apply constraints, seed an empty graph and build the Yoga instance. Neither listens here.
import type { Driver } from 'neo4j-driver';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { createDriver, Executor } from './db/executor.js';
import { ENSURE_GRAPH_VERSION } from './db/graph-version.js';
import { applyConstraints } from './db/migrations.js';
import { graphIsEmpty, runSeed } from './db/seed/run.js';
import type { Logger } from './logger.js';
import { startObservability, type Observability } from './observability-setup.js';
import type { Progress } from './progress.js';
import { createServer, type ChipgraphServer } from './server.js';

export interface OpenGraph {
  driver: Driver;
  executor: Executor;
  yoga: ChipgraphServer;
  observability: Observability;
}

export async function openGraph(
  config: Config,
  logger: Logger,
  db: DatabaseHandle,
  progress: Progress,
): Promise<OpenGraph> {
  logger.info({ kind: db.kind, uri: db.uri }, 'using Neo4j');
  const driver = createDriver(db);
  const executor = new Executor(driver, config.neo4j.database, config.queryTimeoutMs);
  const observability = startObservability(config, logger, executor);
  await applyConstraints(executor);
  // A graph loaded before the version node existed gets one, so stats can be cached from the first request.
  await executor.write(ENSURE_GRAPH_VERSION);
  if (config.seedOnStart && (await graphIsEmpty(executor))) {
    logger.info({ dir: config.seedDir }, 'graph is empty: seeding');
    const summary = await observability.seed(() => runSeed(executor, [config.seedDir], { progress }));
    logger.info({ entities: summary.entities, sources: summary.sources, ms: summary.ms }, 'seeded');
  }
  const yoga = createServer({
    executor,
    logger,
    http: { ...config.http, rateLimiter: observability.rateLimiter },
    auth: config.auth,
    ...observability.server,
  });
  return { driver, executor, yoga, observability };
}
