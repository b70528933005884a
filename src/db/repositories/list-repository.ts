// Filtered, sorted, keyset-paginated lists of one entity kind, with totalCount, in one round trip.
import type { Node } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import type { EntityLabel } from '../ontology.js';
import { afterPredicate, keyListExpr, orderByClause, pageWithTotal, type SortKey } from './keyset.js';
import type { Projection } from '../compiler/index.js';
import { toEntity, type EntityView } from './records.js';
import { LIVE } from '../cypher-rules.js';

// The rules' Cypher forms live in src/db/cypher-rules.ts; re-exported for the repositories that use them here.
export { FACT_AS_OF, IN_FORCE, LIVE } from '../cypher-rules.js';

/** A filter compiled to Cypher predicates over `n` plus their parameters. */
export interface CompiledFilter {
  predicates: string[];
  params: Record<string, unknown>;
  /**
   * Where a list can start: a MATCH from the filter's anchor (a country, a vendor, a developer) ending in
   * `WITH DISTINCT n`, so the work follows the matching set instead of scanning the label; it `replaces` that
   * predicate.
   */
  anchor?: { match: string; replaces: string };
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
  /** What to return per node (a compiled selection); without it, the whole node. */
  projection?: Projection<EntityView>;
}

/** Filters that can start the MATCH: each yields `n` from its anchor (same meaning as the fragment of that name). */
export const anchors = {
  vendorIds: (n: string) =>
    `MATCH (va:Company) WHERE va.id IN $vendorIds MATCH (va)<-[:SUBSIDIARY_OF*0..2]-(:Company)-[da:DESIGNS]->(${n}:Chip) WHERE ${LIVE('da')} WITH DISTINCT ${n}`,
  vendorCountries: (n: string) =>
    `MATCH (ka:Country) WHERE ka.code IN $vendorCountries MATCH (ka)<-[ha:HEADQUARTERED_IN]-(:Company)<-[:SUBSIDIARY_OF*0..2]-(:Company)-[da:DESIGNS]->(${n}:Chip) WHERE ${LIVE('da')} AND ${LIVE('ha')} WITH DISTINCT ${n}`,
  developerIds: (n: string) =>
    `MATCH (dva:Company) WHERE dva.id IN $developerIds MATCH (dva)-[da:DEVELOPS]->(${n}:Model) WHERE ${LIVE('da')} WITH DISTINCT ${n}`,
  /** Companies headquartered in $codes (the companies list's own country filter). */
  companyCountries: (n: string) =>
    `MATCH (ka:Country) WHERE ka.code IN $codes MATCH (ka)<-[ha:HEADQUARTERED_IN]-(${n}:Company) WHERE ${LIVE('ha')} WITH DISTINCT ${n}`,
  /** Measures issued by $issuers. */
  issuerCountries: (n: string) =>
    `MATCH (ka:Country) WHERE ka.code IN $issuers MATCH (ka)<-[ia:ISSUED_BY]-(${n}:ExportControl) WHERE ${LIVE('ia')} WITH DISTINCT ${n}`,
  developerCountries: (n: string) =>
    `MATCH (ka:Country) WHERE ka.code IN $developerCountries MATCH (ka)<-[ha:HEADQUARTERED_IN]-(:Company)<-[:SUBSIDIARY_OF*0..2]-(:Company)-[da:DEVELOPS]->(${n}:Model) WHERE ${LIVE('da')} AND ${LIVE('ha')} WITH DISTINCT ${n}`,
};

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
    const anchor = q.filter.anchor;
    const preds = q.filter.predicates.filter((p) => p !== anchor?.replaces);
    const where = preds.length ? preds.join(' AND ') : 'true';
    const start = anchor?.match ?? `MATCH (n:${q.label})`;
    const node = q.projection?.cypher ?? 'n';
    const keys = keyListExpr(q.keys);
    // `label` is a constant of the ontology; every value is a parameter. The page is a top-k over the (anchored)
    // matching set; totalCount, when asked, is a count over the same anchored MATCH. One pass that sorts every
    // matching row to take both from it timed out at the large bench scale (bench/RESULTS.md); two passes that
    // each follow the anchor answer in time.
    const pageQuery = (
      total = '',
    ) => `${start} WITH n WHERE ${where}${q.after ? ` AND ${afterPredicate(q.keys)}` : ''}
  WITH n ORDER BY ${orderByClause(q.keys)} LIMIT toInteger($limit)
  RETURN ${total}collect({n: ${node}, keys: ${keys}}) AS page`;
    const cypher = pageWithTotal(
      q.withTotal ? `${start} WITH n WHERE ${where} RETURN count(n) AS total` : null,
      pageQuery,
    );
    const res = await this.executor.read<{ total: number | null; page: { n: Node; keys: unknown[] }[] }>(
      cypher,
      {
        ...q.projection?.params,
        ...q.filter.params,
        after: q.after,
        limit: q.first + 1,
      },
    );
    const rec = res.records[0];
    const page = rec?.get('page') ?? [];
    return {
      rows: page
        .slice(0, q.first)
        .map((r) => ({ entity: q.projection ? q.projection.shape(r.n) : toEntity(r.n), keys: r.keys })),
      hasNextPage: page.length > q.first,
      total: rec?.get('total') ?? null,
    };
  }
}
