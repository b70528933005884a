// Orders across the graph: which purchases of chips (chip models and vendor-level orders) match a filter.
import type { OrderRepository, OrderRow } from '../db/repositories/order-repository.js';
import {
  confidencesAtLeast,
  decodeCursor,
  encodeCursor,
  pageSize,
  type ConfidenceLevel,
} from './arguments.js';
import { chipFilter, vendorLevelFilter, type ChipWhere, type Connection } from './lists.js';

export interface OrderWhere {
  chip?: ChipWhere | null;
  buyerIds?: string[] | null;
  minConfidence?: ConfidenceLevel | null;
}

const SIGNATURE = 'orders:date-desc';

export async function listOrders(
  repo: OrderRepository,
  args: { where?: OrderWhere | null; first?: number | null; after?: string | null },
  withTotal: boolean,
): Promise<Connection<OrderRow>> {
  const w = args.where ?? {};
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, SIGNATURE);
  const page = await repo.page({
    chip: chipFilter(w.chip ?? {}, 'where.chip'),
    vendor: vendorLevelFilter(w.chip ?? {}),
    buyerIds: w.buyerIds ?? null,
    confidences: confidencesAtLeast(w.minConfidence),
    first,
    after,
    withTotal,
  });
  const edges = page.rows.map((r) => ({ cursor: encodeCursor(r.keys, SIGNATURE), node: r.row }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.total,
  };
}
