// CSV / JSON / GraphML exports under /export/: each runs GraphQL through the same Yoga instance (so filters,
// validation, limits and auth are the API's own), pages through every result and flattens it into rows.
import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  isInputObjectType,
  isListType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { toGraphml, type GraphmlSubgraph } from './graphml.js';

/** What the exports need from the server: a fetch that runs a request through the whole Yoga pipeline. */
export interface GraphqlFetcher {
  fetch(input: string, init: RequestInit, serverContext?: object): Response | Promise<Response>;
}

type Row = Record<string, unknown>;
interface Source {
  publisher: string;
  title: string;
  url: string | null;
  published: string | null;
}
interface Named {
  id: string;
  name: string;
  country?: { code: string } | null;
}
interface Page {
  nodes: unknown[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A parameter the client may pass: its name and the GraphQL input type it is checked against. */
interface Param {
  name: string;
  type: GraphQLInputType;
}

interface Table {
  /** The input type whose fields are the filters (`?vendorIds=...` → `where.vendorIds`). */
  whereType: string;
  /** Filters applied to the flattened rows, for tables the API has no filtered list of (orders). */
  extraParams?: (schema: GraphQLSchema) => Param[];
  query: string;
  pageSize: number;
  page: (data: Record<string, unknown>) => Page;
  rows: (node: unknown, extra: Record<string, unknown>) => Row[];
  columns: string[];
  sort?: (a: Row, b: Row) => number;
}

const SOURCES = 'sources { publisher title url published }';

function sourceColumns(sources: Source[]): Row {
  return {
    source_publishers: sources.map((s) => s.publisher),
    source_titles: sources.map((s) => s.title),
    source_urls: sources.map((s) => s.url).filter((u): u is string => Boolean(u)),
  };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const SOURCE_COLUMNS = ['source_publishers', 'source_titles', 'source_urls'];
const CONFIDENCE_RANK: Record<string, number> = { CONFIRMED: 3, REPORTED: 2, RUMORED: 1 };

const TABLES: Record<string, Table> = {
  'hardware-dependencies': {
    whereType: 'HardwareDependencyWhere',
    pageSize: 100,
    query: `query ExportHardwareDependencies($where: HardwareDependencyWhere, $first: Int, $after: String) {
  page: hardwareDependencies(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id role chipCount chipHours cluster confidence validFrom validTo note
      model { id name released developer { id name country { code } } }
      chip { id name vendor { id name country { code } } }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const d = n as {
        id: string;
        role: string;
        chipCount: number | null;
        chipHours: number | null;
        cluster: string | null;
        confidence: string;
        validFrom: string | null;
        validTo: string | null;
        note: string | null;
        model: Named & { released: string | null; developer: Named | null };
        chip: Named & { vendor: Named | null };
        sources: Source[];
      };
      return [
        {
          id: d.id,
          model_id: d.model.id,
          model_name: d.model.name,
          model_released: d.model.released,
          developer_id: d.model.developer?.id,
          developer_name: d.model.developer?.name,
          developer_country: d.model.developer?.country?.code,
          role: d.role,
          chip_id: d.chip.id,
          chip_name: d.chip.name,
          vendor_id: d.chip.vendor?.id,
          vendor_name: d.chip.vendor?.name,
          vendor_country: d.chip.vendor?.country?.code,
          chip_count: d.chipCount,
          chip_hours: d.chipHours,
          cluster: d.cluster,
          confidence: d.confidence,
          valid_from: d.validFrom,
          valid_to: d.validTo,
          note: d.note,
          ...sourceColumns(d.sources),
        },
      ];
    },
    columns: [
      'id',
      'model_id',
      'model_name',
      'model_released',
      'developer_id',
      'developer_name',
      'developer_country',
      'role',
      'chip_id',
      'chip_name',
      'vendor_id',
      'vendor_name',
      'vendor_country',
      'chip_count',
      'chip_hours',
      'cluster',
      'confidence',
      'valid_from',
      'valid_to',
      'note',
      ...SOURCE_COLUMNS,
    ],
  },

  chips: {
    whereType: 'ChipWhere',
    pageSize: 100,
    query: `query ExportChips($where: ChipWhere, $first: Int, $after: String) {
  page: chips(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases family status announced released processNode memoryType memoryGb memoryBandwidthTbs
      fp16DenseTflops bf16DenseTflops fp8DenseTflops fp4DenseTflops int8DenseTops tdpWatts interconnect
      chinaCompliant description
      vendor { id name country { code } }
      foundries { company { id } }
      softwareStacks { id }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const c = n as Row & {
        vendor: Named | null;
        foundries: { company: { id: string } }[];
        softwareStacks: { id: string }[];
        sources: Source[];
      };
      return [
        {
          id: c.id,
          name: c.name,
          aliases: c.aliases,
          family: c.family,
          vendor_id: c.vendor?.id,
          vendor_name: c.vendor?.name,
          vendor_country: c.vendor?.country?.code,
          status: c.status,
          announced: c.announced,
          released: c.released,
          process_node: c.processNode,
          memory_type: c.memoryType,
          memory_gb: c.memoryGb,
          memory_bandwidth_tbs: c.memoryBandwidthTbs,
          fp16_dense_tflops: c.fp16DenseTflops,
          bf16_dense_tflops: c.bf16DenseTflops,
          fp8_dense_tflops: c.fp8DenseTflops,
          fp4_dense_tflops: c.fp4DenseTflops,
          int8_dense_tops: c.int8DenseTops,
          tdp_watts: c.tdpWatts,
          interconnect: c.interconnect,
          china_compliant: c.chinaCompliant,
          foundry_ids: [...new Set(c.foundries.map((f) => f.company.id))],
          software_stack_ids: c.softwareStacks.map((s) => s.id),
          description: c.description,
          ...sourceColumns(c.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'family',
      'vendor_id',
      'vendor_name',
      'vendor_country',
      'status',
      'announced',
      'released',
      'process_node',
      'memory_type',
      'memory_gb',
      'memory_bandwidth_tbs',
      'fp16_dense_tflops',
      'bf16_dense_tflops',
      'fp8_dense_tflops',
      'fp4_dense_tflops',
      'int8_dense_tops',
      'tdp_watts',
      'interconnect',
      'china_compliant',
      'foundry_ids',
      'software_stack_ids',
      'description',
      ...SOURCE_COLUMNS,
    ],
  },

  models: {
    whereType: 'ModelWhere',
    pageSize: 100,
    query: `query ExportModels($where: ModelWhere, $first: Int, $after: String) {
  page: models(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases released status openWeights parameters activeParameters architecture contextTokens
      trainingComputeFlop trainingTokens modality description
      developer { id name country { code } }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const m = n as Row & { developer: Named | null; sources: Source[] };
      return [
        {
          id: m.id,
          name: m.name,
          aliases: m.aliases,
          developer_id: m.developer?.id,
          developer_name: m.developer?.name,
          developer_country: m.developer?.country?.code,
          released: m.released,
          status: m.status,
          open_weights: m.openWeights,
          parameters: m.parameters,
          active_parameters: m.activeParameters,
          architecture: m.architecture,
          context_tokens: m.contextTokens,
          training_compute_flop: m.trainingComputeFlop,
          training_tokens: m.trainingTokens,
          modality: m.modality,
          description: m.description,
          ...sourceColumns(m.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'developer_id',
      'developer_name',
      'developer_country',
      'released',
      'status',
      'open_weights',
      'parameters',
      'active_parameters',
      'architecture',
      'context_tokens',
      'training_compute_flop',
      'training_tokens',
      'modality',
      'description',
      ...SOURCE_COLUMNS,
    ],
  },

  // The API lists orders per chip (Chip.orders, Company.orders): the chip filters select the chips, and
  // buyerIds / minConfidence narrow the flattened orders.
  orders: {
    whereType: 'ChipWhere',
    extraParams: (schema) => [
      { name: 'buyerIds', type: new GraphQLList(new GraphQLNonNull(GraphQLID)) },
      { name: 'minConfidence', type: schema.getType('Confidence') as GraphQLEnumType },
    ],
    pageSize: 50,
    query: `query ExportOrders($where: ChipWhere, $first: Int, $after: String) {
  page: chips(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      orders {
        id units valueUsd valueLocal currency date status qualifier confidence note
        buyer { id name country { code } }
        chip { id name vendor { id name } }
        ${SOURCES}
      }
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n, extra) => {
      const orders = (
        n as { orders: (Row & { buyer: Named; chip: Named & { vendor: Named | null }; sources: Source[] })[] }
      ).orders;
      const buyers = extra.buyerIds as string[] | undefined;
      const min = CONFIDENCE_RANK[String(extra.minConfidence)] ?? 0;
      return orders
        .filter(
          (o) =>
            (!buyers || buyers.includes(o.buyer.id)) && (CONFIDENCE_RANK[String(o.confidence)] ?? 0) >= min,
        )
        .map((o) => ({
          id: o.id,
          date: o.date,
          buyer_id: o.buyer.id,
          buyer_name: o.buyer.name,
          buyer_country: o.buyer.country?.code,
          chip_id: o.chip.id,
          chip_name: o.chip.name,
          vendor_id: o.chip.vendor?.id,
          vendor_name: o.chip.vendor?.name,
          units: o.units,
          value_usd: o.valueUsd,
          value_local: o.valueLocal,
          currency: o.currency,
          status: o.status,
          qualifier: o.qualifier,
          confidence: o.confidence,
          note: o.note,
          ...sourceColumns(o.sources),
        }));
    },
    // Newest first across all chips (each chip's list already is); undated orders last.
    sort: (a, b) => text(b.date).localeCompare(text(a.date)) || text(a.id).localeCompare(text(b.id)),
    columns: [
      'id',
      'date',
      'buyer_id',
      'buyer_name',
      'buyer_country',
      'chip_id',
      'chip_name',
      'vendor_id',
      'vendor_name',
      'units',
      'value_usd',
      'value_local',
      'currency',
      'status',
      'qualifier',
      'confidence',
      'note',
      ...SOURCE_COLUMNS,
    ],
  },

  'export-controls': {
    whereType: 'ExportControlWhere',
    pageSize: 50,
    query: `query ExportControls($where: ExportControlWhere, $first: Int, $after: String, $asOf: Date) {
  page: exportControls(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases agency measureType announced effective rescinded citation summary
      inForce(asOf: $asOf)
      issuer { code }
      restricts { chip { id } }
      targets { target { id } }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const c = n as Row & {
        issuer: { code: string } | null;
        restricts: { chip: { id: string } }[];
        targets: { target: { id: string } }[];
        sources: Source[];
      };
      return [
        {
          id: c.id,
          name: c.name,
          aliases: c.aliases,
          agency: c.agency,
          issuer_country: c.issuer?.code,
          measure_type: c.measureType,
          announced: c.announced,
          effective: c.effective,
          rescinded: c.rescinded,
          in_force: c.inForce,
          citation: c.citation,
          summary: c.summary,
          restricted_chip_ids: [...new Set(c.restricts.map((r) => r.chip.id))],
          target_ids: [...new Set(c.targets.map((t) => t.target.id))],
          ...sourceColumns(c.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'agency',
      'issuer_country',
      'measure_type',
      'announced',
      'effective',
      'rescinded',
      'in_force',
      'citation',
      'summary',
      'restricted_chip_ids',
      'target_ids',
      ...SOURCE_COLUMNS,
    ],
  },
};

export const EXPORT_TABLES = Object.keys(TABLES);

const NEIGHBORHOOD = `query ExportGraph($id: ID!, $depth: Int, $asOf: Date) {
  neighborhood(id: $id, depth: $depth, asOf: $asOf) {
    truncated
    nodes { id name kind }
    edges { id type from to confidence properties ${SOURCES} }
  }
}`;

// ---------------------------------------------------------------------------------------------------------------
// CSV: RFC 4180 (quoted where needed, quotes doubled, CRLF), UTF-8 with a BOM so Excel reads 昇腾 correctly.

/** Several values in one cell (aliases, source URLs) are joined with this. */
export const CELL_SEPARATOR = ' | ';

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function cell(value: unknown): string {
  let out = Array.isArray(value) ? value.map(scalar).join(CELL_SEPARATOR) : scalar(value);
  // A text cell starting with = + - @ would run as a formula in Excel / Sheets (CSV injection): make it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(out) && !/^[+-]?\d/.test(out)) out = `'${out}`;
  return /[",\r\n]|^\s|\s$/.test(out) ? `"${out.replace(/"/g, '""')}"` : out;
}

export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters: query-string values checked against the API's own input types.

class BadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns `?vendorIds=a,b&vendorIds=c` into the JS value the GraphQL input type expects, before coercion. */
function rawValue(values: string[], type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  const one = (v: string): unknown => {
    const t = v.trim();
    if (named instanceof GraphQLEnumType) return t.toUpperCase().replace(/-/g, '_');
    if (named.name === 'Boolean')
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : t;
    if ((named.name === 'Int' || named.name === 'Float') && t !== '' && !Number.isNaN(Number(t)))
      return Number(t);
    return t;
  };
  if (isListType(getNullableType(type))) {
    return values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
      .map(one);
  }
  if (values.length > 1) throw new BadParameter('', 'is given more than once');
  return one(values[0] ?? '');
}

function coerce(params: Param[], search: URLSearchParams): Record<string, unknown> {
  const byName = new Map(params.map((p) => [p.name, p]));
  const out: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const param = byName.get(name);
    if (!param) {
      throw new BadParameter(name, `Unknown parameter "${name}"; allowed: ${[...byName.keys()].join(', ')}`);
    }
    try {
      const raw = rawValue(search.getAll(name), param.type);
      let problem: string | undefined;
      out[name] = coerceInputValue(raw, param.type, (_path, _invalid, error) => {
        problem ??= error.message;
      });
      if (problem) throw new BadParameter(name, `Parameter "${name}": ${problem}`);
    } catch (err) {
      if (err instanceof BadParameter && !err.parameter) {
        throw new BadParameter(name, `Parameter "${name}" ${err.message}`);
      }
      throw err;
    }
  }
  for (const p of params) {
    if (p.type instanceof GraphQLNonNull && out[p.name] === undefined) {
      throw new BadParameter(p.name, `Parameter "${p.name}" is required`);
    }
  }
  return out;
}

function inputFields(schema: GraphQLSchema, typeName: string): Param[] {
  const t = schema.getType(typeName);
  if (!isInputObjectType(t)) throw new Error(`${typeName} is not an input type in the schema`);
  return Object.values(t.getFields()).map((f) => ({ name: f.name, type: f.type }));
}

function fieldArgs(schema: GraphQLSchema, field: string): Param[] {
  const def = schema.getQueryType()?.getFields()[field];
  if (!def) throw new Error(`Query.${field} is not in the schema`);
  return def.args.map((a) => ({ name: a.name, type: a.type }));
}

// ---------------------------------------------------------------------------------------------------------------
// Running GraphQL through Yoga and answering.

interface GqlError {
  message: string;
  extensions?: { code?: string; argument?: string; http?: { status?: number } };
}

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COMPLEX: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 504,
};

class ExportFailed extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

// Headers of the client's request that the inner GraphQL request carries on: who is asking (API key), and the
// request id / proxy hops that logging and rate limiting read.
const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'x-forwarded-for', 'user-agent'];

async function runQuery(
  yoga: GraphqlFetcher,
  request: Request,
  serverContext: object | undefined,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  for (const name of FORWARDED_HEADERS) {
    const v = request.headers.get(name);
    if (v) headers[name] = v;
  }
  const url = new URL('/graphql', request.url).toString();
  const res = await yoga.fetch(
    url,
    { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
    serverContext,
  );
  const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: GqlError[] };
  const error = body.errors?.[0];
  if (error || !body.data) {
    const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const status = STATUS_BY_CODE[code] ?? (res.status >= 400 ? res.status : 502);
    const argument = error?.extensions?.argument?.replace(/^where\./, '');
    const passOn: Record<string, string> = {};
    const retry = res.headers.get('retry-after');
    if (retry) passOn['retry-after'] = retry;
    throw new ExportFailed(
      status,
      {
        code,
        message: error?.message ?? `GraphQL answered HTTP ${res.status}`,
        ...(argument ? { parameter: argument } : {}),
      },
      passOn,
    );
  }
  return body.data;
}

async function exportTable(
  table: Table,
  name: string,
  format: 'csv' | 'json',
  ctx: ExportContext,
): Promise<Response> {
  const extraParams = table.extraParams?.(ctx.schema) ?? [];
  const params = coerce([...inputFields(ctx.schema, table.whereType), ...extraParams], ctx.url.searchParams);
  const extra: Record<string, unknown> = {};
  const where: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (extraParams.some((p) => p.name === k)) extra[k] = v;
    else where[k] = v;
  }
  const rows: Row[] = [];
  let after: string | null = null;
  // A guard against a cursor that never advances; 1000 pages is far beyond the graph's size.
  for (let pageNo = 0; pageNo < 1000; pageNo++) {
    const data = await runQuery(ctx.yoga, ctx.request, ctx.serverContext, table.query, {
      where,
      first: table.pageSize,
      after,
      ...(where.inForceAsOf ? { asOf: where.inForceAsOf } : {}),
    });
    const page = table.page(data);
    for (const node of page.nodes) rows.push(...table.rows(node, extra));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || page.pageInfo.endCursor === after) break;
    after = page.pageInfo.endCursor;
  }
  if (table.sort) rows.sort(table.sort);
  if (format === 'json') return jsonResponse(200, rows);
  return new Response(toCsv(table.columns, rows), {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="chipgraph-${name}.csv"`,
    },
  });
}

async function exportGraphml(ctx: ExportContext): Promise<Response> {
  const vars = coerce(fieldArgs(ctx.schema, 'neighborhood'), ctx.url.searchParams);
  const data = await runQuery(ctx.yoga, ctx.request, ctx.serverContext, NEIGHBORHOOD, vars);
  const sub = data.neighborhood as GraphmlSubgraph;
  const id = String(vars.id);
  return new Response(toGraphml(sub, `chipgraph-${id}`), {
    status: 200,
    headers: {
      'content-type': 'application/graphml+xml; charset=utf-8',
      'content-disposition': `attachment; filename="chipgraph-${id.replace(/[^a-z0-9-]/gi, '_')}.graphml"`,
    },
  });
}

interface ExportContext {
  yoga: GraphqlFetcher;
  schema: GraphQLSchema;
  request: Request;
  url: URL;
  serverContext: object | undefined;
}

const ROUTE = /^\/export\/([a-z-]+)\.(csv|json|graphml)$/;

export async function handleExport(ctx: ExportContext): Promise<Response> {
  const m = ROUTE.exec(ctx.url.pathname);
  const name = m?.[1] ?? '';
  const format = m?.[2] ?? '';
  const table = TABLES[name];
  const known = [...EXPORT_TABLES.flatMap((t) => [`${t}.csv`, `${t}.json`]), 'graph.graphml'];
  if (!((table && (format === 'csv' || format === 'json')) || (name === 'graph' && format === 'graphml'))) {
    return jsonResponse(404, {
      error: {
        code: 'NOT_FOUND',
        message: `No export at ${ctx.url.pathname}; try one of /export/${known.join(', /export/')}`,
      },
    });
  }
  if (ctx.request.method !== 'GET' && ctx.request.method !== 'HEAD') {
    return jsonResponse(
      405,
      { error: { code: 'METHOD_NOT_ALLOWED', message: 'Exports answer GET' } },
      { allow: 'GET, HEAD' },
    );
  }
  try {
    if (table) return await exportTable(table, name, format as 'csv' | 'json', ctx);
    return await exportGraphml(ctx);
  } catch (err) {
    if (err instanceof BadParameter) {
      return jsonResponse(400, {
        error: { code: 'BAD_USER_INPUT', parameter: err.parameter, message: err.message },
      });
    }
    if (err instanceof ExportFailed) return jsonResponse(err.status, { error: err.body }, err.headers);
    throw err;
  }
}

/** Serves /export/* from inside Yoga; `getYoga` is read per request because the plugin is created before Yoga. */
export function useExports(getYoga: () => GraphqlFetcher): Plugin {
  let schema: GraphQLSchema | undefined;
  return {
    onSchemaChange({ schema: s }) {
      schema = s as GraphQLSchema;
    },
    async onRequest(payload) {
      const { request, url } = payload;
      if (!url.pathname.startsWith('/export/')) return;
      if (!schema) throw new Error('exports: the schema is not known yet');
      const ctx = payload.serverContext as { req?: unknown } | undefined;
      payload.endResponse(
        await handleExport({
          yoga: getYoga(),
          schema,
          request,
          url,
          serverContext: ctx?.req ? { req: ctx.req } : undefined,
        }),
      );
    },
  };
}
