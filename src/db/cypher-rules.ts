// The graph's answering rules in Cypher, each defined once and used by every statement that needs it: the list
// filters, exposure, paths, the exports and the compiled questions (src/db/compiler). Their TypeScript mirrors,
// where a loaded value needs the same test, name these constants.
import { CONFIDENCES } from './seed/records.js';

// Facts that are retracted are never answered.
export const LIVE = (r: string) => `${r}.retracted IS NULL`;

/** A fact valid on $asOf (partial dates count from their period's start; no asOf: always). */
export const FACT_AS_OF = (r: string) =>
  `($asOf IS NULL OR ((${r}.validFrom IS NULL OR ${r}.validFrom <= $asOf) AND (${r}.validTo IS NULL OR ${r}.validTo > $asOf)))`;

/**
 * THE in-force rule (schema/seed-format.md, "Export controls in time"), in Cypher: an export control is in force on
 * $<param> when it is effective (or announced) by then, not rescinded by then, and in none of its suspensions
 * (`from` inclusive, `until` exclusive; an open suspension is stored as until 9999-12-31). Every question that
 * asks "in force?" in Cypher uses this. Its TypeScript mirror is `controlStatus` in
 * src/domain/export-controls.ts: change both together.
 */
export const IN_FORCE = (x: string, param: string) =>
  `(coalesce(${x}.effective, ${x}.announced) <= $${param} AND (${x}.rescinded IS NULL OR ${x}.rescinded > $${param})` +
  ` AND NOT any(i IN range(0, size(coalesce(${x}.suspendedFrom, [])) - 1)` +
  ` WHERE ${x}.suspendedFrom[i] <= $${param} AND ${x}.suspendedUntil[i] > $${param}))`;

/** A model released by $asOf (partial dates count from their period's start). */
export const MODEL_AS_OF = (m: string) =>
  `($asOf IS NULL OR ${m}.released IS NULL OR ${m}.released <= $asOf)`;

/**
 * Confidence order, strongest first (confirmed, reported, rumored; anything else last): the "best-supported fact"
 * is the first in this order, ties broken by the other end's name. TypeScript mirror: `confidenceRank`.
 */
export const CONFIDENCE_RANK = (r: string) =>
  `CASE ${r}.confidence ${CONFIDENCES.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} ELSE ${CONFIDENCES.length} END`;

/** The TypeScript mirror of CONFIDENCE_RANK. */
export const confidenceRank = (confidence: string): number => {
  const i = (CONFIDENCES as readonly string[]).indexOf(confidence);
  return i < 0 ? CONFIDENCES.length : i;
};
