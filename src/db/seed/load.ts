// Loads a validated seed bundle into Neo4j in ONE transaction (all or nothing), with batched UNWIND ... MERGE.
// Idempotent: unchanged records are skipped by content hash; seed records missing from the files are removed.
// Only records the loader owns (origin = 'seed') are ever updated or removed by it.
import { createHash } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import {
  ENTITY_LABEL,
  ENTITY_SPECS,
  RELATIONSHIP_TYPES,
  SOURCE_LABEL,
  type EntityLabel,
} from '../ontology.js';
import type { DatasetRecord, RelationshipType, SuspensionRecord } from './records.js';
import type { SeedBundle } from './validate.js';
import { suspensionProps } from '../stored.js';
import { datasetHash, datasetProps, recordEnds, UPSERT_DATASET } from './dataset.js';
import { BUMP_GRAPH_VERSION } from '../graph-version.js';
import { storeUnsourcedCount } from '../repositories/graph-stats.js';
import { readSeedState, recordSeedChanges } from './seed-changes.js';
import { silentProgress, type Progress } from '../../progress.js';

export const SEED_ORIGIN = 'seed';
const BATCH = 500;

export interface LoadSummary {
  entities: Record<string, number>;
  relationships: Record<string, number>;
  sources: number;
  changes: {
    nodesCreated: number;
    nodesDeleted: number;
    relationshipsCreated: number;
    relationshipsDeleted: number;
    propertiesSet: number;
  };
  batches: number;
  ms: number;
}

export interface LoadOptions {
  progress?: Progress;
  /** Called before each batch runs, with its index and the total; throwing aborts (and rolls back) the load. */
  onBatch?: (index: number, total: number) => void;
  /** Transaction timeout for the whole load. */
  timeoutMs?: number;
  /**
   * 'single' (default): every batch in ONE transaction, so a seed run is all or nothing — what `npm run seed` and
   * `npm start` need. Its cost is that Neo4j holds the whole load's transaction state in heap until commit, which
   * exhausts a few-GB heap somewhere around a million relationships.
   * 'per-batch': each batch commits on its own (used by bench/ for synthetic graphs of 1M-5M relationships). Memory
   * stays flat, but a failure leaves the batches before it committed; the load is idempotent, so re-running it
   * finishes the job. Removals of stale seed records run after all upserts either way. Only 'single' loads record
   * the change feed's (:Change) events (per-batch loads are bench/'s synthetic graphs).
   */
  transaction?: 'single' | 'per-batch';
  /**
   * Remove seed records missing from the bundle (default true). Loading into an empty database (bench/) can skip
   * it: each removal step scans its label or relationship type and sends every id as a parameter.
   */
  prune?: boolean;
  /** Rows per UNWIND batch (default 500). Larger batches commit less often in 'per-batch' mode. */
  batchSize?: number;
  /** Record the change feed's (:Change) events (default true; bench/changes-load.ts measures their cost). */
  changeFeed?: boolean;
  /** `seed/dataset.json` (validateSeed reads it): stored on the Dataset node with the record's end and load time. */
  dataset?: DatasetRecord | null;
}

type Props = Record<string, unknown>;
interface Row {
  id: string;
  hash: string;
  props: Props;
  from?: string;
  to?: string;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Props)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Counts are stored as Neo4j integers (JavaScript numbers would arrive as floats: 20736.0 units).
const INTEGER_FIELDS = new Set(['units', 'chipCount', 'contextTokens', 'parameters', 'activeParameters']);
// Part of every record's hash: bump it when the way records are stored changes, so the next load rewrites them.
const STORAGE_FORMAT = 2;

/**
 * Neo4j stores no nulls and no nested maps: drop nulls, store claims and suspensions as JSON strings (for
 * display), and suspensions also as two parallel date lists that Cypher's in-force rule reads.
 */
function toProps(record: Props, drop: readonly string[]): { props: Props; hash: string } {
  const props: Props = {};
  for (const [k, v] of Object.entries(record)) {
    if (drop.includes(k) || v === null || v === undefined) continue;
    if (k === 'claims') props.claimsJson = JSON.stringify(v);
    else if (k === 'suspensions') {
      for (const [sk, sv] of Object.entries(suspensionProps(v as SuspensionRecord[]))) if (sv !== null) props[sk] = sv;
    } else props[k] = v;
  }
  const hash = createHash('sha1').update(`${STORAGE_FORMAT}:${canonical(props)}`).digest('hex');
  for (const k of INTEGER_FIELDS) {
    const v = props[k];
    if (typeof v === 'number' && Number.isSafeInteger(v)) props[k] = neo4j.int(v);
  }
  props.origin = SEED_ORIGIN;
  props.seedHash = hash;
  return { props, hash };
}

function entityRow(record: Props & { id: string; name?: string; aliases?: string[] }): Row {
  const { props, hash } = toProps(record, []);
  // One text field for the full-text index: name and aliases together.
  props.searchText = [record.name, ...(record.aliases ?? [])].filter(Boolean).join(' | ');
  return { id: record.id, hash, props };
}

const upsertNodes = (labels: string) => `
UNWIND $rows AS row
MERGE (n:${labels} {id: row.id})
WITH n, row WHERE n.seedHash IS NULL OR n.seedHash <> row.hash
// A changed seed record replaces the node's attributes; its API version moves on, so that a curator's stale
// expectedVersion is refused instead of silently overwriting the seed's change.
WITH n, row, n.version AS version
SET n = row.props, n.loadedAt = datetime(), n.version = CASE WHEN version IS NULL THEN null ELSE version + 1 END`;

const deleteNodes = (label: string) => `
MATCH (n:${label}) WHERE n.origin = '${SEED_ORIGIN}' AND NOT n.id IN $ids
DETACH DELETE n`;

const upsertRels = (type: RelationshipType) => `
UNWIND $rows AS row
MATCH (a:${ENTITY_LABEL} {id: row.from})
MATCH (b:${ENTITY_LABEL} {id: row.to})
MERGE (a)-[r:${type} {id: row.id}]->(b)
WITH r, row WHERE r.seedHash IS NULL OR r.seedHash <> row.hash
// A retraction made through the API outlives edits of the seed record (history is never lost).
WITH r, row, r {.retracted, .retractedAt, .retractedBy, .retractionReason} AS kept
SET r = row.props, r += kept, r.loadedAt = datetime()`;

const deleteRels = (type: RelationshipType) => `
MATCH ()-[r:${type}]->() WHERE r.origin = '${SEED_ORIGIN}' AND NOT r.id IN $ids
DELETE r`;

interface Step {
  label: string;
  cypher: string;
  rows?: Row[];
  ids?: string[];
}

function plan(bundle: SeedBundle): Step[] {
  const steps: Step[] = [];
  const sourceRows = bundle.sources.map((s) => {
    const { props, hash } = toProps(s.record, []);
    return { id: s.record.id, hash, props };
  });
  steps.push({ label: SOURCE_LABEL, cypher: upsertNodes(SOURCE_LABEL), rows: sourceRows });
  const byLabel = new Map<EntityLabel, Row[]>();
  for (const e of bundle.entities) {
    const rows = byLabel.get(e.label) ?? [];
    rows.push(entityRow(e.record));
    byLabel.set(e.label, rows);
  }
  for (const spec of ENTITY_SPECS) {
    steps.push({
      label: spec.label,
      cypher: upsertNodes(`${ENTITY_LABEL}:${spec.label}`),
      rows: byLabel.get(spec.label) ?? [],
    });
  }
  const byType = new Map<RelationshipType, Row[]>();
  for (const r of bundle.relationships) {
    const { type, from, to, ...rest } = r.record;
    const { props, hash } = toProps(rest, []);
    props.id = r.id;
    const rows = byType.get(type) ?? [];
    rows.push({ id: r.id, hash, props, from, to });
    byType.set(type, rows);
  }
  for (const type of RELATIONSHIP_TYPES) {
    steps.push({ label: type, cypher: upsertRels(type), rows: byType.get(type) ?? [] });
  }
  // Removals last: relationships first, then nodes (DETACH also drops facts others attached to them).
  for (const type of RELATIONSHIP_TYPES) {
    steps.push({ label: `${type} removals`, cypher: deleteRels(type), ids: (byType.get(type) ?? []).map((r) => r.id) });
  }
  for (const spec of [...ENTITY_SPECS].reverse()) {
    steps.push({
      label: `${spec.label} removals`,
      cypher: deleteNodes(spec.label),
      ids: (byLabel.get(spec.label) ?? []).map((r) => r.id),
    });
  }
  steps.push({ label: `${SOURCE_LABEL} removals`, cypher: deleteNodes(SOURCE_LABEL), ids: sourceRows.map((r) => r.id) });
  return steps;
}

export async function loadSeed(executor: Executor, bundle: SeedBundle, opts: LoadOptions = {}): Promise<LoadSummary> {
  const progress = opts.progress ?? silentProgress;
  const started = performance.now();
  const steps = plan(bundle);
  const batches: { step: Step; params: Record<string, unknown> }[] = [];
  for (const step of steps) {
    if (!step.rows && opts.prune === false) continue;
    if (step.rows) {
      const size = opts.batchSize ?? BATCH;
      for (let i = 0; i < step.rows.length; i += size) {
        batches.push({ step, params: { rows: step.rows.slice(i, i + size) } });
      }
    } else {
      batches.push({ step, params: { ids: step.ids ?? [] } });
    }
  }
  const changes = { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 };
  const dsProps = datasetProps(opts.dataset ?? null, recordEnds(bundle));
  const dsHash = datasetHash(dsProps);
  // The dataset node goes last, so it knows whether the load changed anything.
  const datasetParams = () => ({
    props: dsProps,
    hash: dsHash,
    origin: SEED_ORIGIN,
    changed: Object.values(changes).some((n) => n > 0),
    loadedAt: new Date().toISOString(),
  });
  const add = (c: Partial<typeof changes>) => {
    for (const k of Object.keys(changes) as (keyof typeof changes)[]) changes[k] += c[k] ?? 0;
  };

  if (opts.transaction === 'per-batch') {
    let rowsDone = 0;
    const totalRows = steps.reduce((n, s) => n + (s.rows?.length ?? 0), 0);
    for (const [index, { step, params }] of batches.entries()) {
      opts.onBatch?.(index, batches.length);
      const c = await executor.writeTransaction(
        async (tx: ManagedTransaction) => (await tx.run(step.cypher, params)).summary.counters.updates(),
        opts.timeoutMs ?? 600_000,
      );
      add(c);
      if (params.rows) {
        rowsDone += (params.rows as Row[]).length;
        progress({ phase: 'seed', message: `loaded ${step.label}`, done: rowsDone, total: totalRows });
      }
    }
    const params = datasetParams();
    await executor.writeTransaction(async (tx: ManagedTransaction) => {
      await tx.run(UPSERT_DATASET, params);
      await tx.run(BUMP_GRAPH_VERSION);
    }, opts.timeoutMs ?? 600_000);
  } else {
    await executor.writeTransaction(async (tx: ManagedTransaction) => {
      // A retried transaction starts counting again.
      Object.keys(changes).forEach((k) => (changes[k as keyof typeof changes] = 0));
      // What the records looked like before this load, for the change feed (see seed-changes.ts).
      const prune = opts.prune !== false;
      const before = opts.changeFeed === false ? null : await readSeedState(tx, steps, SEED_ORIGIN, prune);
      let rowsDone = 0;
      const totalRows = steps.reduce((n, s) => n + (s.rows?.length ?? 0), 0);
      for (const [index, { step, params }] of batches.entries()) {
        opts.onBatch?.(index, batches.length);
        const res = await tx.run(step.cypher, params);
        add(res.summary.counters.updates());
        if (params.rows) {
          rowsDone += (params.rows as Row[]).length;
          progress({ phase: 'seed', message: `loaded ${step.label}`, done: rowsDone, total: totalRows });
        }
      }
      const at = new Date().toISOString();
      if (before) await recordSeedChanges(tx, before, steps, { at, datasetVersion: opts.dataset?.version ?? null, prune });
      // In the same transaction as the seed: the node never describes a load that did not commit.
      await tx.run(UPSERT_DATASET, datasetParams());
      await tx.run(BUMP_GRAPH_VERSION);
    }, opts.timeoutMs ?? 600_000);
  }

  // stats' count of facts without a source, taken once here rather than by a reader (a scan of every fact).
  progress({ phase: 'seed', message: 'counting facts without a source' });
  await storeUnsourcedCount(executor, opts.timeoutMs ?? 600_000);

  const count = <T extends string>(items: T[]) =>
    items.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});
  return {
    entities: count(bundle.entities.map((e) => e.label)),
    relationships: count(bundle.relationships.map((r) => r.record.type)),
    sources: bundle.sources.length,
    changes,
    batches: batches.length,
    ms: Math.round(performance.now() - started),
  };
}
