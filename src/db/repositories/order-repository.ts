// Orders (ORDERED facts: a buyer's purchase of a chip model, or a vendor-level order pointing at the vendor
// company), filtered, newest first, keyset-paginated, with their ends and sources, in one round trip.
import type { Node, Relationship } from 'neo4j-driver';
import type { Projection } from '../compiler/index.js';
import type { Executor } from '../executor.js';
import { afterPredicate, keyListExpr, orderByClause, type SortKey } from './keyset.js';
import { LIVE, type CompiledFilter } from './list-repository.js';
import { SOURCES_OF } from './dependency-repository.js';
import { toEntity, toFact, toSource, type EntityView, type FactView, type SourceView } from './records.js';

/** An order as an object with both ends: the buyer (`from`) and the chip or vendor company (`to`). */
export interface OrderRow {
  fact: FactView;
  from: EntityView | string;
  to: EntityView | string;
  sources?: SourceView[];
}

export interface OrderQuery {
  /** Conditions on the ordered chip (`n`), for orders of a chip model. */
  chip: CompiledFilter;
  /** Conditions on the vendor company (`n`) and the fact (`r`) for vendor-level orders; null leaves them out. */
  vendor: CompiledFilter | null;
  buyerIds: string[] | null;
  confidences: string[];
  first: number;
  after: unknown[] | null;
  withTotal: boolean;
}

// Newest first, undated last; the fact id breaks ties.
export const ORDER_KEYS: SortKey[] = [
  { expr: 'coalesce(r.date, r.validFrom)', type: 'string', direction: 'DESC' },
  { expr: 'r.id', type: 'string', direction: 'ASC' },
];

const all = (predicates: string[]) => (predicates.length ? predicates.join(' AND ') : 'true');

export class OrderRepository {
  constructor(private readonly executor: Executor) {}

  /** A page of orders; with `projection` (a compiled Order selection) each row is only what it asks for. */
  async page(
    q: OrderQuery,
    projection?: Projection<OrderRow>,
  ): Promise<{ rows: { row: OrderRow; keys: unknown[] }[]; hasNextPage: boolean; total: number | null }> {
    const target = `((n:Chip AND ${all(q.chip.predicates)})${q.vendor ? ` OR (n:Company AND ${all(q.vendor.predicates)})` : ''})`;
    const where = `${LIVE('r')} AND r.confidence IN $confidences AND ($buyerIds IS NULL OR b.id IN $buyerIds) AND ${target}`;
    const cypher = `
CALL { ${q.withTotal ? `MATCH (b:Company)-[r:ORDERED]->(n:Entity) WHERE ${where} RETURN count(r) AS total` : 'RETURN null AS total'} }
CALL {
  MATCH (b:Company)-[r:ORDERED]->(n:Entity) WHERE ${where}${q.after ? ` AND ${afterPredicate(ORDER_KEYS)}` : ''}
  WITH b, r, n ORDER BY ${orderByClause(ORDER_KEYS)} LIMIT toInteger($limit)
  RETURN collect(${
    projection
      ? `{row: ${projection.cypher}, keys: ${keyListExpr(ORDER_KEYS)}}`
      : `{b: b, r: r, n: n, srcs: ${SOURCES_OF('r')}, keys: ${keyListExpr(ORDER_KEYS)}}`
  }) AS page
}
RETURN total, page`;
    const res = await this.executor.read<{
      total: number | null;
      page: { b: Node; r: Relationship; n: Node; srcs: Node[]; keys: unknown[]; row?: unknown }[];
    }>(cypher, {
      ...projection?.params,
      ...q.chip.params,
      ...(q.vendor?.params ?? {}),
      buyerIds: q.buyerIds,
      confidences: q.confidences,
      after: q.after,
      limit: q.first + 1,
    });
    const rec = res.records[0];
    const page = rec?.get('page') ?? [];
    return {
      rows: page.slice(0, q.first).map((raw) => {
        if (projection) return { row: projection.shape(raw.row), keys: raw.keys };
        const buyer = toEntity(raw.b);
        const target = toEntity(raw.n);
        return {
          row: {
            fact: toFact(raw.r, buyer.id, target.id),
            from: buyer,
            to: target,
            sources: raw.srcs.map(toSource),
          },
          keys: raw.keys,
        };
      }),
      hasNextPage: page.length > q.first,
      total: rec?.get('total') ?? null,
    };
  }
}
