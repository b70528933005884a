// The data release: one zip of every export table (CSV and JSON), the whole graph as GraphML, the sources as
// BibTeX and CSL-JSON, the changelog, CITATION.cff and the data licence. Tables and sources are fetched through
// the API's own /export routes (the same code a user downloads with); the zip is byte for byte the same for the
// same graph: entries sorted, fixed timestamps and modes, no load time in any file.
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import type { Executor } from '../db/executor.js';
import { GRAPH_EDGE_FIELDS, otherFactProperties } from '../db/stored.js';
import { SourceRepository } from '../db/repositories/source-repository.js';
import { EXPORT_TABLES, type GraphqlFetcher } from '../http/exports.js';
import { toGraphml, type GraphmlSubgraph } from '../http/graphml.js';
import { silentProgress, type Progress } from '../progress.js';

export interface ReleaseInput {
  /** The API (a Yoga instance): exports run through it exactly as for a user. */
  yoga: GraphqlFetcher;
  executor: Executor;
  /** Where CHANGELOG.md and LICENSE.md are (the seed folder). */
  seedDir: string;
  /** The CITATION.cff to include. */
  citationFile: string;
  progress?: Progress;
}

export interface Release {
  version: string;
  fileName: string;
  zip: Buffer;
  entries: string[];
}

// DOS timestamps are local time: a date built from local fields is the same stored date in every time zone.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const BASE = 'http://release.invalid';

async function download(yoga: GraphqlFetcher, route: string): Promise<string> {
  const res = await yoga.fetch(`${BASE}${route}`, { method: 'GET' });
  const body = await res.text();
  if (res.status !== 200)
    throw new Error(`release: ${route} answered HTTP ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

/** A JSON export without its load time: the release is the same bytes whenever the graph was loaded. */
function withoutLoadTime(json: string): string {
  const body = JSON.parse(json) as { dataset?: Record<string, unknown> | null };
  if (body.dataset) delete body.dataset.loadedAt;
  return `${JSON.stringify(body, null, 2)}\n`;
}

async function datasetVersion(yoga: GraphqlFetcher): Promise<string> {
  const res = await yoga.fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ stats { dataset { version } } }' }),
  });
  const body = (await res.json()) as { data?: { stats: { dataset: { version: string | null } | null } } };
  const version = body.data?.stats.dataset?.version;
  if (!version) throw new Error('release: the graph has no dataset version (load the seed first)');
  return version;
}

async function wholeGraphml(executor: Executor, version: string): Promise<string> {
  const g = await new SourceRepository(executor).wholeGraph();
  const byId = new Map(g.sources.map((s) => [s.id, s]));
  const sub: GraphmlSubgraph = {
    nodes: g.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind })),
    edges: g.edges.map((e) => ({
      id: e.id,
      type: e.type,
      from: e.from,
      to: e.to,
      confidence: e.confidence.toUpperCase(),
      properties: otherFactProperties(e.props, GRAPH_EDGE_FIELDS), // as GraphEdge.properties
      sources: e.sourceIds.flatMap((id) => {
        const s = byId.get(id);
        return s ? [s] : [];
      }),
    })),
  };
  return toGraphml(sub, `chipgraph-${version}`);
}

function zipOf(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of [...files.keys()].sort()) {
    zip.addBuffer(files.get(name)!, name, { mtime: FIXED_MTIME, mode: 0o100644, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function buildRelease(input: ReleaseInput): Promise<Release> {
  const progress = input.progress ?? silentProgress;
  const version = await datasetVersion(input.yoga);
  const dir = `chipgraph-data-${version}`;
  const files = new Map<string, Buffer>();
  const put = (name: string, text: string) => files.set(`${dir}/${name}`, Buffer.from(text, 'utf8'));
  const total = EXPORT_TABLES.length + 2;
  let done = 0;
  for (const table of EXPORT_TABLES) {
    progress({ phase: 'release', message: `table ${table}`, done: done++, total });
    put(`tables/${table}.csv`, await download(input.yoga, `/export/${table}.csv`));
    put(`tables/${table}.json`, withoutLoadTime(await download(input.yoga, `/export/${table}.json`)));
  }
  progress({ phase: 'release', message: 'sources', done: done++, total });
  put('sources.bib', await download(input.yoga, '/export/sources.bib'));
  put('sources.json', await download(input.yoga, '/export/sources.json'));
  progress({ phase: 'release', message: 'graph', done: done++, total });
  put('graph.graphml', await wholeGraphml(input.executor, version));
  put('CHANGELOG.md', fs.readFileSync(path.join(input.seedDir, 'CHANGELOG.md'), 'utf8'));
  put('LICENSE.md', fs.readFileSync(path.join(input.seedDir, 'LICENSE.md'), 'utf8'));
  put('CITATION.cff', fs.readFileSync(input.citationFile, 'utf8'));
  const zip = await zipOf(files);
  progress({ phase: 'release', message: 'zip written', done, total });
  return { version, fileName: `${dir}.zip`, zip, entries: [...files.keys()].sort() };
}
