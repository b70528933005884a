// /export/sources.bib, .ris and .json (CSL-JSON): the sources behind the data as citations, with the API's
// source filters (`entityId`, `kinds`), paged through `Query.sources` and formatted by the domain's citations.
import type { GraphQLSchema } from 'graphql';
import { formatCitations, type CitableSource, type CitationFormat } from '../../domain/citations.js';
import { coerce, inputFields } from './params.js';

export const SOURCE_FORMATS = { bib: 'BIBTEX', ris: 'RIS', json: 'CSL_JSON' } as const satisfies Record<
  string,
  CitationFormat
>;
export type SourceFileFormat = keyof typeof SOURCE_FORMATS;
export const SOURCE_EXPORTS = Object.keys(SOURCE_FORMATS).map((ext) => `sources.${ext}`);

export const isSourceFormat = (ext: string): ext is SourceFileFormat => Object.hasOwn(SOURCE_FORMATS, ext);

const CONTENT_TYPE: Record<SourceFileFormat, string> = {
  bib: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  json: 'application/vnd.citationstyles.csl+json; charset=utf-8',
};

const SOURCES_PAGE = `query ExportSources($where: SourceWhere, $first: Int, $after: String) {
  sources(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id publisher title url published kind }
  }
}`;

interface SourcesPage {
  sources: { nodes: CitableSource[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** What the export needs from the route: GraphQL through the API's pipeline, and the download's headers. */
export interface SourcesExportDeps {
  run: (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** `Content-Disposition` and version headers for `chipgraph-sources[-version].<ext>`. */
  headers: (base: string, ext: string) => Promise<Record<string, string>>;
}

/** Every source the filters select, in id order (the API's page size, every page). */
export async function fetchSources(
  schema: GraphQLSchema,
  search: URLSearchParams,
  run: SourcesExportDeps['run'],
): Promise<CitableSource[]> {
  const where = coerce(inputFields(schema, 'SourceWhere'), search);
  const out: CitableSource[] = [];
  let after: string | null = null;
  for (let pageNo = 0; pageNo < 1000; pageNo++) {
    const data = (await run(SOURCES_PAGE, { where, first: 100, after })) as unknown as SourcesPage;
    out.push(...data.sources.nodes);
    const { hasNextPage, endCursor } = data.sources.pageInfo;
    if (!hasNextPage || !endCursor || endCursor === after) break;
    after = endCursor;
  }
  return out;
}

export async function exportSources(
  ext: SourceFileFormat,
  schema: GraphQLSchema,
  url: URL,
  deps: SourcesExportDeps,
): Promise<Response> {
  const sources = await fetchSources(schema, url.searchParams, deps.run);
  const headers = await deps.headers('chipgraph-sources', ext);
  return new Response(formatCitations(sources, SOURCE_FORMATS[ext]), {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE[ext], ...headers },
  });
}
