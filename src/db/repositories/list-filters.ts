// The list filters and orderings in Cypher: each `where` condition of the list questions as a predicate over `n`
// (with its parameters), the conditions that can anchor the MATCH, and the sort fields' expressions. Values
// arrive validated by src/domain/lists.ts (country codes, cursors); here they only become Cypher.
import { IN_FORCE, LIVE } from '../cypher-rules.js';
import { anchors, fragments, type CompiledFilter } from './list-repository.js';

export type SortFields = Record<string, { expr: string; type: 'string' | 'number' }>;

export const COMPANY_FIELDS: SortFields = {
  NAME: { expr: 'toLower(n.name)', type: 'string' },
  FOUNDED: { expr: 'n.founded', type: 'string' },
};
export const CHIP_FIELDS: SortFields = {
  NAME: { expr: 'toLower(n.name)', type: 'string' },
  RELEASED: { expr: 'coalesce(n.released, n.announced)', type: 'string' },
  MEMORY_GB: { expr: 'n.memoryGb', type: 'number' },
  BF16_DENSE_TFLOPS: { expr: 'n.bf16DenseTflops', type: 'number' },
  MEMORY_BANDWIDTH_GBS: { expr: 'n.memoryBandwidthGbs', type: 'number' },
  // Deprecated: the same order as MEMORY_BANDWIDTH_GBS (the TB/s figure is derived from it).
  MEMORY_BANDWIDTH_TBS: { expr: 'n.memoryBandwidthGbs', type: 'number' },
};
export const MODEL_FIELDS: SortFields = {
  NAME: { expr: 'toLower(n.name)', type: 'string' },
  RELEASED: { expr: 'n.released', type: 'string' },
  PARAMETERS: { expr: 'n.parameters', type: 'number' },
  TRAINING_COMPUTE_FLOP: { expr: 'n.trainingComputeFlop', type: 'number' },
};
export const CONTROL_FIELDS: SortFields = {
  DATE: { expr: 'coalesce(n.effective, n.announced)', type: 'string' },
};

function lower(s: string | null | undefined): string | null {
  return s === null || s === undefined ? null : s.toLowerCase();
}

/**
 * Active conditions as predicates; the first active one that has an anchor (a vendor, a country, a developer)
 * can start the MATCH instead of being tested on every node of the label (lists do; the orders' filter tests it).
 */
function filter(parts: [boolean, string, Record<string, unknown>, string?][]): CompiledFilter {
  const predicates: string[] = [];
  const params: Record<string, unknown> = {};
  let anchor: CompiledFilter['anchor'];
  for (const [active, predicate, p, from] of parts) {
    if (!active) continue;
    if (from && !anchor) anchor = { match: from, replaces: predicate };
    predicates.push(predicate);
    Object.assign(params, p);
  }
  return anchor ? { predicates, params, anchor } : { predicates, params };
}

const has = (v: unknown) => v !== null && v !== undefined;

export interface CompanyWhere {
  ids?: string[] | null;
  countryCodes?: string[] | null;
  roles?: string[] | null;
  nameContains?: string | null;
}
export interface ChipWhere {
  ids?: string[] | null;
  vendorIds?: string[] | null;
  vendorCountries?: string[] | null;
  status?: string[] | null;
  family?: string | null;
  chinaCompliant?: boolean | null;
  restrictedBy?: string | null;
  releasedAfter?: string | null;
  releasedBefore?: string | null;
  minMemoryGb?: number | null;
  minBf16DenseTflops?: number | null;
  nameContains?: string | null;
}
export interface ModelWhere {
  ids?: string[] | null;
  developerIds?: string[] | null;
  developerCountries?: string[] | null;
  openWeights?: boolean | null;
  status?: string[] | null;
  chipIds?: string[] | null;
  releasedAfter?: string | null;
  releasedBefore?: string | null;
  asOf?: string | null;
  nameContains?: string | null;
}
export interface ExportControlWhere {
  issuerCountries?: string[] | null;
  measureTypes?: string[] | null;
  inForceAsOf?: string | null;
  restrictsChipIds?: string[] | null;
  targetIds?: string[] | null;
}

export function companyFilter(w: CompanyWhere = {}): CompiledFilter {
  const codes = w.countryCodes;
  return filter([
    [has(w.ids), 'n.id IN $ids', { ids: w.ids }],
    [
      has(codes),
      `EXISTS { MATCH (n)-[h:HEADQUARTERED_IN]->(c:Country) WHERE c.code IN $codes AND ${LIVE('h')} }`,
      { codes },
      anchors.companyCountries('n'),
    ],
    [has(w.roles), 'any(r IN coalesce(n.roles, []) WHERE r IN $roles)', { roles: w.roles }],
    [has(w.nameContains), fragments.nameContains('n'), { nameContains: lower(w.nameContains) }],
  ]);
}

export function chipFilter(w: ChipWhere = {}): CompiledFilter {
  const vendorCountries = w.vendorCountries;
  return filter([
    [has(w.ids), 'n.id IN $ids', { ids: w.ids }],
    [has(w.vendorIds), fragments.vendorIds('n'), { vendorIds: w.vendorIds }, anchors.vendorIds('n')],
    [has(vendorCountries), fragments.vendorCountries('n'), { vendorCountries }, anchors.vendorCountries('n')],
    [has(w.status), 'n.status IN $status', { status: w.status?.map((s) => s.toLowerCase()) }],
    [has(w.family), 'toLower(n.family) = $family', { family: lower(w.family) }],
    [
      has(w.chinaCompliant),
      'coalesce(n.chinaCompliant, false) = $chinaCompliant',
      { chinaCompliant: w.chinaCompliant },
    ],
    [
      has(w.restrictedBy),
      `EXISTS { MATCH (n)<-[r:RESTRICTS]-(x:ExportControl {id: $restrictedBy}) WHERE ${LIVE('r')} }`,
      { restrictedBy: w.restrictedBy },
    ],
    [
      has(w.releasedAfter),
      'coalesce(n.released, n.announced) >= $releasedAfter',
      { releasedAfter: w.releasedAfter },
    ],
    [
      has(w.releasedBefore),
      'coalesce(n.released, n.announced) <= $releasedBefore',
      { releasedBefore: w.releasedBefore },
    ],
    [has(w.minMemoryGb), 'n.memoryGb >= $minMemoryGb', { minMemoryGb: w.minMemoryGb }],
    [has(w.minBf16DenseTflops), 'n.bf16DenseTflops >= $minBf16', { minBf16: w.minBf16DenseTflops }],
    [has(w.nameContains), fragments.nameContains('n'), { nameContains: lower(w.nameContains) }],
  ]);
}

/** ChipWhere conditions a vendor-level order (no chip model, `n` = the vendor company) can be checked against. */
const VENDOR_LEVEL_FIELDS = new Set<keyof ChipWhere>(['vendorIds', 'vendorCountries', 'family']);

/**
 * The chip filter as it applies to vendor-level orders: the vendor (with its parents) and the order's
 * `chipFamily`; null when the filter has a condition only a chip model can meet (ids, status, specs...).
 */
export function vendorLevelFilter(w: ChipWhere = {}): CompiledFilter | null {
  const given = (Object.keys(w) as (keyof ChipWhere)[]).filter((k) => has(w[k]));
  if (given.some((k) => !VENDOR_LEVEL_FIELDS.has(k))) return null;
  const vendorCountries = w.vendorCountries;
  return filter([
    [has(w.vendorIds), fragments.companyUnderVendorIds('n'), { vendorIds: w.vendorIds }],
    [has(vendorCountries), fragments.companyInVendorCountries('n'), { vendorCountries }],
    [has(w.family), 'toLower(r.chipFamily) = $family', { family: lower(w.family) }],
  ]);
}

export function modelFilter(w: ModelWhere = {}): CompiledFilter {
  const developerCountries = w.developerCountries;
  return filter([
    [has(w.ids), 'n.id IN $ids', { ids: w.ids }],
    [
      has(w.developerIds),
      fragments.developerIds('n'),
      { developerIds: w.developerIds },
      anchors.developerIds('n'),
    ],
    [
      has(developerCountries),
      fragments.developerCountries('n'),
      { developerCountries },
      anchors.developerCountries('n'),
    ],
    [has(w.openWeights), 'n.openWeights = $openWeights', { openWeights: w.openWeights }],
    [has(w.status), 'n.status IN $status', { status: w.status?.map((s) => s.toLowerCase()) }],
    [
      has(w.chipIds),
      `EXISTS { MATCH (n)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE c.id IN $chipIds AND ${LIVE('r')} }`,
      { chipIds: w.chipIds },
    ],
    [has(w.releasedAfter), 'n.released >= $releasedAfter', { releasedAfter: w.releasedAfter }],
    [has(w.releasedBefore), 'n.released <= $releasedBefore', { releasedBefore: w.releasedBefore }],
    [has(w.asOf), '(n.released IS NULL OR n.released <= $asOf)', { asOf: w.asOf }],
    [has(w.nameContains), fragments.nameContains('n'), { nameContains: lower(w.nameContains) }],
  ]);
}

export function exportControlFilter(w: ExportControlWhere = {}): CompiledFilter {
  const issuers = w.issuerCountries;
  return filter([
    [
      has(issuers),
      `EXISTS { MATCH (n)-[i:ISSUED_BY]->(c:Country) WHERE c.code IN $issuers AND ${LIVE('i')} }`,
      { issuers },
      anchors.issuerCountries('n'),
    ],
    [
      has(w.measureTypes),
      'n.measureType IN $measureTypes',
      { measureTypes: w.measureTypes?.map((m) => m.toLowerCase().replaceAll('_', '-')) },
    ],
    [has(w.inForceAsOf), IN_FORCE('n', 'inForceAsOf'), { inForceAsOf: w.inForceAsOf }],
    [
      has(w.restrictsChipIds),
      `EXISTS { MATCH (n)-[r:RESTRICTS]->(c:Chip) WHERE c.id IN $restrictsChipIds AND ${LIVE('r')} }`,
      { restrictsChipIds: w.restrictsChipIds },
    ],
    [
      has(w.targetIds),
      `EXISTS { MATCH (n)-[t:TARGETS]->(x:Entity) WHERE x.id IN $targetIds AND ${LIVE('t')} }`,
      { targetIds: w.targetIds },
    ],
  ]);
}
