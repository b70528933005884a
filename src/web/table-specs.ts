// The analyst's tables: for each kind, the list query it pages through, its columns (every field the SDL serves
// for that kind, tested against the schema in tests/e2e/table-columns.test.ts) and the sort keys the API offers.
// No DOM here, so a Node test can read it.

/** A cell's value as the API gave it: shown formatted, sorted and compared raw. */
export type Raw = string | number | boolean | null | undefined | Ref | Ref[] | string[];
export interface Ref {
  id: string;
  name: string;
  kind?: string;
}

export interface Column {
  /** The GraphQL field it shows (`memoryGb`), or a path-like name for a related value (`vendorCountry`). */
  key: string;
  label: string;
  get: (row: Row) => Raw;
  /** The value of the API's `...OrderField` enum that sorts by this column, where the API can. */
  order?: string;
  /** A number shown right-aligned; large ones in scientific notation. */
  numeric?: boolean;
}

export type Row = Record<string, unknown>;

export interface TableSpec {
  /** The URL segment: `#/table/<name>`. */
  name: string;
  title: string;
  /** The GraphQL type of a row, whose fields the columns cover. */
  rowType: string;
  /** The root list field and its `where` input. */
  root: string;
  whereType: string;
  /** The enum of server-side sort keys, when the root field takes `orderBy`. */
  orderEnum?: string;
  /** `/export/<name>.csv|json`, where one exists; otherwise the download is built in the browser. */
  exportName?: string;
  /** Extra variables from the filters (export controls answer `status` for the date asked about). */
  extraVars?: (where: Record<string, unknown>) => Record<string, unknown>;
  extraVarDefs?: string;
  selection: string;
  columns: Column[];
  /** The entity page a row opens. */
  rowLink: (row: Row) => Ref | null;
  /** What the row link means, when it is not the row itself (orders are facts on the buyer's page). */
  rowLinkNote?: string;
}

const ref = (v: unknown): Ref | null => (v && typeof v === 'object' && 'id' in v ? (v as Ref) : null);
const refs = (v: unknown): Ref[] => (Array.isArray(v) ? (v as Ref[]) : []);
const at = (row: Row, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Row)[k] : undefined), row);
const code = (row: Row, path: string): string | null => {
  const c = at(row, path);
  return typeof c === 'string' ? c : null;
};
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/** A column showing one scalar field as is. */
function f(key: string, label: string, opts: { order?: string; numeric?: boolean } = {}): Column {
  return { key, label, get: (r) => r[key] as Raw, ...opts };
}
const n = (key: string, label: string, order?: string): Column => f(key, label, { numeric: true, order });
const link = (key: string, label: string, path = key): Column => ({
  key,
  label,
  get: (r) => ref(at(r, path)),
});
const country = (key: string, label: string, path: string): Column => ({
  key,
  label,
  get: (r) => code(r, path),
});
const sources: Column = { key: 'sources', label: 'sources', numeric: true, get: (r) => count(r.sources) };

const NAME = (order?: string): Column => ({
  key: 'name',
  label: 'name',
  get: (r) => r.name as string,
  order,
});

export const TABLES: TableSpec[] = [
  {
    name: 'chips',
    title: 'Chips',
    rowType: 'Chip',
    root: 'chips',
    whereType: 'ChipWhere',
    orderEnum: 'ChipOrderField',
    exportName: 'chips',
    selection: `id name aliases description family announced released status processNode memoryType memoryGb
      memoryBandwidthGbs sramMb sramBandwidthGbs fp16DenseTflops bf16DenseTflops fp8DenseTflops fp4DenseTflops
      int8DenseTops tdpWatts interconnect interconnectGbs chinaCompliant isFamily
      vendor { id name country { code } } foundries { company { id name } } softwareStacks { id name }
      predecessor { id name } sources { id }`,
    columns: [
      NAME('NAME'),
      link('vendor', 'vendor'),
      country('vendorCountry', 'vendor country', 'vendor.country.code'),
      f('family', 'family'),
      f('status', 'status'),
      f('announced', 'announced'),
      f('released', 'released', { order: 'RELEASED' }),
      n('bf16DenseTflops', 'BF16 dense TFLOP/s', 'BF16_DENSE_TFLOPS'),
      n('fp16DenseTflops', 'FP16 dense TFLOP/s'),
      n('fp8DenseTflops', 'FP8 dense TFLOP/s'),
      n('fp4DenseTflops', 'FP4 dense TFLOP/s'),
      n('int8DenseTops', 'INT8 dense TOP/s'),
      n('memoryGb', 'memory GB', 'MEMORY_GB'),
      f('memoryType', 'memory type'),
      n('memoryBandwidthGbs', 'memory GB/s', 'MEMORY_BANDWIDTH_GBS'),
      n('sramMb', 'SRAM MB'),
      n('sramBandwidthGbs', 'SRAM GB/s'),
      n('tdpWatts', 'TDP W'),
      f('processNode', 'process node'),
      {
        key: 'foundries',
        label: 'foundries',
        get: (r) => refs((r.foundries as Row[]).map((x) => x.company)),
      },
      f('interconnect', 'interconnect'),
      n('interconnectGbs', 'interconnect GB/s'),
      f('chinaCompliant', 'China-compliant'),
      f('isFamily', 'family node'),
      { key: 'softwareStacks', label: 'software', get: (r) => refs(r.softwareStacks) },
      link('predecessor', 'predecessor'),
      f('aliases', 'aliases'),
      f('description', 'description'),
      sources,
    ],
    rowLink: (r) => ({ id: r.id as string, name: r.name as string, kind: 'CHIP' }),
  },
  {
    name: 'models',
    title: 'Models',
    rowType: 'Model',
    root: 'models',
    whereType: 'ModelWhere',
    orderEnum: 'ModelOrderField',
    exportName: 'models',
    selection: `id name aliases description released status openWeights parameters activeParameters architecture
      contextTokens trainingComputeFlop trainingTokens modality hardwareNote isFamily
      developer { id name country { code } } developers { id name } variantOf { id name } predecessor { id name }
      sources { id }`,
    columns: [
      NAME('NAME'),
      link('developer', 'developer'),
      country('developerCountry', 'developer country', 'developer.country.code'),
      { key: 'developers', label: 'all developers', get: (r) => refs(r.developers) },
      f('released', 'released', { order: 'RELEASED' }),
      f('status', 'status'),
      f('openWeights', 'open weights'),
      n('parameters', 'parameters', 'PARAMETERS'),
      n('activeParameters', 'active parameters'),
      f('architecture', 'architecture'),
      n('contextTokens', 'context tokens'),
      n('trainingComputeFlop', 'training FLOP', 'TRAINING_COMPUTE_FLOP'),
      n('trainingTokens', 'training tokens'),
      f('modality', 'modality'),
      f('hardwareNote', 'hardware note'),
      f('isFamily', 'family (figures on variants)'),
      link('variantOf', 'variant of'),
      link('predecessor', 'predecessor'),
      f('aliases', 'aliases'),
      f('description', 'description'),
      sources,
    ],
    rowLink: (r) => ({ id: r.id as string, name: r.name as string, kind: 'MODEL' }),
  },
  {
    name: 'companies',
    title: 'Companies',
    rowType: 'Company',
    root: 'companies',
    whereType: 'CompanyWhere',
    orderEnum: 'CompanyOrderField',
    exportName: 'companies',
    selection: `id name aliases description founded website ticker roles domains
      country { id code name } parent { id name } sources { id }`,
    columns: [
      NAME('NAME'),
      country('country', 'country', 'country.code'),
      f('roles', 'roles'),
      f('founded', 'founded', { order: 'FOUNDED' }),
      link('parent', 'parent'),
      f('ticker', 'ticker'),
      f('website', 'website'),
      f('domains', 'official domains'),
      f('aliases', 'aliases'),
      f('description', 'description'),
      sources,
    ],
    rowLink: (r) => ({ id: r.id as string, name: r.name as string, kind: 'COMPANY' }),
  },
  {
    name: 'orders',
    title: 'Orders',
    rowType: 'Order',
    root: 'orders',
    whereType: 'OrderWhere',
    exportName: 'orders',
    selection: `id date units valueUsd valueLocal currency status qualifier confidence note jointOrder chipFamily
      validFrom validTo buyer { id name country { code } } chip { id name } vendor { id name country { code } }
      seller { id name } sources { id }`,
    columns: [
      f('date', 'date'),
      link('buyer', 'buyer'),
      country('buyerCountry', 'buyer country', 'buyer.country.code'),
      link('chip', 'chip'),
      f('chipFamily', 'chip family'),
      link('vendor', 'vendor'),
      country('vendorCountry', 'vendor country', 'vendor.country.code'),
      link('seller', 'seller'),
      n('units', 'units'),
      n('valueUsd', 'value USD'),
      n('valueLocal', 'value (local)'),
      f('currency', 'currency'),
      f('qualifier', 'qualifier'),
      f('status', 'status'),
      f('confidence', 'confidence'),
      f('jointOrder', 'joint order'),
      f('validFrom', 'valid from'),
      f('validTo', 'valid to'),
      f('note', 'note'),
      sources,
      f('id', 'fact id'),
    ],
    rowLink: (r) => ref(r.buyer),
    rowLinkNote: 'An order is a fact, not an entity: each row opens its buyer, whose page lists its orders.',
  },
  {
    name: 'export-controls',
    title: 'Export controls',
    rowType: 'ExportControl',
    root: 'exportControls',
    whereType: 'ExportControlWhere',
    exportName: 'export-controls',
    extraVarDefs: '$asOf: Date',
    extraVars: (where) => ({ asOf: where.inForceAsOf }),
    selection: `id name aliases description agency measureType announced effective rescinded summary citation
      inForce(asOf: $asOf) status(asOf: $asOf) suspensions { from until }
      issuer { id code name } restricts { chip { id name } } targets { target { id name kind } } sources { id }`,
    columns: [
      NAME(),
      country('issuer', 'issuer', 'issuer.code'),
      f('agency', 'agency'),
      f('measureType', 'measure'),
      f('announced', 'announced'),
      f('effective', 'effective'),
      f('rescinded', 'rescinded'),
      f('status', 'status'),
      f('inForce', 'in force'),
      {
        key: 'suspensions',
        label: 'suspensions',
        get: (r) =>
          (r.suspensions as { from: string; until: string | null }[]).map(
            (s) => `${s.from}–${s.until ?? ''}`,
          ),
      },
      {
        key: 'restricts',
        label: 'restricts (chips)',
        numeric: true,
        get: (r) => new Set((r.restricts as { chip: Ref }[]).map((x) => x.chip.id)).size,
      },
      { key: 'targets', label: 'targets', get: (r) => refs((r.targets as Row[]).map((t) => t.target)) },
      f('citation', 'citation'),
      f('summary', 'summary'),
      f('aliases', 'aliases'),
      f('description', 'description'),
      sources,
    ],
    rowLink: (r) => ({ id: r.id as string, name: r.name as string, kind: 'EXPORT_CONTROL' }),
  },
  {
    name: 'hardware-dependencies',
    title: 'Hardware dependencies',
    rowType: 'HardwareDependency',
    root: 'hardwareDependencies',
    whereType: 'HardwareDependencyWhere',
    exportName: 'hardware-dependencies',
    selection: `id role chipCount chipHours cluster confidence validFrom validTo note
      model { id name released developer { id name country { code } } }
      chip { id name vendor { id name country { code } } } sources { id }`,
    columns: [
      link('model', 'model'),
      { key: 'modelReleased', label: 'model released', get: (r) => at(r, 'model.released') as string },
      link('developer', 'developer', 'model.developer'),
      country('developerCountry', 'developer country', 'model.developer.country.code'),
      f('role', 'role'),
      link('chip', 'chip'),
      link('vendor', 'vendor', 'chip.vendor'),
      country('vendorCountry', 'vendor country', 'chip.vendor.country.code'),
      n('chipCount', 'chips'),
      n('chipHours', 'chip-hours'),
      f('cluster', 'cluster'),
      f('confidence', 'confidence'),
      f('validFrom', 'valid from'),
      f('validTo', 'valid to'),
      f('note', 'note'),
      sources,
      f('id', 'fact id'),
    ],
    rowLink: (r) => ref(r.model),
    rowLinkNote: 'A dependency is a fact: each row opens its model.',
  },
];

export function tableSpec(name: string | undefined): TableSpec | undefined {
  return TABLES.find((t) => t.name === name);
}

/** The list query for a table: one page, with its total count. */
export function tableQuery(spec: TableSpec): string {
  const order = spec.orderEnum ? `, $orderBy: [${spec.orderEnum.replace(/Field$/, '')}!]` : '';
  const orderArg = spec.orderEnum ? ', orderBy: $orderBy' : '';
  const extra = spec.extraVarDefs ? `, ${spec.extraVarDefs}` : '';
  return `query Table($where: ${spec.whereType}${order}, $first: Int, $after: String${extra}) {
  ${spec.root}(where: $where${orderArg}, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${spec.selection.replace(/\s+/g, ' ')} }
  }
}`;
}
