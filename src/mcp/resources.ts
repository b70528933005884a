// MCP resources: the API's SDL, the example operations GraphiQL opens with, and the dataset's version and coverage.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { arr, obj, str } from './answers.js';
import type { GraphqlRunner } from './graphql-runner.js';
import { STATS } from './operations.js';

export const RESOURCE_URIS = {
  schema: 'chipgraph://schema.graphql',
  examples: 'chipgraph://examples.graphql',
  dataset: 'chipgraph://dataset.json',
} as const;

export interface ResourceDeps {
  run: GraphqlRunner;
  /** The printed schema (SDL) of the API the tools talk to. */
  sdl: () => Promise<string>;
  /** The saved analyst questions (schema/examples). */
  examples: () => string;
}

/** What the dataset resource says: the loaded version, its licence, where its record ends, and what it counts. */
async function datasetNote(run: GraphqlRunner): Promise<Record<string, unknown>> {
  const answer = await run({ query: STATS });
  const error = answer.errors?.[0];
  if (error || !answer.data) throw new Error(error?.message ?? 'the API answered no data');
  const stats = obj(answer.data.stats);
  const d = obj(stats.dataset);
  const counts = arr(stats.entities).map(
    (k) => `${str(k.count)} ${str(k.kind).toLowerCase().replace('_', ' ')} entities`,
  );
  const facts = arr(stats.relationships).reduce((n, r) => n + Number(r.count ?? 0), 0);
  const coverage =
    `chipgraph dataset ${str(d.version) || '(unversioned)'}${d.license ? `, licensed ${str(d.license)}` : ''}: ` +
    `${counts.join(', ')}; ${facts} sourced facts from ${str(stats.sources)} sources. ` +
    `The record ends ${str(d.recordEnds) || 'at an unknown date'}: events after it are not in the graph, and ` +
    'status fields (shipping, in force, delivered) are current to that date, not to today. Every fact carries ' +
    'a confidence (CONFIRMED: an official source or paper; REPORTED: news or datasets; RUMORED: blogs, leaks, ' +
    'analyst estimates) and its sources; unknown values stay null.';
  return { dataset: answer.data.stats ? d : null, coverage, stats };
}

export function registerResources(server: McpServer, deps: ResourceDeps): void {
  server.registerResource(
    'schema',
    RESOURCE_URIS.schema,
    {
      title: 'chipgraph GraphQL schema (SDL)',
      description:
        'Every type, field and argument of the API, with descriptions: read it before graphql_query.',
      mimeType: 'application/graphql',
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/graphql', text: await deps.sdl() }],
    }),
  );
  server.registerResource(
    'examples',
    RESOURCE_URIS.examples,
    {
      title: 'Example operations',
      description:
        'The analyst questions GraphiQL opens with, as GraphQL operations (each runs on the shipped seed).',
      mimeType: 'application/graphql',
    },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/graphql', text: deps.examples() }] }),
  );
  server.registerResource(
    'dataset',
    RESOURCE_URIS.dataset,
    {
      title: 'Dataset version and coverage',
      description: 'Which dataset version is loaded, its licence, where its record ends, and what it counts.',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify(await datasetNote(deps.run), null, 2),
        },
      ],
    }),
  );
}
