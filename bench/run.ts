// `npm run bench -- --scale seed|small|medium|large [--quick] [--only a,b]`: builds chipgraph, obtains a
// throw-away Neo4j like the app does, loads the real seed plus a synthetic graph with the real loader, starts
// chipgraph and the @neo4j/graphql peer as separate processes, and measures every workload three ways.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCli } from '../src/cli/args.js';
import { loadConfig } from '../src/config.js';
import { obtainDatabase } from '../src/db/database.js';
import { createDriver, Executor } from '../src/db/executor.js';
import { applyConstraints } from '../src/db/migrations.js';
import { NEO4J_VERSION } from '../src/db/neo4j-version.js';
import { loadSeed } from '../src/db/seed/load.js';
import { formatProblems, validateSeed } from '../src/db/seed/validate.js';
import { checkRows, generateSynthetic, SCALES } from './generate.js';
import { findNeo4jPid, memoryMb } from './measure.js';
import { buildPeerSchema } from './peer/schema.js';
import { writeReports, type ScaleResult, type VariantResult, type WorkloadResult } from './report.js';
import { workloads } from './workloads.js';
import {
  ROOT,
  log,
  markStopping,
  throttled,
  spawned,
  exits,
  stopped,
  stopChild,
  startChipgraph,
  startPeer,
} from './processes.js';
import { probeChipgraph, probePeer, profileAll } from './probe.js';
import { httpTarget, measureTargets, PLANS, rawTarget, variant, type Target } from './targets.js';

const SCALE_NAMES = ['seed', 'small', 'medium', 'large'] as const;
type Scale = (typeof SCALE_NAMES)[number];

/** Neo4j memory per scale, unless NEO4J_HEAP / NEO4J_PAGECACHE are set. */
const MEMORY: Record<Scale, { heap: string; pageCache: string }> = {
  seed: { heap: '1g', pageCache: '512m' },
  small: { heap: '1g', pageCache: '512m' },
  medium: { heap: '3g', pageCache: '2g' },
  large: { heap: '4g', pageCache: '6g' },
};

async function loadGraph(executor: Executor, scale: Scale) {
  const tick = throttled();
  await applyConstraints(executor);
  const real = validateSeed([path.join(ROOT, 'seed')]);
  if (real.problems.length) throw new Error(`seed/ does not validate:\n${formatProblems(real.problems)}`);
  const t0 = performance.now();
  await loadSeed(executor, real.bundle, { prune: false });
  log(
    `real seed loaded: ${real.bundle.entities.length} entities, ${real.bundle.relationships.length} relationships`,
  );
  const out = {
    nodes: real.bundle.entities.length + real.bundle.sources.length,
    relationships: real.bundle.relationships.length,
    synthetic: null as null | {
      nodes: number;
      relationships: number;
      nodeMs: number;
      relMs: number;
      relsPerS: number;
    },
    listChip: '',
  };
  if (scale === 'seed') {
    const res = await executor.read<{ id: string }>(
      'MATCH (c:Chip)<-[r:TRAINED_ON|RUNS_ON]-() RETURN c.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1',
    );
    out.listChip = res.records[0]?.get('id') ?? 'nvidia-h100';
    return { ...out, loadMs: Math.round(performance.now() - t0) };
  }
  const g = generateSynthetic(scale);
  out.listChip = g.picks.listChip;
  const every = scale === 'small' ? 1 : 50;
  checkRows({ sources: g.sources, entities: g.entities }, every);
  const t1 = performance.now();
  await loadSeed(
    executor,
    { sources: g.sources, entities: g.entities, relationships: [] },
    {
      transaction: 'per-batch',
      prune: false,
      batchSize: 5_000,
      progress: (e) => tick(`synthetic nodes ${e.done}/${e.total}`),
    },
  );
  const nodeMs = performance.now() - t1;
  log(`synthetic nodes loaded: ${g.counts.nodes} in ${(nodeMs / 1000).toFixed(1)} s`);
  const t2 = performance.now();
  let rels = 0;
  for (const chunk of g.relationships(50_000)) {
    checkRows({ relationships: chunk }, every);
    await loadSeed(
      executor,
      { sources: [], entities: [], relationships: chunk },
      { transaction: 'per-batch', prune: false },
    );
    rels += chunk.length;
    const s = (performance.now() - t2) / 1000;
    tick(`synthetic relationships ${rels}/~${g.counts.relationshipsEstimate} (${Math.round(rels / s)}/s)`);
  }
  const relMs = performance.now() - t2;
  log(
    `synthetic relationships loaded: ${rels} in ${(relMs / 1000).toFixed(1)} s (${Math.round(rels / (relMs / 1000))}/s)`,
  );
  await executor.write('CALL db.awaitIndexes(600)');
  out.nodes += g.counts.nodes;
  out.relationships += rels;
  out.synthetic = {
    nodes: g.counts.nodes,
    relationships: rels,
    nodeMs: Math.round(nodeMs),
    relMs: Math.round(relMs),
    relsPerS: Math.round(rels / (relMs / 1000)),
  };
  return { ...out, loadMs: Math.round(performance.now() - t0) };
}

async function main(): Promise<void> {
  const { values } = parseCli({
    command: 'npm run bench',
    options: {
      scale: { type: 'string', default: 'small' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
    help: `Benchmark chipgraph against hand-written Cypher and the Neo4j GraphQL Library on a throw-away Neo4j loaded
with the seed plus a synthetic graph; writes bench/results/<scale>.json and bench/RESULTS.md. Never part of npm test.

usage: npm run bench -- [--scale seed|small|medium|large] [--quick] [--only <workloads>]

options:
  --scale <name>       seed (the shipped seed only), small (~10k nodes, default), medium (~100k), large (~1M)
  --quick              fewer requests per measurement: a smoke run, not numbers to publish
  --only <a,b>         run only these workloads (comma-separated names from bench/workloads.ts)
  -h, --help           show this help

examples:
  npm run bench -- --scale seed --quick
  npm run bench -- --scale medium
  NEO4J_HEAP=4g NEO4J_PAGECACHE=6g npm run bench -- --scale large --only exposure-vendor,connections`,
  });
  const scale = values.scale as Scale;
  if (!SCALE_NAMES.includes(scale)) throw new Error(`--scale must be one of ${SCALE_NAMES.join(', ')}`);
  const plan = values.quick ? PLANS.quick : PLANS.full;
  const command = `npm run bench -- --scale ${scale}${values.quick ? ' --quick' : ''}${values.only ? ` --only ${values.only}` : ''}`;
  const started = Date.now();
  const loadBefore = os.loadavg();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-bench-'));
  log(`${command} (logs in ${logDir})`);

  // The build runs while Neo4j starts and the graph loads; it is awaited before chipgraph starts.
  log('building chipgraph (npm run build) while Neo4j starts');
  const build = new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed:\n${output}`)),
    );
  });
  build.catch(() => {}); // handled where it is awaited

  // Configuration comes from config.ts like the app's; the bench only raises Neo4j's memory defaults per scale.
  const env = process.env;
  const config = loadConfig({
    ...env,
    NEO4J_HEAP: env.NEO4J_HEAP || MEMORY[scale].heap,
    NEO4J_PAGECACHE: env.NEO4J_PAGECACHE || MEMORY[scale].pageCache,
  });
  const db = await obtainDatabase(config, {
    ephemeral: true,
    progress: (e) => log(`${e.phase}: ${e.message}`),
  });
  const cleanup: (() => Promise<void>)[] = [() => db.stop()];
  const stopAll = async () => {
    markStopping();
    for (const child of spawned) await stopChild(child);
    for (const fn of cleanup.reverse()) await fn().catch((err: unknown) => log(`cleanup: ${String(err)}`));
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  try {
    const driver = createDriver(db);
    cleanup.push(() => driver.close());
    const executor = new Executor(driver, config.neo4j.database, 600_000);
    if (db.kind === 'external') {
      const n = await executor.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
      if ((n.records[0]?.get('n') ?? 0) > 0) {
        throw new Error(
          'NEO4J_URI points at a database that is not empty; the bench loads its own data into it',
        );
      }
    }
    const port = Number(new URL(db.uri.replace(/^bolt/, 'http')).port);
    const dbPid = db.kind === 'local' ? findNeo4jPid(port) : null;

    // The peer needs no data to start; it is up by the time the graph is loaded.
    const peerStarting = startPeer(db, logDir);
    peerStarting.catch(() => {}); // handled where it is awaited
    const loaded = await loadGraph(executor, scale);
    await build;
    const all = workloads({ listChip: loaded.listChip });
    const chosen = values.only ? all.filter((w) => values.only!.split(',').includes(w.name)) : all;

    let npmStartMs: number | null = null;
    if (!values.quick) {
      log('timing `npm start` to its first answer (build included)');
      const npmStart = await startChipgraph(db, 'npm', logDir);
      await npmStart.stop();
      npmStartMs = npmStart.startMs;
    }
    const chipgraph = await startChipgraph(db, 'node', logDir);
    log(`chipgraph up in ${chipgraph.startMs} ms (npm start: ${npmStartMs ?? 'not timed with --quick'} ms)`);
    const peer = await peerStarting;
    log(`@neo4j/graphql up in ${peer.startMs} ms (started while the graph loaded)`);
    const peerSchema = await buildPeerSchema(driver);

    const results: WorkloadResult[] = [];
    for (const w of chosen) {
      log(`workload ${w.name}`);
      const result: WorkloadResult = {
        name: w.name,
        question: w.question,
        kind: w.kind,
        peerTarget: w.peerTarget,
        chipgraph: null,
        rawCypher: null,
        neo4jGraphql: null,
      };
      const extras = new Map<Target['key'], Partial<VariantResult>>();
      const targets: Target[] = [rawTarget(driver, w)];
      const raw = await profileAll(driver, [{ cypher: w.rawCypher.cypher, params: w.rawCypher.params }]);
      extras.set('rawCypher', {
        cypherQueries: 1,
        dbHits: raw.dbHits,
        scans: raw.scans,
        bytes: JSON.stringify(await targets[0]!.once()).length,
      });

      const cg = await probeChipgraph(driver, w.chipgraph);
      if (cg.errors) {
        result.chipgraphError = JSON.stringify(cg.errors).slice(0, 500);
        log(`  chipgraph answered with errors: ${result.chipgraphError}`);
      } else {
        const p = await profileAll(driver, cg.queries);
        extras.set('chipgraph', {
          cypherQueries: cg.queries.length,
          dbHits: p.dbHits,
          scans: p.scans,
          bytes: cg.bytes,
          statements: p.statements,
        });
        targets.push(httpTarget('chipgraph', chipgraph.url, w.chipgraph, chipgraph.child.pid!));
      }

      if ('unsupported' in w.neo4jGraphql) {
        result.neo4jGraphqlNote = w.neo4jGraphql.unsupported;
      } else {
        result.neo4jGraphqlNote = w.peerNote;
        const pp = await probePeer(driver, peerSchema, w.neo4jGraphql);
        if (pp.errors) {
          result.neo4jGraphqlNote = `errors: ${JSON.stringify(pp.errors).slice(0, 300)}`;
          log(`  @neo4j/graphql answered with errors: ${result.neo4jGraphqlNote}`);
        } else {
          const p = await profileAll(driver, pp.queries);
          extras.set('neo4jGraphql', {
            cypherQueries: pp.queries.length,
            dbHits: p.dbHits,
            scans: p.scans,
            bytes: pp.bytes,
          });
          targets.push(httpTarget('neo4jGraphql', peer.url, w.neo4jGraphql, peer.child.pid!));
        }
      }
      const measured = await measureTargets(targets, plan, dbPid);
      for (const [key, m] of measured) result[key] = variant(m, extras.get(key) ?? {});
      const f = (v: VariantResult | null) =>
        v
          ? `${v.p50Ms} ms / ${v.rps} rps / ${v.cypherQueries} q / ${v.dbHits} hits / ${v.errorsUnderLoad} err`
          : '-';
      log(
        `  raw ${f(result.rawCypher)} | chipgraph ${f(result.chipgraph)} | @neo4j/graphql ${f(result.neo4jGraphql)}`,
      );
      results.push(result);
    }

    const out: ScaleResult = {
      scale,
      quick: values.quick ?? false,
      command,
      finishedAt: new Date().toISOString(),
      durationS: Math.round((Date.now() - started) / 1000),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        neo4j: `${NEO4J_VERSION} community (${db.kind})`,
        neo4jHeap: config.neo4j.local.heap,
        neo4jPageCache: config.neo4j.local.pageCache,
        loadavgBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
        loadavgAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
        note: 'client, servers and Neo4j share these cores; other work on the machine adds noise, so compare ratios within one run',
      },
      graph: {
        nodes: loaded.nodes,
        relationships: loaded.relationships,
        loadMs: loaded.loadMs,
        synthetic: loaded.synthetic,
        target: scale === 'seed' ? null : SCALES[scale],
      },
      startup: {
        npmStartToFirstAnswerMs: npmStartMs,
        nodeDistToFirstAnswerMs: chipgraph.startMs,
        neo4jGraphqlToFirstAnswerMs: peer.startMs,
      },
      unexpectedExits: {
        chipgraph: stopped.has(chipgraph.child) ? null : (exits.get(chipgraph.child) ?? null),
        neo4jGraphql: stopped.has(peer.child) ? null : (exits.get(peer.child) ?? null),
      },
      memory: {
        chipgraph: memoryMb(chipgraph.child.pid!),
        neo4jGraphql: memoryMb(peer.child.pid!),
        neo4j: dbPid ? memoryMb(dbPid) : null,
        bench: memoryMb(process.pid),
      },
      workloads: results,
    };
    writeReports(path.join(ROOT, 'bench'), out);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
