// Filtered, sorted, keyset-paginated lists of one entity kind, with totalCount, in one round trip.
import type { Node } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import type { EntityLabel } from '../ontology.js';
import { afterPredicate, keyListExpr, orderByClause, type SortKey } from './keyset.js';
import { toEntity, type EntityView } from './records.js';

/** A filter compiled to Cypher predicates over `n` plus their parameters. */
export interface CompiledFilter {
  predicates: string[];
  params: Record<string, unknown>;
}

export interface ListPage {
  rows: { entity: EntityView; keys: unknown[] }[];
  hasNextPage: boolean;
  total: number | null;
}

export interface ListQuery {
  label: EntityLabel;
  filter: CompiledFilter;
  keys: SortKey[];
  after: unknown[] | null;
  first: number;
  withTotal: boolean;
}

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

/** Reusable filter fragments over a variable `v` (constant Cypher; values bound as parameters). */
export const fragments = {
  nameContains: (v: string) =>
    `(toLower(${v}.name) CONTAINS $nameContains OR any(a IN coalesce(${v}.aliases, []) WHERE toLower(a) CONTAINS $nameContains))`,
  /** Designed by one of $vendorIds or by their subsidiaries. */
  vendorIds: (v: string) =>
    `EXISTS { MATCH (${v})<-[d:DESIGNS]-(:Company)-[:SUBSIDIARY_OF*0..2]->(vv:Company) WHERE vv.id IN $vendorIds AND ${LIVE('d')} }`,
  /** Designed by a company (or a subsidiary of one) headquartered in $vendorCountries. */
  vendorCountries: (v: string) =>
    `EXISTS { MATCH (${v})<-[d:DESIGNS]-(:Company)-[:SUBSIDIARY_OF*0..2]->(:Company)-[h:HEADQUARTERED_IN]->(k:Country) WHERE k.code IN $vendorCountries AND ${LIVE('d')} AND ${LIVE('h')} }`,
  /** A company that is one of $vendorIds or a subsidiary of one (the vendor of a vendor-level order). */
  companyUnderVendorIds: (v: string) =>
    `EXISTS { MATCH (${v})-[:SUBSIDIARY_OF*0..2]->(vv:Company) WHERE vv.id IN $vendorIds }`,
  /** A company headquartered (itself or a parent within two levels) in $vendorCountries. */
  companyInVendorCountries: (v: string) =>
    `EXISTS { MATCH (${v})-[:SUBSIDIARY_OF*0..2]->(:Company)-[h:HEADQUARTERED_IN]->(k:Country) WHERE k.code IN $vendorCountries AND ${LIVE('h')} }`,
  developerIds: (v: string) =>
    `EXISTS { MATCH (${v})<-[d:DEVELOPS]-(dv:Company) WHERE dv.id IN $developerIds AND ${LIVE('d')} }`,
  developerCountries: (v: string) =>
    `EXISTS { MATCH (${v})<-[d:DEVELOPS]-(:Company)-[:SUBSIDIARY_OF*0..2]->(:Company)-[h:HEADQUARTERED_IN]->(k:Country) WHERE k.code IN $developerCountries AND ${LIVE('d')} AND ${LIVE('h')} }`,
};

export class ListRepository {
  constructor(private readonly executor: Executor) {}

  async page(q: ListQuery): Promise<ListPage> {
    const where = q.filter.predicates.length ? q.filter.predicates.join(' AND ') : 'true';
    const afterWhere = q.after ? ` AND ${afterPredicate(q.keys)}` : '';
    // `label` is a constant of the ontology; every value is a parameter.
    const cypher = `
CALL { ${q.withTotal ? `MATCH (n:${q.label}) WHERE ${where} RETURN count(n) AS total` : 'RETURN null AS total'} }
CALL {
  MATCH (n:${q.label}) WHERE ${where}${afterWhere}
  WITH n ORDER BY ${orderByClause(q.keys)} LIMIT toInteger($limit)
  RETURN collect({n: n, keys: ${keyListExpr(q.keys)}}) AS page
}
RETURN total, page`;
    const res = await this.executor.read<{ total: number | null; page: { n: Node; keys: unknown[] }[] }>(
      cypher,
      {
        ...q.filter.params,
        after: q.after,
        limit: q.first + 1,
      },
    );
    const rec = res.records[0];
    const page = rec?.get('page') ?? [];
    return {
      rows: page.slice(0, q.first).map((r) => ({ entity: toEntity(r.n), keys: r.keys })),
      hasNextPage: page.length > q.first,
      total: rec?.get('total') ?? null,
    };
  }
}
