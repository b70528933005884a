// CSV / JSON / GraphML exports under /export/: each runs GraphQL through the same Yoga instance (so filters,
// validation, limits and auth are the API's own), pages through every result and flattens it into rows. Every
// download names the dataset version it comes from; JSON answers `{ dataset, rows }`.
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { httpStatusOf } from '../errors.js';
import { toCsv } from './exports/csv.js';
import { ENTITY_TABLES } from './exports/entity-tables.js';
import { FACT_TABLES } from './exports/fact-tables.js';
import { BadParameter, coerce, fieldArgs, inputFields } from './exports/params.js';
import { exportSources, isSourceFormat, SOURCE_EXPORTS } from './exports/sources.js';
import { SOURCES, type GraphqlFetcher, type Row, type Table } from './exports/table.js';
import { toGraphml, type GraphmlSubgraph } from './graphml.js';

export { CELL_SEPARATOR, toCsv } from './exports/csv.js';
export type { GraphqlFetcher } from './exports/table.js';

const ALL_TABLES: Record<string, Table> = { ...FACT_TABLES, ...ENTITY_TABLES };
/** The tables, in the order docs/api.md lists them. */
export const EXPORT_TABLES = [
  'hardware-dependencies',
  'chips',
  'models',
  'companies',
  'orders',
  'export-controls',
].filter((t) => ALL_TABLES[t]);
const TABLES: Record<string, Table> = Object.fromEntries(EXPORT_TABLES.map((t) => [t, ALL_TABLES[t]!]));

const NEIGHBORHOOD = `query ExportGraph($id: ID!, $depth: Int, $asOf: Date) {
  neighborhood(id: $id, depth: $depth, asOf: $asOf) {
    truncated
    nodes { id name kind }
    edges { id type from to confidence properties ${SOURCES} }
  }
}`;

interface GqlError {
  message: string;
  extensions?: { code?: string; argument?: string; http?: { status?: number } };
}

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
    const status = httpStatusOf(code) ?? (res.status >= 400 ? res.status : 502);
    // The export's parameters are the filter's fields (the orders' chip filter sits at `where.chip`).
    const argument = error?.extensions?.argument?.replace(/^where\.(chip\.)?/, '');
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

/** What an export says about the data it comes from (the JSON envelope's `dataset`). */
interface DatasetStamp {
  version: string | null;
  recordEnds: string | null;
  loadedAt: string | null;
  license: string | null;
}

const DATASET = `query ExportDataset { stats { dataset { version recordEnds loadedAt license } } }`;

async function datasetStamp(ctx: ExportContext): Promise<DatasetStamp | null> {
  const data = await runQuery(ctx.yoga, ctx.request, ctx.serverContext, DATASET, {});
  return (data.stats as { dataset: DatasetStamp | null }).dataset;
}

/**
 * Every download names the dataset version: in its file name (`chipgraph-orders-2.0.0.csv`) and in a header. CSV
 * has no place for it inside the file that every reader skips (a `#` line breaks parsers), so the header it is.
 */
function downloadHeaders(base: string, ext: string, dataset: DatasetStamp | null): Record<string, string> {
  const version = dataset?.version?.replace(/[^0-9A-Za-z.+-]/g, '_');
  const file = `${base.replace(/[^a-z0-9-]/gi, '_')}${version ? `-${version}` : ''}.${ext}`;
  return {
    'content-disposition': `attachment; filename="${file}"`,
    ...(version ? { 'x-chipgraph-dataset-version': version } : {}),
  };
}

async function exportTable(
  table: Table,
  name: string,
  format: 'csv' | 'json',
  ctx: ExportContext,
): Promise<Response> {
  const extraParams = table.extraParams?.(ctx.schema) ?? [];
  const params = coerce([...inputFields(ctx.schema, table.whereType), ...extraParams], ctx.url.searchParams);
  const variables = table.variables?.(params) ?? { where: params };
  const dataset = await datasetStamp(ctx);
  const rows: Row[] = [];
  let after: string | null = null;
  // A guard against a cursor that never advances; 1000 pages is far beyond the graph's size.
  for (let pageNo = 0; pageNo < 1000; pageNo++) {
    const data = await runQuery(ctx.yoga, ctx.request, ctx.serverContext, table.query, {
      ...variables,
      first: table.pageSize,
      after,
    });
    const page = table.page(data);
    for (const node of page.nodes) rows.push(...table.rows(node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || page.pageInfo.endCursor === after) break;
    after = page.pageInfo.endCursor;
  }
  if (table.sort) rows.sort(table.sort);
  const headers = downloadHeaders(`chipgraph-${name}`, format, dataset);
  if (format === 'json') return jsonResponse(200, { dataset, rows }, headers);
  return new Response(toCsv(table.columns, rows), {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8; header=present', ...headers },
  });
}

async function exportGraphml(ctx: ExportContext): Promise<Response> {
  const vars = coerce(fieldArgs(ctx.schema, 'neighborhood'), ctx.url.searchParams);
  const data = await runQuery(ctx.yoga, ctx.request, ctx.serverContext, NEIGHBORHOOD, vars);
  const sub = data.neighborhood as GraphmlSubgraph;
  const id = String(vars.id);
  const dataset = await datasetStamp(ctx);
  return new Response(toGraphml(sub, `chipgraph-${id}`), {
    status: 200,
    headers: {
      'content-type': 'application/graphml+xml; charset=utf-8',
      ...downloadHeaders(`chipgraph-${id}`, 'graphml', dataset),
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

const ROUTE = /^\/export\/([a-z-]+)\.(csv|json|graphml|bib|ris)$/;

export async function handleExport(ctx: ExportContext): Promise<Response> {
  const m = ROUTE.exec(ctx.url.pathname);
  const name = m?.[1] ?? '';
  const format = m?.[2] ?? '';
  const table = TABLES[name];
  const sources = name === 'sources' && isSourceFormat(format);
  const known = [
    ...EXPORT_TABLES.flatMap((t) => [`${t}.csv`, `${t}.json`]),
    'graph.graphml',
    ...SOURCE_EXPORTS,
  ];
  if (
    !sources &&
    !((table && (format === 'csv' || format === 'json')) || (name === 'graph' && format === 'graphml'))
  ) {
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
    if (sources && isSourceFormat(format)) {
      return await exportSources(format, ctx.schema, ctx.url, {
        run: (query, variables) => runQuery(ctx.yoga, ctx.request, ctx.serverContext, query, variables),
        headers: async (base, ext) => downloadHeaders(base, ext, await datasetStamp(ctx)),
      });
    }
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
