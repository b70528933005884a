// Loading the bench graph: the real seed with the real loader, then the synthetic graph of the scale — through
// the loader (seed, small, medium) or, for large, CSV files and Neo4j's bulk importer (bench/import/).
import path from 'node:path';
import type { Executor } from '../src/db/executor.js';
import { applyConstraints } from '../src/db/migrations.js';
import { loadSeed } from '../src/db/seed/load.js';
import { formatProblems, validateSeed } from '../src/db/seed/validate.js';
import { checkRows, generateSynthetic } from './generate.js';
import { ROOT, log, throttled } from './processes.js';

export const SCALE_NAMES = ['seed', 'small', 'medium', 'large'] as const;
export type Scale = (typeof SCALE_NAMES)[number];

/** Neo4j memory per scale, unless NEO4J_HEAP / NEO4J_PAGECACHE are set. */
export const MEMORY: Record<Scale, { heap: string; pageCache: string }> = {
  seed: { heap: '1g', pageCache: '512m' },
  small: { heap: '1g', pageCache: '512m' },
  medium: { heap: '3g', pageCache: '2g' },
  large: { heap: '4g', pageCache: '6g' },
};

export async function loadGraph(executor: Executor, scale: Scale) {
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
  };
  if (scale === 'seed') return { ...out, loadMs: Math.round(performance.now() - t0) };
  const g = generateSynthetic(scale);
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
