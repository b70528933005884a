// A synthetic graph — always for `large` (~1M nodes, ~5M relationships), on request (--bulk-import) for the
// others — through Neo4j's own bulk importer: the synthetic graph as CSV
// (bench/import/csv.ts), `neo4j-admin database import full` run from the same local jars as the server
// (org.neo4j.cli.AdminTool with NEO4J_HOME/NEO4J_CONF, like bin/neo4j-admin does), then the server started on that
// store, the schema applied and the real seed loaded over it with the real loader (it fills in the stub nodes).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { Executor } from '../../src/db/executor.js';
import { ensureJars, startLocalNeo4j } from '../../src/db/local-neo4j.js';
import { applyConstraints } from '../../src/db/migrations.js';
import { loadSeed } from '../../src/db/seed/load.js';
import { formatProblems, validateSeed } from '../../src/db/seed/validate.js';
import { checkRows, generateSynthetic, type SyntheticScale } from '../generate.js';
import { ROOT, log } from '../processes.js';
import { ARRAY_DELIMITER, writeCsv } from './csv.js';

export interface Loaded {
  nodes: number;
  relationships: number;
  loadMs: number;
  synthetic: null | { nodes: number; relationships: number; nodeMs: number; relMs: number; relsPerS: number };
}

export interface Imported {
  db: DatabaseHandle;
  /** Schema, the real seed through the loader, indexes online; what was loaded. */
  finish(executor: Executor): Promise<Loaded>;
  timings: { csvMs: number; importMs: number };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(cmd, args, { env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} exited with ${code}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`)),
    );
  });
}

/**
 * `keep`: a folder for the store that outlives the run (--keep-store): imported once, reused by later runs of
 * the same scale (the schema and the loader are idempotent), never deleted by the bench.
 */
export async function importSynthetic(
  scale: SyntheticScale,
  config: Config,
  logDir: string,
  keep?: string,
): Promise<Imported> {
  const t0 = performance.now();
  const local = config.neo4j.local;
  const instanceDir = keep
    ? path.resolve(keep)
    : fs.mkdtempSync(path.join(os.tmpdir(), `chipgraph-neo4j-${scale}-`));
  fs.mkdirSync(instanceDir, { recursive: true });
  const lib = await ensureJars(local.home);
  const real = validateSeed([path.join(ROOT, 'seed')]);
  if (real.problems.length) throw new Error(`seed/ does not validate:\n${formatProblems(real.problems)}`);
  const marker = path.join(instanceDir, 'bench-store.json');
  const reuse =
    !!keep &&
    fs.existsSync(marker) &&
    (JSON.parse(fs.readFileSync(marker, 'utf8')) as { scale?: string }).scale === scale;
  if (reuse) log(`${scale}: reusing the store imported earlier into ${instanceDir}`);
  const done = reuse
    ? { counts: { nodes: 0, relationships: 0 }, csvMs: 0, importMs: 0 }
    : await importInto(scale, real.bundle.entities, instanceDir, lib, local, logDir, t0);
  if (keep && !reuse)
    fs.writeFileSync(marker, JSON.stringify({ scale, importedAt: new Date().toISOString() }));
  const server = await startLocalNeo4j({
    home: local.home,
    instanceDir,
    boltPort: 0,
    heap: local.heap,
    pageCache: local.pageCache,
    progress: (e) => log(`${e.phase}: ${e.message}`),
    detached: true,
  });
  const db: DatabaseHandle = {
    uri: server.uri,
    user: 'neo4j',
    password: '',
    kind: 'local',
    stop: async () => {
      await server.stop();
      if (!keep) fs.rmSync(instanceDir, { recursive: true, force: true });
    },
  };
  return {
    db,
    timings: { csvMs: Math.round(done.csvMs), importMs: Math.round(done.importMs) },
    finish: async (executor) => {
      const t2 = performance.now();
      await applyConstraints(executor);
      await loadSeed(executor, real.bundle, { prune: false, transaction: 'per-batch', batchSize: 2_000 });
      log(`${scale}: real seed loaded; waiting for indexes`);
      await executor.write('CALL db.awaitIndexes(1800)');
      const res = await executor.read<{ nodes: number; rels: number }>(
        'CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
      );
      const rec = res.records[0]!;
      const loadMs = Math.round(performance.now() - t0);
      log(
        `${scale}: ready in ${(loadMs / 1000).toFixed(0)} s (seed and indexes ${((performance.now() - t2) / 1000).toFixed(0)} s)`,
      );
      return {
        nodes: rec.get('nodes'),
        relationships: rec.get('rels'),
        loadMs,
        synthetic: reuse
          ? null
          : {
              nodes: done.counts.nodes,
              relationships: done.counts.relationships,
              nodeMs: Math.round(done.csvMs),
              relMs: Math.round(done.importMs),
              relsPerS: Math.round(done.counts.relationships / (done.importMs / 1000)),
            },
      };
    },
  };
}

/** The synthetic graph as CSV, then `neo4j-admin database import full` into `instanceDir`. */
async function importInto(
  scale: SyntheticScale,
  realEntities: { record: { id: string }; label: string }[],
  instanceDir: string,
  lib: string,
  local: Config['neo4j']['local'],
  logDir: string,
  t0: number,
) {
  log(`${scale}: generating the synthetic graph and writing CSV files`);
  const g = generateSynthetic(scale);
  checkRows({ sources: g.sources, entities: g.entities }, 500);
  const synthetic = new Set([...g.sources.map((s) => s.record.id), ...g.entities.map((e) => e.record.id)]);
  const realLabel = new Map(realEntities.map((e) => [e.record.id, e.label]));
  const stubIds = new Set<string>();
  for (const chunk of g.relationships(200_000)) {
    checkRows({ relationships: chunk.slice(0, 50) });
    for (const r of chunk)
      for (const id of [r.record.from, r.record.to]) if (!synthetic.has(id)) stubIds.add(id);
  }
  const stubs = [...stubIds].map((id) => {
    const label = realLabel.get(id);
    if (!label) throw new Error(`synthetic fact points at ${id}, which is neither synthetic nor in seed/`);
    return { id, label };
  });
  const csv = writeCsv(g, stubs, path.join(instanceDir, 'import'));
  const csvMs = performance.now() - t0;
  log(
    `${scale}: ${csv.counts.nodes} nodes, ${csv.counts.relationships} relationships as CSV in ${(csvMs / 1000).toFixed(0)} s`,
  );

  // neo4j-admin reads the data directory from the instance's neo4j.conf (the server rewrites it on start).
  const conf = path.join(instanceDir, 'conf');
  fs.mkdirSync(conf, { recursive: true });
  fs.writeFileSync(
    path.join(conf, 'neo4j.conf'),
    [
      `server.directories.data=${path.join(instanceDir, 'data')}`,
      `server.directories.logs=${path.join(instanceDir, 'logs')}`,
      `server.directories.import=${path.join(instanceDir, 'import')}`,
      `server.memory.pagecache.size=${local.pageCache}`,
      '',
    ].join('\n'),
  );
  const t1 = performance.now();
  log(`${scale}: neo4j-admin database import full`);
  await run(
    'java',
    [
      `-Xmx${local.heap}`,
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '-cp',
      `${lib}/*`,
      'org.neo4j.cli.AdminTool',
      'database',
      'import',
      'full',
      'neo4j',
      '--overwrite-destination=true',
      `--array-delimiter=${ARRAY_DELIMITER}`,
      '--id-type=string',
      // Its report of skipped lines goes with the run's logs, not into the working directory.
      `--report-file=${path.join(logDir, 'import.report')}`,
      ...csv.nodes.map((f) => `--nodes=${f}`),
      ...csv.relationships.map((f) => `--relationships=${f}`),
    ],
    { ...process.env, NEO4J_HOME: instanceDir, NEO4J_CONF: conf },
    path.join(logDir, 'neo4j-admin-import.log'),
  );
  const importMs = performance.now() - t1;
  log(`${scale}: imported in ${(importMs / 1000).toFixed(0)} s`);
  fs.rmSync(path.join(instanceDir, 'import'), { recursive: true, force: true });

  return { counts: csv.counts, csvMs, importMs };
}
