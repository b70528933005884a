// How record fields that Neo4j cannot hold as they are (nested maps, nulls in lists) are stored: shared by the
// seed loader and curation writes, so both leave the same properties for the queries to read.
import type { SuspensionRecord } from './seed/records.js';

/** A suspension without an end lasts until further notice: lists cannot hold null, so it ends on the last day. */
export const OPEN_END = '9999-12-31';

/**
 * An export control's suspensions: JSON for display (`suspensionsJson`, like `claimsJson`) and two parallel date
 * lists that the in-force rule reads in Cypher (`suspendedFrom[i]` inclusive, `suspendedUntil[i]` exclusive).
 * No suspensions: the three properties are null (removed).
 */
export function suspensionProps(list: readonly SuspensionRecord[] | null | undefined): {
  suspensionsJson: string | null;
  suspendedFrom: string[] | null;
  suspendedUntil: string[] | null;
} {
  if (!list || list.length === 0) return { suspensionsJson: null, suspendedFrom: null, suspendedUntil: null };
  return {
    suspensionsJson: JSON.stringify(list),
    suspendedFrom: list.map((x) => x.from),
    suspendedUntil: list.map((x) => x.until ?? OPEN_END),
  };
}

/** Stored properties derived from another field: left out of a record's content (audit, fact properties). */
export const DERIVED_PROPS = new Set(['suspendedFrom', 'suspendedUntil']);

/** What the loader keeps on a record for itself (search text, change detection, load time): never its content. */
export const BOOKKEEPING_PROPS: ReadonlySet<string> = new Set(['searchText', 'seedHash', 'loadedAt']);

/** Curation's marks on a retracted fact. */
export const RETRACTION_PROPS = [
  'retracted',
  'retractedAt',
  'retractedBy',
  'retractedById',
  'retractionReason',
] as const;

/** Left out of a fact's `properties` whatever shows it: bookkeeping, where it came from, retraction marks. */
const NOT_FACT_PROPERTIES: ReadonlySet<string> = new Set([
  ...BOOKKEEPING_PROPS,
  'origin',
  ...RETRACTION_PROPS,
]);

/**
 * A fact's other properties (chipCount, units, processNode...): its stored properties less those `shown` as fields
 * of their own and less bookkeeping. The one definition behind Fact.properties, GraphEdge.properties and GraphML.
 */
export function otherFactProperties(
  props: Readonly<Record<string, unknown>>,
  shown: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (!NOT_FACT_PROPERTIES.has(k) && !DERIVED_PROPS.has(k) && !shown.includes(k)) out[k] = v;
  }
  return out;
}

/** The properties GraphEdge (and the GraphML export) show as fields of their own. */
export const GRAPH_EDGE_FIELDS = ['id', 'sources', 'confidence'] as const;
