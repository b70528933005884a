// The dataset's own record (`seed/dataset.json`, read by the validator into the bundle), stored on one (:Dataset) node
// with what is derived at load time — the record's end date (latest source `published`) and the load time.
import { createHash } from 'node:crypto';
import { DATASET_ID, DATASET_LABEL } from '../ontology.js';
import type { DatasetRecord } from './records.js';
import type { SeedBundle } from './validate.js';

/** The latest `published` of all sources (ISO strings of any precision compare lexically). */
export function recordEnds(bundle: Pick<SeedBundle, 'sources'>): string | null {
  let latest: string | null = null;
  for (const s of bundle.sources) {
    const p = s.record.published;
    if (p && (latest === null || p > latest)) latest = p;
  }
  return latest;
}

/** The Dataset node's stored properties (no nulls: Neo4j stores none). */
export function datasetProps(dataset: DatasetRecord | null, ends: string | null): Record<string, unknown> {
  const props: Record<string, unknown> = { id: DATASET_ID, ...(dataset ?? {}), recordEnds: ends };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}

/** Content hash of the stored properties: an unchanged dataset record and record end leave the node alone. */
export function datasetHash(props: Record<string, unknown>): string {
  const sorted = Object.keys(props)
    .sort()
    .map((k) => [k, props[k]]);
  return createHash('sha1').update(JSON.stringify(sorted)).digest('hex');
}

/**
 * Upserts the Dataset node. Its `loadedAt` moves on only when the load changed something ($changed) or the
 * dataset record itself changed, so a load that changes nothing leaves the graph exactly as it was.
 */
export const UPSERT_DATASET = `
MERGE (d:${DATASET_LABEL} {id: $props.id})
WITH d WHERE $changed OR d.seedHash IS NULL OR d.seedHash <> $hash
SET d = $props, d.seedHash = $hash, d.origin = $origin, d.loadedAt = $loadedAt`;
