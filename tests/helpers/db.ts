// Test access to the real Neo4j provided by globalSetup, plus helpers to seed it and query the Yoga instance.
import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { createDriver, Executor } from '../../src/db/executor.js';
import { runSeed } from '../../src/db/seed/run.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';

import { SHIPPED_SEED } from './paths.js';

export { FIXTURES, ROOT, SHIPPED_SEED } from './paths.js';

export function testDriver(): Driver {
  return createDriver(inject('neo4j'));
}

export function testExecutor(driver: Driver): Executor {
  return new Executor(driver, 'neo4j', 30_000);
}

/**
 * Reset the graph to exactly what the given folders hold: anything written through the API (nodes, facts,
 * retractions, edits of seed records, audit records, keys) is undone, then the loader syncs the rest.
 */
export async function seedWith(executor: Executor, dirs: string[] = [SHIPPED_SEED]) {
  await executor.write("MATCH (n) WHERE n.origin IS NULL OR n.origin <> 'seed' DETACH DELETE n");
  await executor.write("MATCH ()-[r]->() WHERE r.origin IS NULL OR r.origin <> 'seed' DELETE r");
  await executor.write(
    `MATCH ()-[r]->() WHERE r.retracted IS NOT NULL
     SET r.seedHash = null, r.retracted = null, r.retractedAt = null, r.retractedBy = null, r.retractionReason = null`,
  );
  await executor.write('MATCH (n) WHERE n.version IS NOT NULL SET n.seedHash = null, n.version = null');
  return runSeed(executor, dirs);
}

export function testServer(executor: Executor) {
  return createServer({ executor, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export async function gql<T = Record<string, any>>(
  yoga: ReturnType<typeof createServer>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const res = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResult<T>;
}
