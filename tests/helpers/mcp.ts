// MCP test helpers: a chipgraph HTTP server on a free port, the README's MCP snippets, and the checks every transport
// must pass: each tool's answer compared with the GraphQL API's answer to the same question.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';
import type { ChipgraphServer } from '../../src/server.js';
import { gql } from './db.js';
import { DOC_FILES, docsText } from './docs-text.js';

export const TOOL_NAMES = [
  'connections',
  'exposure',
  'get_entity',
  'graphql_query',
  'hardware_dependencies',
  'search',
  'stats',
  'timeline',
];
export const RESOURCE_URIS = [
  'chipgraph://dataset.json',
  'chipgraph://examples.graphql',
  'chipgraph://schema.graphql',
];
export const PROMPT_NAMES = [
  'cut_off_vendor',
  'how_connected',
  'models_on_hardware_from',
  'stand_in_for_chip',
  'who_ordered',
];

export interface Listening {
  base: string;
  close(): Promise<void>;
}

export async function listen(yoga: Pick<ChipgraphServer, 'handle'>): Promise<Listening> {
  const http = createHttpServer((req, res) => void yoga.handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** The block marked `<!-- mcp-snippet:NAME -->`, in the README or a docs/ page (exactly one of them). */
export function mcpSnippet(name: string): { lang: string; code: string } {
  const found = [
    ...docsText().matchAll(
      new RegExp(`<!-- mcp-snippet:${name} -->\\n\`\`\`([a-z]+)\\n([\\s\\S]*?)\\n\`\`\``, 'g'),
    ),
  ];
  if (found.length !== 1)
    throw new Error(`${DOC_FILES} hold ${found.length} <!-- mcp-snippet:${name} --> blocks, not 1`);
  const [, lang, code] = found[0]!;
  return { lang: lang!, code: code! };
}

export interface ToolAnswer {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, any>;
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ToolAnswer> {
  return (await client.callTool({ name, arguments: args })) as ToolAnswer;
}

export const textOf = (a: ToolAnswer): string => a.content.map((c) => c.text ?? '').join('\n');

/** A successful answer: structured data, numbered sources with the four citation fields, text citing them. */
export function expectSourced(a: ToolAnswer, minSources = 1): Record<string, any> {
  expect(a.isError, textOf(a)).toBeFalsy();
  const s = a.structuredContent!;
  expect(s.sources.length).toBeGreaterThanOrEqual(minSources);
  for (const src of s.sources) {
    expect(Object.keys(src)).toEqual(
      expect.arrayContaining(['publisher', 'title', 'published', 'url', 'ref']),
    );
  }
  if (minSources > 0) {
    const first = s.sources[0];
    expect(a.content[0]!.text).toContain('[1]');
    expect(a.content[0]!.text).toContain(first.publisher);
  }
  return s.answer;
}

/** Every tool, checked against the API's own answer to the same question. */
export async function expectToolsMatchApi(client: Client, yoga: ChipgraphServer): Promise<void> {
  // search
  const search = expectSourced(await call(client, 'search', { text: '昇腾', first: 3 }), 0);
  const apiSearch = await gql(yoga, '{ search(text: "昇腾", first: 3) { entity { id } } }');
  expect(search.search.map((h: any) => h.entity.id)).toEqual(
    apiSearch.data!.search.map((h: any) => h.entity.id),
  );
  expect(search.search.length).toBe(3);

  // get_entity: the entity and every fact around it
  const entity = expectSourced(await call(client, 'get_entity', { id: 'huawei-ascend-910c' }));
  const apiEntity = await gql(
    yoga,
    '{ chip(id: "huawei-ascend-910c") { name vendor { id } } neighborhood(id: "huawei-ascend-910c") { edges { id confidence } } }',
  );
  expect(entity.entity.name).toBe(apiEntity.data!.chip.name);
  expect(entity.entity.vendor.id).toBe(apiEntity.data!.chip.vendor.id);
  const facts = (e: any[]) => e.map((x) => `${x.id}/${x.confidence}`).sort();
  expect(facts(entity.neighborhood.edges)).toEqual(facts(apiEntity.data!.neighborhood.edges));

  // hardware_dependencies: README question 1
  const deps = expectSourced(
    await call(client, 'hardware_dependencies', {
      developerIds: ['deepseek'],
      vendorCountries: ['CN'],
      minConfidence: 'CONFIRMED',
    }),
  );
  const apiDeps = await gql(
    yoga,
    `{ hardwareDependencies(where: { developerIds: ["deepseek"], vendorCountries: ["CN"], minConfidence: CONFIRMED }) {
        totalCount nodes { id confidence sources { url } } } }`,
  );
  const rows = (c: any) =>
    c.nodes.map((n: any) => `${n.id}/${n.confidence}/${n.sources.map((s: any) => s.url)}`);
  expect(rows(deps.hardwareDependencies)).toEqual(rows(apiDeps.data!.hardwareDependencies));
  expect(deps.hardwareDependencies.totalCount).toBe(apiDeps.data!.hardwareDependencies.totalCount);
  expect(deps.hardwareDependencies.nodes.length).toBeGreaterThan(0);

  // exposure: README question 2
  const exposed = await call(client, 'exposure', { vendorId: 'nvidia', minConfidence: 'REPORTED' });
  const exposure = expectSourced(exposed).exposure;
  const apiExposure = (
    await gql(
      yoga,
      '{ exposure(target: { vendorId: "nvidia" }, minConfidence: REPORTED) { chips { id } models { model { id } via { id } alternatives { id } } } }',
    )
  ).data!.exposure;
  expect(exposure.chips.map((c: any) => c.id)).toEqual(apiExposure.chips.map((c: any) => c.id));
  const models = (m: any[]) =>
    m.map((x) => `${x.model.id}:${x.via.map((v: any) => v.id)}|${x.alternatives.map((v: any) => v.id)}`);
  expect(models(exposure.models)).toEqual(models(apiExposure.models));
  expect(textOf(exposed)).toMatch(
    /If Nvidia .* is cut off: \d+ chips are exposed and \d+ models depend on them/,
  );

  // connections: README question 4
  const paths = expectSourced(
    await call(client, 'connections', { from: 'deepseek', to: 'nvidia', maxHops: 3 }),
  );
  const apiPaths = await gql(
    yoga,
    '{ connections(from: "deepseek", to: "nvidia", maxHops: 3) { nodes { id } edges { id } } }',
  );
  const route = (p: any[]) =>
    p.map((x) => `${x.nodes.map((n: any) => n.id)}/${x.edges.map((e: any) => e.id)}`);
  expect(route(paths.connections)).toEqual(route(apiPaths.data!.connections));

  // timeline
  const events = expectSourced(
    await call(client, 'timeline', { entityId: 'deepseek-v4', from: '2026-01-01' }),
  );
  const apiEvents = await gql(
    yoga,
    '{ timeline(entityId: "deepseek-v4", from: "2026-01-01") { date title } }',
  );
  expect(events.timeline.map((e: any) => `${e.date} ${e.title}`)).toEqual(
    apiEvents.data!.timeline.map((e: any) => `${e.date} ${e.title}`),
  );

  // stats: counts, no sources of their own
  const stats = await call(client, 'stats');
  expect(stats.isError).toBeFalsy();
  const apiStats = await gql(yoga, '{ stats { entities { kind count } sources dataset { version } } }');
  expect(stats.structuredContent!.answer.stats.entities).toEqual(apiStats.data!.stats.entities);
  expect(stats.structuredContent!.answer.stats.dataset.version).toBe(apiStats.data!.stats.dataset.version);
  expect(textOf(stats)).toContain(`Dataset ${apiStats.data!.stats.dataset.version}`);

  // graphql_query: README question 5, and its cost reported as the API reports it
  const q5 = `{ chip(id: "nvidia-h100") { name alternatives(first: 3, excludeVendorCountries: ["US"]) {
      chip { id sources { publisher title published url } } computeRatio } } }`;
  const any = await call(client, 'graphql_query', { query: q5 });
  expect(any.isError, textOf(any)).toBeFalsy();
  const apiAny = await gql(yoga, q5);
  expect(any.structuredContent!.answer).toEqual(apiAny.data);
  expect(any.structuredContent!.cost).toMatchObject({
    requested: (apiAny.extensions as any).cost.requested,
    limit: 20000,
  });
}

/** The refusals every transport must give: writes, over-limit queries, unknown ids, bad arguments. */
export async function expectRefusals(client: Client, yoga: ChipgraphServer): Promise<void> {
  const mutation = await call(client, 'graphql_query', {
    query:
      'mutation { createEntity(input: { kind: CHIP, id: "mcp-chip", name: "MCP chip" }) { entity { id } } }',
  });
  expect(mutation.isError).toBe(true);
  expect(textOf(mutation)).toMatch(/queries only.*mutation/);
  expect((await gql(yoga, '{ entity(id: "mcp-chip") { id } }')).errors?.[0]?.extensions?.code).toBe(
    'NOT_FOUND',
  );
  const subscription = await call(client, 'graphql_query', { query: 'subscription { changes { id } }' });
  expect(textOf(subscription)).toMatch(/queries only.*subscription/);

  const overCost = await call(client, 'graphql_query', {
    query: '{ companies(first: 100) { nodes { chips { models { model { name } } } } } }',
  });
  expect(overCost.isError).toBe(true);
  expect(overCost.structuredContent!.error).toMatchObject({
    code: 'QUERY_TOO_COMPLEX',
    limit: 'cost',
    max: 20000,
  });
  expect(textOf(overCost)).toMatch(/estimated cost 21101 is over the limit of 20000/);

  const introspection = await call(client, 'graphql_query', {
    query:
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }',
  });
  expect(introspection.structuredContent!.error).toMatchObject({
    code: 'QUERY_TOO_COMPLEX',
    limit: 'depth',
    max: 10,
  });
  expect(textOf(introspection)).toContain('chipgraph://schema.graphql');
  const smallIntrospection = await call(client, 'graphql_query', {
    query: '{ __type(name: "Chip") { fields { name } } }',
  });
  expect(smallIntrospection.isError, textOf(smallIntrospection)).toBeFalsy();

  const unknown = await call(client, 'get_entity', { id: 'nvidia-h10' });
  expect(unknown.isError).toBe(true);
  expect(unknown.structuredContent!.error).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
  expect(unknown.structuredContent!.error.suggestions).toContain('nvidia-h100');
  expect(textOf(unknown)).toMatch(
    /Argument "id": no entity with id "nvidia-h10"\. Did you mean: .*nvidia-h100/,
  );

  const vendor = await call(client, 'exposure', { vendorId: 'nvidiaa' });
  expect(vendor.structuredContent!.error).toMatchObject({ code: 'NOT_FOUND', argument: 'vendorId' });
  expect(vendor.structuredContent!.error.suggestions).toContain('nvidia');
  expect(textOf(vendor)).toMatch(/^NOT_FOUND: Argument "vendorId"/);

  const two = await call(client, 'exposure', { vendorId: 'nvidia', countryCode: 'TW' });
  expect(two.structuredContent!.error.code).toBe('BAD_USER_INPUT');
  expect(textOf(two)).toMatch(/exactly one of vendorId, countryCode/);

  const page = await call(client, 'hardware_dependencies', { first: 1000 });
  expect(page.isError).toBe(true);
  expect(textOf(page)).toMatch(/first/);
  const date = await call(client, 'timeline', { from: 'last week' });
  expect(date.isError).toBe(true);
  expect(textOf(date)).toMatch(/ISO 8601/);
}
