// `npm run bench -- --scale seed|small|medium|large [--quick] [--only a,b] [--allow-diff]`: builds chipgraph, obtains
// a throw-away Neo4j like the app does, loads the real seed plus a synthetic graph, starts chipgraph, the HTTP
// floor and the @neo4j/graphql peer as separate processes, checks that they answer the same, then measures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCli } from '../src/cli/args.js';
import { loadConfig } from '../src/config.js';
import { obtainDatabase } from '../src/db/database.js';
import { createDriver, Executor } from '../src/db/executor.js';
import { NEO4J_VERSION } from '../src/db/neo4j-version.js';
import { checkAnswers, describe, type AnswerCheck } from './check.js';
import { floorParams } from './floor/statements.js';
import { SCALES } from './generate.js';
import { loadGraph, MEMORY, SCALE_NAMES, type Scale } from './graph.js';
import { importSynthetic } from './import/bulk.js';
import { drawInputs, type Input } from './inputs.js';
import { findNeo4jPid, memoryMb } from './measure.js';
import { overload, type OverloadResult } from './overload.js';
import {
  ROOT,
  log,
  markStopping,
  spawned,
  exits,
  stopped,
  stopChild,
  startChipgraph,
  startFloor,
  startPeer,
} from './processes.js';
import { probeChipgraph, probePeer, profileAll } from './probe.js';
import { buildPeerSchema } from './peer/schema.js';
import { writeReports, type ScaleResult, type VariantResult, type WorkloadResult } from './report.js';
import {
  chipgraphTarget,
  floorTarget,
  measureTargets,
  peerTarget,
  PLANS,
  rawTarget,
  variant,
  type Target,
  type TargetKey,
} from './targets.js';
import { workloads } from './workloads.js';

const HELP = `Benchmark chipgraph against a hand-written floor (in process and over HTTP) and the Neo4j GraphQL Library on
a throw-away Neo4j loaded with the seed plus a synthetic graph; writes bench/results/<scale>.json and
bench/RESULTS.md. Never part of npm test.

usage: npm run bench -- [--scale seed|small|medium|large] [--quick] [--only <workloads>] [--allow-diff] [--bulk-import]

options:
  --scale <name>       seed (the shipped seed only), small (~10k nodes, default), medium (~100k), large (~1M, bulk import)
  --quick              a smoke run (< 5 minutes at small): 40 samples, 0.4 s windows, one repeat, 10 s overload
  --only <a,b>         run only these workloads (comma-separated names from bench/workloads.ts)
  --allow-diff         a difference between chipgraph's and the HTTP floor's answers is a warning, not a failure
                       (the results then carry answersEqual: false; never commit such a run)
  --bulk-import        load the synthetic graph with neo4j-admin database import (always on for large; minutes
                       instead of the loader's ~2,000 relationships/s)
  --keep-store <dir>   with a bulk import: keep the imported store in <dir> and reuse it on later runs of the
                       same scale (saves the ~10 minutes of CSV and import at large; never deleted by the bench)
  -h, --help           show this help

examples:
  npm run bench -- --scale small --quick
  npm run bench -- --scale medium
  NEO4J_HEAP=4g NEO4J_PAGECACHE=6g npm run bench -- --scale large --only entity-lookup,model-hardware`;

function startBuild(): Promise<void> {
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
  return build;
}

async function main(): Promise<void> {
  const { values } = parseCli({
    command: 'npm run bench',
    options: {
      scale: { type: 'string', default: 'small' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'allow-diff': { type: 'boolean', default: false },
      'bulk-import': { type: 'boolean', default: false },
      'keep-store': { type: 'string' },
    },
    help: HELP,
  });
  const scale = values.scale as Scale;
  if (!SCALE_NAMES.includes(scale)) throw new Error(`--scale must be one of ${SCALE_NAMES.join(', ')}`);
  const quick = values.quick ?? false;
  const allowDiff = values['allow-diff'] ?? false;
  const plan = quick ? PLANS.quick : PLANS.full;
  const command = `npm run bench -- --scale ${scale}${quick ? ' --quick' : ''}${values.only ? ` --only ${values.only}` : ''}${allowDiff ? ' --allow-diff' : ''}${values['bulk-import'] ? ' --bulk-import' : ''}`;
  const started = Date.now();
  const loadBefore = os.loadavg();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-bench-'));
  log(`${command} (logs in ${logDir})`);
  log('building chipgraph (npm run build) while Neo4j starts');
  const build = startBuild();

  const env = process.env;
  const config = loadConfig({
    ...env,
    NEO4J_HEAP: env.NEO4J_HEAP || MEMORY[scale].heap,
    NEO4J_PAGECACHE: env.NEO4J_PAGECACHE || MEMORY[scale].pageCache,
  });
  const cleanup: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    markStopping();
    for (const child of spawned) await stopChild(child);
    for (const fn of cleanup.reverse()) await fn().catch((err: unknown) => log(`cleanup: ${String(err)}`));
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  try {
    // large (or --bulk-import): the synthetic graph is bulk-imported before the server starts (bench/import/).
    const bulk = scale !== 'seed' && (scale === 'large' || (values['bulk-import'] ?? false));
    const imported = bulk ? await importSynthetic(scale, config, logDir, values['keep-store']) : null;
    const db =
      imported?.db ??
      (await obtainDatabase(config, { ephemeral: true, progress: (e) => log(`${e.phase}: ${e.message}`) }));
    cleanup.push(() => db.stop());
    const driver = createDriver(db);
    cleanup.push(() => driver.close());
    const executor = new Executor(driver, config.neo4j.database, 600_000);
    if (db.kind === 'external' && !imported) {
      const n = await executor.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
      if ((n.records[0]?.get('n') ?? 0) > 0)
        throw new Error(
          'NEO4J_URI points at a database that is not empty; the bench loads its own data into it',
        );
    }
    const port = Number(new URL(db.uri.replace(/^bolt/, 'http')).port);
    const dbPid = db.kind === 'local' ? findNeo4jPid(port) : null;

    // The peer and the floor need no data to start; they are up by the time the graph is loaded.
    const peerStarting = startPeer(db, logDir);
    peerStarting.catch(() => {});
    const floorStarting = startFloor(db, logDir);
    floorStarting.catch(() => {});
    const loaded = imported ? await imported.finish(executor) : await loadGraph(executor, scale);
    await build;
    let npmStartMs: number | null = null;
    if (!quick) {
      log('timing `npm start` to its first answer (build included)');
      const npmStart = await startChipgraph(db, 'npm', logDir);
      await npmStart.stop();
      npmStartMs = npmStart.startMs;
    }
    const chipgraph = await startChipgraph(db, 'node', logDir);
    log(`chipgraph up in ${chipgraph.startMs} ms (npm start: ${npmStartMs ?? 'not timed with --quick'} ms)`);
    const peer = await peerStarting;
    const floor = await floorStarting;
    log(`@neo4j/graphql up in ${peer.startMs} ms, HTTP floor in ${floor.startMs} ms`);
    const peerSchema = await buildPeerSchema(driver);

    const all = workloads();
    const chosen = values.only ? all.filter((w) => values.only!.split(',').includes(w.name)) : all;
    const cgUrl = chipgraph.url;

    // 1. Same question, same answer — before anything is timed.
    const inputs = new Map<string, Input[]>();
    const checks = new Map<string, AnswerCheck>();
    for (const w of chosen) {
      log(`checking answers: ${w.name}`);
      inputs.set(w.name, await drawInputs(driver, w.inputs, 5_000));
      const pt = 'unsupported' in w.peer ? null : peerTarget(peer.url, peer.child.pid!, w.peer);
      checks.set(
        w.name,
        await checkAnswers(
          w,
          inputs.get(w.name)!,
          plan.answerInputs,
          chipgraphTarget(cgUrl, chipgraph.child.pid!, w),
          floorTarget(floor.url, floor.child.pid!, w),
          pt,
        ),
      );
    }
    const differ = chosen.filter((w) => !checks.get(w.name)!.floor.equal);
    if (differ.length) {
      const text = differ
        .map((w) => describe(w.name, 'the HTTP floor', checks.get(w.name)!.floor))
        .join('\n');
      if (!allowDiff) throw new Error(`answers differ (run with --allow-diff to measure anyway):\n${text}`);
      log(`WARNING (--allow-diff): answers differ:\n${text}`);
    }

    // 2. Measure.
    const results: WorkloadResult[] = [];
    for (const w of chosen) {
      log(`workload ${w.name}`);
      const seq = inputs.get(w.name)!;
      const check = checks.get(w.name)!;
      const peerSame = !('unsupported' in w.peer) && check.peer?.equal === true;
      const result: WorkloadResult = {
        name: w.name,
        question: w.question,
        kind: w.kind,
        peerTarget: w.peerTarget,
        distinctInputs: new Set(seq.map((i) => JSON.stringify(i))).size,
        answersEqual: check.floor.equal,
        ...(check.floor.equal ? {} : { answerDiff: check.floor.diff }),
        peerAnswersEqual: check.peer ? check.peer.equal : null,
        chipgraph: null,
        rawCypher: null,
        httpFloor: null,
        neo4jGraphql: null,
        neo4jGraphqlNote:
          'unsupported' in w.peer
            ? w.peer.unsupported
            : peerSame
              ? w.peer.note
              : `answers a different question here (${w.peer.note}): ${check.peer?.diff.slice(0, 3).join('; ')}`,
      };
      const first = seq[0]!;
      const extras = new Map<TargetKey, Partial<VariantResult>>();
      const floorProfile = await profileAll(driver, [{ cypher: w.floor, params: floorParams(first) }]);
      const floorExtra = { cypherQueries: 1, dbHits: floorProfile.dbHits, scans: floorProfile.scans };
      extras.set('rawCypher', floorExtra);
      extras.set('httpFloor', floorExtra);
      const targets: Target[] = [rawTarget(driver, w), floorTarget(floor.url, floor.child.pid!, w)];
      const cg = await probeChipgraph(driver, { query: w.chipgraph, variables: first });
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
        targets.push(chipgraphTarget(cgUrl, chipgraph.child.pid!, w));
      }
      if (peerSame && !('unsupported' in w.peer)) {
        const pp = await probePeer(driver, peerSchema, {
          query: w.peer.query,
          variables: floorParams(first),
        });
        const p = await profileAll(driver, pp.queries);
        extras.set('neo4jGraphql', {
          cypherQueries: pp.queries.length,
          dbHits: p.dbHits,
          scans: p.scans,
          bytes: pp.bytes,
        });
        targets.push(peerTarget(peer.url, peer.child.pid!, w.peer));
      }
      const measured = await measureTargets(targets, seq, plan, dbPid);
      for (const [key, m] of measured) result[key] = variant(m, extras.get(key) ?? {});
      result.noisy = Math.max(...[...measured.keys()].map((k) => result[k]?.maxLoad1 ?? 0)) > 4;
      const f = (v: VariantResult | null | undefined) =>
        v ? `${v.p50Ms} ms / ${v.rps} rps / ${v.cypherQueries ?? '?'} q / ${v.errorsUnderLoad} err` : '-';
      log(
        `  floor ${f(result.rawCypher)} | http floor ${f(result.httpFloor)} | chipgraph ${f(result.chipgraph)} | @neo4j/graphql ${f(result.neo4jGraphql)}`,
      );
      results.push(result);
    }

    // 3. Overload: the heaviest workload (highest chipgraph p50) at concurrency 64.
    let overloadResult: OverloadResult | null = null;
    const heaviest = [...results]
      .filter((r) => r.chipgraph)
      .sort((a, b) => b.chipgraph!.p50Ms - a.chipgraph!.p50Ms)[0];
    if (heaviest) {
      const w = chosen.find((x) => x.name === heaviest.name)!;
      log(`overload: ${w.name} at concurrency 64 for ${plan.overloadS} s`);
      overloadResult = await overload(
        w.name,
        chipgraphTarget(cgUrl, chipgraph.child.pid!, w),
        chipgraph.child,
        inputs.get(w.name)!,
        plan.overloadS,
      );
      const o = overloadResult.window;
      log(
        `  ${o.ok} answered, ${o.overloaded} SERVICE_OVERLOADED, ${o.errors} errors; crashed: ${overloadResult.crashed}`,
      );
    }

    const loadAfter = os.loadavg();
    const out: ScaleResult = {
      scale,
      quick,
      command,
      finishedAt: new Date().toISOString(),
      durationS: Math.round((Date.now() - started) / 1000),
      noisy: results.some((r) => r.noisy),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        neo4j: `${NEO4J_VERSION} community (${db.kind})`,
        neo4jHeap: config.neo4j.local.heap,
        neo4jPageCache: config.neo4j.local.pageCache,
        loadavgBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
        loadavgAfter: loadAfter.map((x) => Math.round(x * 100) / 100),
        note: 'client, servers and Neo4j share these cores; other work on the machine adds noise, so compare ratios within one run; a workload measured while the 1-minute load average exceeded 4 is marked noisy',
      },
      graph: {
        nodes: loaded.nodes,
        relationships: loaded.relationships,
        loadMs: loaded.loadMs,
        synthetic: loaded.synthetic,
        target: scale === 'seed' ? null : SCALES[scale],
        ...(imported
          ? { importer: 'neo4j-admin database import full', importTimings: imported.timings }
          : {}),
      },
      startup: {
        npmStartToFirstAnswerMs: npmStartMs,
        nodeDistToFirstAnswerMs: chipgraph.startMs,
        neo4jGraphqlToFirstAnswerMs: peer.startMs,
        httpFloorToFirstAnswerMs: floor.startMs,
      },
      unexpectedExits: Object.fromEntries(
        (
          [
            ['chipgraph', chipgraph.child],
            ['neo4jGraphql', peer.child],
            ['httpFloor', floor.child],
          ] as const
        ).map(([k, c]) => [k, stopped.has(c) ? null : (exits.get(c) ?? null)]),
      ),
      memory: {
        chipgraph: memoryMb(chipgraph.child.pid!),
        neo4jGraphql: memoryMb(peer.child.pid!),
        httpFloor: memoryMb(floor.child.pid!),
        neo4j: dbPid ? memoryMb(dbPid) : null,
        bench: memoryMb(process.pid),
      },
      overload: overloadResult,
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
