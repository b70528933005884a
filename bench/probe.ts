// One answer per workload asked in process, recording the Cypher it sends: chipgraph through its own server and
// a capturing driver, the peer through its schema; then PROFILE of every captured statement.
import { graphql } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { Executor } from '../src/db/executor.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { capturingDriver, profile, type CapturedQuery } from './capture.js';
import type { buildPeerSchema } from './peer/schema.js';

export interface GraphqlCall {
  query: string;
  variables: Record<string, unknown>;
}

/** One GraphQL answer in process, through a driver that records the Cypher it sends. */
export interface Probe {
  queries: CapturedQuery[];
  errors: unknown;
  bytes: number;
}

export async function probeChipgraph(driver: Driver, call: GraphqlCall): Promise<Probe> {
  const captured: CapturedQuery[] = [];
  const executor = new Executor(capturingDriver(driver, captured), 'neo4j', 60_000);
  const yoga = createServer({ executor, logger: createLogger('silent') });
  const ask = async () => {
    const res = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(call),
    });
    return res.text();
  };
  await ask();
  captured.length = 0;
  const text = await ask();
  return {
    queries: [...captured],
    errors: (JSON.parse(text) as { errors?: unknown }).errors,
    bytes: text.length,
  };
}

export async function probePeer(
  driver: Driver,
  schema: Awaited<ReturnType<typeof buildPeerSchema>>,
  call: GraphqlCall,
): Promise<Probe> {
  const captured: CapturedQuery[] = [];
  const capturing = capturingDriver(driver, captured);
  const ask = () =>
    graphql({
      schema,
      source: call.query,
      variableValues: call.variables,
      contextValue: { executionContext: capturing },
    });
  await ask();
  captured.length = 0;
  const res = await ask();
  return { queries: [...captured], errors: res.errors, bytes: JSON.stringify(res).length };
}

export async function profileAll(driver: Driver, queries: CapturedQuery[]) {
  let dbHits = 0;
  const operators = new Set<string>();
  const statements: { cypher: string; dbHits: number; rows: number }[] = [];
  for (const q of queries) {
    const p = await profile(driver, q);
    dbHits += p.dbHits;
    p.operators.forEach((o) => operators.add(o));
    statements.push({
      cypher: q.cypher.replace(/\s+/g, ' ').trim().slice(0, 400),
      dbHits: p.dbHits,
      rows: p.rows,
    });
  }
  return {
    statements,
    dbHits,
    scans: [...operators].filter((o) =>
      /AllNodesScan|NodeByLabelScan|RelationshipTypeScan|AllRelationships/.test(o),
    ),
  };
}

/** One way of answering a workload, as the measuring loops see it. */
