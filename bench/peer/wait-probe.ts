// Where does the fixed ~45 ms in some answers come from (the peer's nested lookups, and a few floor statements)?
// On a throw-away Neo4j with the real seed, each statement is run 40 times at concurrency 1 and split into
// client time, Neo4j's own `resultAvailableAfter` + `resultConsumedAfter` (server side) and the rest (network,
// driver); then with TCP_NODELAY forced on the driver's sockets (neo4j-driver never sets it: Nagle is on).
//   npx tsx bench/peer/wait-probe.ts [--small]   (seed, or the small synthetic graph; prints two tables)
import { graphql } from 'graphql';
import net from 'node:net';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../../src/config.js';
import { obtainDatabase } from '../../src/db/database.js';
import { createDriver, Executor } from '../../src/db/executor.js';
import { loadGraph } from '../graph.js';
import { drawInputs } from '../inputs.js';
import { capturingDriver, type CapturedQuery } from '../capture.js';
import { floorParams } from '../floor/statements.js';
import { ROOT } from '../processes.js';
import { median } from '../load.js';
import { workloads } from '../workloads.js';
import { buildPeerSchema } from './schema.js';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { freePort } from '../../src/db/local-neo4j.js';

const N = 40;
const INPUT = {
  'entity-lookup': { id: 'nvidia-h100' },
  'model-hardware': { id: 'deepseek-v3' },
  'chip-dependents': { id: 'nvidia-h100' },
} as Record<string, Record<string, string>>;

async function timeStatement(driver: Driver, q: CapturedQuery, peerSession: boolean) {
  const client: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < N + 5; i++) {
    const session = driver.session(
      peerSession
        ? {
            database: 'neo4j',
            bookmarkManager: driver.executeQueryBookmarkManager,
            defaultAccessMode: 'READ',
          }
        : { defaultAccessMode: 'READ' },
    );
    const t = performance.now();
    const res = await session.executeRead((tx) => tx.run(q.cypher, q.params));
    const ms = performance.now() - t;
    await session.close();
    if (i < 5) continue;
    client.push(ms);
    server.push(Number(res.summary.resultAvailableAfter) + Number(res.summary.resultConsumedAfter));
  }
  return { client: Math.round(median(client) * 10) / 10, server: Math.round(median(server) * 10) / 10 };
}

/** p50 of one GraphQL POST over keep-alive HTTP; `noDelay`: TCP_NODELAY on the client's socket. */
async function httpP50(url: string, bodies: string | string[], noDelay: boolean, n = N): Promise<number> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: 1,
    ...(noDelay ? { noDelay: true } : {}),
  });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        url,
        { agent, method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const samples: number[] = [];
  for (let i = 0; i < n + 5; i++) {
    const t = performance.now();
    await post(Array.isArray(bodies) ? bodies[i % bodies.length]! : bodies);
    if (i >= 5) samples.push(performance.now() - t);
  }
  agent.destroy();
  return Math.round(median(samples) * 10) / 10;
}

async function startPeerServer(uri: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/peer/server.ts', uri, String(port)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 600; i++) {
    if ((await httpP50(url, '{"query":"{ __typename }"}', false, 1).catch(() => null)) !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url };
}

async function main(): Promise<void> {
  const db = await obtainDatabase(loadConfig(process.env), { ephemeral: true });
  try {
    let driver = createDriver(db);
    const executor = new Executor(driver, 'neo4j', 600_000);
    const scale = process.argv.includes('--small') ? 'small' : 'seed';
    const early = await startPeerServer(db.uri);
    await loadGraph(executor, scale);
    const schema = await buildPeerSchema(driver);
    const statements: { name: string; q: CapturedQuery }[] = [];
    for (const w of workloads().filter((x) => INPUT[x.name])) {
      const input = INPUT[w.name]!;
      statements.push({ name: `${w.name} floor`, q: { cypher: w.floor, params: floorParams(input) } });
      if ('unsupported' in w.peer) continue;
      const captured: CapturedQuery[] = [];
      const peerQuery = w.peer.query;
      const ask = () =>
        graphql({
          schema,
          source: peerQuery,
          variableValues: floorParams(input),
          contextValue: { executionContext: capturingDriver(driver, captured) },
        });
      await ask();
      captured.length = 0;
      await ask();
      statements.push({ name: `${w.name} peer`, q: captured[0]! });
    }
    const rows = [
      '| statement | client p50 ms | Neo4j p50 ms (available + consumed) | client p50, peer session config | client p50, TCP_NODELAY |',
      '| --- | --- | --- | --- | --- |',
    ];
    const results = [];
    for (const s of statements)
      results.push({
        s,
        plain: await timeStatement(driver, s.q, false),
        peer: await timeStatement(driver, s.q, true),
      });
    await driver.close();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored or wrapped below, called with apply
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      this.setNoDelay(true);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    };
    driver = createDriver(db);
    for (const r of results) {
      const nd = await timeStatement(driver, r.s.q, false);
      rows.push(`| ${r.s.name} | ${r.plain.client} | ${r.plain.server} | ${r.peer.client} | ${nd.client} |`);
    }
    await driver.close();
    net.Socket.prototype.connect = connect;
    process.stdout.write(`${rows.join('\n')}\n\n`);

    // The same peer queries through GraphQL, on the bench's input sequences: in process, and over HTTP from
    // two peer servers (bench/peer/server.ts), one started before the graph was loaded (as the bench does) and
    // one after.
    const late = await startPeerServer(db.uri);
    driver = createDriver(db);
    const rows2 = [
      '| peer query | graphql() in process p50 ms | HTTP p50 ms, peer started before the load | same, client TCP_NODELAY | HTTP p50 ms, peer started after the load |',
      '| --- | --- | --- | --- | --- |',
    ];
    for (const w of workloads().filter((x) => INPUT[x.name])) {
      if ('unsupported' in w.peer) continue;
      const inputs = await drawInputs(driver, w.inputs, N + 5);
      const source = w.peer.query;
      const inProcess: number[] = [];
      for (let i = 0; i < N + 5; i++) {
        const t = performance.now();
        await graphql({
          schema,
          source,
          variableValues: floorParams(inputs[i]!),
          contextValue: { executionContext: driver },
        });
        if (i >= 5) inProcess.push(performance.now() - t);
      }
      const bodies = inputs.map((i) => JSON.stringify({ query: source, variables: floorParams(i) }));
      rows2.push(
        `| ${w.name} | ${Math.round(median(inProcess) * 10) / 10} | ${await httpP50(early.url, bodies, false)} | ${await httpP50(early.url, bodies, true)} | ${await httpP50(late.url, bodies, false)} |`,
      );
    }
    early.child.kill('SIGTERM');
    late.child.kill('SIGTERM');
    await driver.close();
    process.stdout.write(`${rows2.join('\n')}\n`);
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
