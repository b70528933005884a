// `stats` without scanning the graph: entity, source and relationship counts from Neo4j's count store, minus the
// few retracted facts (found through the per-type `retracted` indexes), cached per process and keyed by the graph's
// version token (src/db/graph-version.ts), which the loader and every curation write replace.
import type { Executor } from '../executor.js';
import { READ_GRAPH_VERSION, STORE_UNSOURCED } from '../graph-version.js';
import { DATASET_ID, DATASET_LABEL, ENTITY_SPECS, RELATIONSHIP_TYPES } from '../ontology.js';
import { LIVE } from './list-repository.js';

export interface DatasetView {
  version: string | null;
  title: string | null;
  license: string | null;
  licenseUrl: string | null;
  recordEnds: string | null;
  loadedAt: string | null;
}

export interface GraphStats {
  entities: { label: string; count: number }[];
  /** Live facts per type, types with none left out, by type name. */
  relationships: { type: string; count: number }[];
  sources: number;
  /** Live facts without a source (0 when not asked for). */
  unsourced: number;
  dataset: DatasetView | null;
}

type Counts = Omit<GraphStats, 'unsourced'>;

/** Per process (Executor.shared): the last answer and the token it was read at; unsourced per token, once. */
class StatsCache {
  counts: { token: string; value: Counts } | null = null;
  unsourced: { token: string; value: Promise<number> } | null = null;
}

// Labels and types come from the ontology's constants. Each COUNT below is a count-store read, or (facts not LIVE,
// i.e. retracted) a scan of the `rel_*_retracted` index, which holds only those few. COUNT {} expressions plan in a fraction of the time CALL {} blocks take.
const COUNTS = `OPTIONAL MATCH (d:${DATASET_LABEL} {id: $datasetId})
  RETURN {
    entities: [${ENTITY_SPECS.map((s) => `{label: '${s.label}', count: COUNT { (:${s.label}) }}`).join(', ')}],
    relationships: [${RELATIONSHIP_TYPES.map(
      (t) =>
        `{type: '${t}', count: COUNT { ()-[:${t}]->() } - COUNT { ()-[r:${t}]->() WHERE NOT (${LIVE('r')}) }}`,
    ).join(', ')}],
    sources: COUNT { (:Source) },
    dataset: d {.version, .title, .license, .licenseUrl, .recordEnds, .loadedAt}
  } AS counts`;

/** The token, and the counts only when the caller's cached token is not the current one (one round trip). */
const STATS = `${READ_GRAPH_VERSION}
OPTIONAL CALL (token) {
  WITH token WHERE token IS NULL OR $cachedToken IS NULL OR token <> $cachedToken
  ${COUNTS}
}
RETURN token, storedUnsourced, counts`;

/**
 * The one question the count store cannot answer: a scan of every relationship. The loader runs it once its load has
 * committed and stores the count on the version node (curation writes keep it current); a reader runs it only on a
 * graph loaded without that count (once per graph version and process).
 */
const UNSOURCED = `${READ_GRAPH_VERSION}
CALL () {
  MATCH ()-[r]->() WHERE type(r) IN $types AND ${LIVE('r')} AND size(coalesce(r.sources, [])) = 0
  RETURN count(r) AS unsourced
}
RETURN token, unsourced`;

function datasetView(d: Record<string, unknown> | null): DatasetView | null {
  if (!d) return null;
  const text = (k: string) => (typeof d[k] === 'string' ? d[k] : null);
  return {
    version: text('version'),
    title: text('title'),
    license: text('license'),
    licenseUrl: text('licenseUrl'),
    recordEnds: text('recordEnds'),
    loadedAt: text('loadedAt'),
  };
}

interface RawCounts {
  entities: { label: string; count: number }[];
  relationships: { type: string; count: number }[];
  sources: number;
  dataset: Record<string, unknown> | null;
}

function toCounts(raw: RawCounts): Counts {
  return {
    entities: raw.entities.map(({ label, count }) => ({ label, count })),
    relationships: raw.relationships
      .filter((r) => r.count > 0)
      .map(({ type, count }) => ({ type, count }))
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)),
    sources: raw.sources,
    dataset: datasetView(raw.dataset),
  };
}

/**
 * The stats answer: one round trip when the cache holds (the token read), the same round trip with the counts when
 * it does not, and one scan per graph version for `unsourced` (shared by concurrent requests) when asked for it.
 */
export async function graphStats(executor: Executor, withUnsourced: boolean): Promise<GraphStats> {
  const cache = executor.shared('graph-stats', () => new StatsCache());
  const cached = cache.counts;
  const res = await executor.read<{
    token: string | null;
    storedUnsourced: number | null;
    counts: RawCounts | null;
  }>(STATS, {
    cachedToken: cached?.token ?? null,
    datasetId: DATASET_ID,
  });
  const rec = res.records[0]!;
  const token = rec.get('token');
  const raw = rec.get('counts');
  let counts: Counts;
  if (raw) {
    counts = toCounts(raw);
    if (token !== null) cache.counts = { token, value: counts };
  } else {
    counts = cached!.value;
  }
  const stored = rec.get('storedUnsourced');
  const unsourced = !withUnsourced ? 0 : (stored ?? (await unsourcedAt(executor, cache, token)));
  return { ...counts, unsourced };
}

/**
 * The loader's last step: counts the unsourced facts and stores the count at the version it was taken at, in one
 * transaction (so no write can slip between the count and the version it is stored under). Returns the count.
 */
export async function storeUnsourcedCount(executor: Executor, timeoutMs?: number): Promise<number> {
  return executor.writeTransaction(async (tx) => {
    const res = await tx.run<{ token: string | null; unsourced: number }>(UNSOURCED, {
      types: RELATIONSHIP_TYPES,
    });
    const rec = res.records[0]!;
    const token = rec.get('token');
    const unsourced = rec.get('unsourced');
    if (token !== null) await tx.run(STORE_UNSOURCED, { token, unsourced });
    return unsourced;
  }, timeoutMs);
}
async function unsourcedAt(executor: Executor, cache: StatsCache, token: string | null): Promise<number> {
  if (token !== null && cache.unsourced?.token === token) return cache.unsourced.value;
  // Not stopped when this request's client leaves: other requests may be waiting for the same scan.
  const run = executor
    .unaborted()
    .read<{ token: string | null; unsourced: number }>(UNSOURCED, { types: RELATIONSHIP_TYPES })
    .then((res) => res.records[0]!.get('unsourced'));
  if (token === null) return run;
  // Concurrent requests at one version share one scan; a failed scan is not kept.
  const entry = { token, value: run };
  cache.unsourced = entry;
  run.catch(() => {
    if (cache.unsourced === entry) cache.unsourced = null;
  });
  return run;
}
