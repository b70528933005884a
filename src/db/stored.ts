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
