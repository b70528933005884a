// The list questions (companies, chips, models, export controls): arguments validated (country codes, sort
// fields, cursors), turned into list queries (their Cypher: src/db/repositories/list-filters.ts), pages turned
// into Relay connections.
import type { EntityView } from '../db/repositories/records.js';
import type { CompiledFilter, ListRepository } from '../db/repositories/list-repository.js';
import * as db from '../db/repositories/list-filters.js';
import {
  CHIP_FIELDS,
  COMPANY_FIELDS,
  CONTROL_FIELDS,
  MODEL_FIELDS,
  type ChipWhere,
  type CompanyWhere,
  type ExportControlWhere,
  type ModelWhere,
  type SortFields,
} from '../db/repositories/list-filters.js';
import type { SortKey } from '../db/repositories/keyset.js';
import type { Projection } from '../db/compiler/index.js';
import type { EntityLabel } from '../db/ontology.js';
import { countryCodes, decodeCursor, encodeCursor, pageSize } from './arguments.js';
import { badInput } from '../errors.js';

export interface OrderArg {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number | null;
}

/** A Relay connection from one keyset page: each row's sort keys become its cursor, under the ordering's signature. */
export function toConnection<R, T>(
  page: { rows: R[]; hasNextPage: boolean; total: number | null },
  signature: string,
  row: (r: R) => { keys: unknown[]; node: T },
): Connection<T> {
  const edges = page.rows.map((r) => {
    const { keys, node } = row(r);
    return { cursor: encodeCursor(keys, signature), node };
  });
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.total,
  };
}

function sortKeys(
  orderBy: readonly OrderArg[] | null | undefined,
  fields: SortFields,
  dflt: OrderArg[],
): SortKey[] {
  const given = orderBy && orderBy.length > 0 ? orderBy : dflt;
  if (given.length > 3) throw badInput('orderBy', 'at most 3 sort keys');
  const keys: SortKey[] = given.map((o) => {
    const f = fields[o.field];
    if (!f) throw badInput('orderBy', `unknown field ${o.field}; allowed: ${Object.keys(fields).join(', ')}`);
    return { ...f, direction: o.direction ?? 'ASC' };
  });
  keys.push({ expr: 'n.id', type: 'string', direction: 'ASC' });
  return keys;
}

const signature = (kind: string, keys: SortKey[]) =>
  `${kind}:${keys.map((k) => `${k.expr} ${k.direction}`).join(',')}`;

/** `argument` names the filter in errors (`where`; `where.chip` inside the orders' filter). */
export const companyFilter = (w: CompanyWhere = {}) =>
  db.companyFilter({ ...w, countryCodes: countryCodes(w.countryCodes, 'where.countryCodes') });

export const chipFilter = (w: ChipWhere = {}, argument = 'where') =>
  db.chipFilter({ ...w, vendorCountries: countryCodes(w.vendorCountries, `${argument}.vendorCountries`) });

/**
 * The chip filter as it applies to vendor-level orders: the vendor (with its parents) and the order's
 * `chipFamily`; null when the filter has a condition only a chip model can meet (ids, status, specs...).
 */
export const vendorLevelFilter = (w: ChipWhere = {}) =>
  db.vendorLevelFilter({
    ...w,
    vendorCountries: countryCodes(w.vendorCountries, 'where.chip.vendorCountries'),
  });

export const modelFilter = (w: ModelWhere = {}) =>
  db.modelFilter({
    ...w,
    developerCountries: countryCodes(w.developerCountries, 'where.developerCountries'),
  });

export const exportControlFilter = (w: ExportControlWhere = {}) =>
  db.exportControlFilter({ ...w, issuerCountries: countryCodes(w.issuerCountries, 'where.issuerCountries') });

const LISTS = {
  companies: { label: 'Company', fields: COMPANY_FIELDS, dflt: [{ field: 'NAME' }] },
  chips: { label: 'Chip', fields: CHIP_FIELDS, dflt: [{ field: 'NAME' }] },
  models: { label: 'Model', fields: MODEL_FIELDS, dflt: [{ field: 'NAME' }] },
  exportControls: {
    label: 'ExportControl',
    fields: CONTROL_FIELDS,
    dflt: [{ field: 'DATE', direction: 'DESC' }],
  },
} as const satisfies Record<string, { label: EntityLabel; fields: SortFields; dflt: OrderArg[] }>;

export async function listEntities(
  repo: ListRepository,
  list: keyof typeof LISTS,
  args: {
    filter: CompiledFilter;
    orderBy?: readonly OrderArg[] | null;
    first?: number | null;
    after?: string | null;
  },
  withTotal: boolean,
  projection?: Projection<EntityView>,
): Promise<Connection<EntityView>> {
  const spec = LISTS[list];
  const first = pageSize(args.first);
  const keys = sortKeys(args.orderBy, spec.fields, [...spec.dflt]);
  const sig = signature(list, keys);
  const after = decodeCursor(args.after, sig);
  const page = await repo.page({
    label: spec.label,
    filter: args.filter,
    keys,
    after,
    first,
    withTotal,
    projection,
  });
  return toConnection(page, sig, (r) => ({ keys: r.keys, node: r.entity }));
}

export type { ChipWhere, CompanyWhere, ExportControlWhere, ModelWhere };
