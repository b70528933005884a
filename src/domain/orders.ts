// Orders across the graph: which purchases of chips (chip models and vendor-level orders) match a filter.
import type { Projection } from '../db/compiler/index.js';
import type { OrderRepository, OrderRow } from '../db/repositories/order-repository.js';
import { confidencesAtLeast, decodeCursor, pageSize, type ConfidenceLevel } from './arguments.js';
import { chipFilter, toConnection, vendorLevelFilter, type ChipWhere, type Connection } from './lists.js';

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
  projection?: Projection<OrderRow>,
): Promise<Connection<OrderRow>> {
  const w = args.where ?? {};
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, SIGNATURE);
  const page = await repo.page(
    {
      chip: chipFilter(w.chip ?? {}, 'where.chip'),
      vendor: vendorLevelFilter(w.chip ?? {}),
      buyerIds: w.buyerIds ?? null,
      confidences: confidencesAtLeast(w.minConfidence),
      first,
      after,
      withTotal,
    },
    projection,
  );
  return toConnection(page, SIGNATURE, (r) => ({ keys: r.keys, node: r.row }));
}
