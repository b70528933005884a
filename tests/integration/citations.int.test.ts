// Citations on the shipped seed: Source.citation and Fact.citation read back by citation-js, the sources list
// (all, or an entity's) paged by cursors, and /export/sources.bib, .ris and .json with their filters and errors.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/executor.js';
import { toCsl } from '../../src/domain/citations.js';
import { gql, seedWith, type GqlResult, testDriver, testExecutor, testServer } from '../helpers/db.js';

let driver: Driver;
let executor: Executor;
let yoga: ReturnType<typeof testServer>;
let version: string;

const ENTITY = 'deepseek-v3';

interface Src {
  id: string;
  publisher: string;
  title: string;
  url: string | null;
  published: string | null;
  kind: string;
}

beforeAll(async () => {
  driver = testDriver();
  executor = testExecutor(driver);
  await seedWith(executor);
  yoga = testServer(executor);
  version = (await gql(yoga, '{ stats { dataset { version } } }')).data!.stats.dataset.version;
});

afterAll(async () => {
  await driver.close();
});

async function allSources(where: Record<string, unknown> | null): Promise<Src[]> {
  const out: Src[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GqlResult<any> = await gql(
      yoga,
      `query($where: SourceWhere, $after: String) { sources(where: $where, first: 100, after: $after) {
        nodes { id publisher title url published kind } pageInfo { hasNextPage endCursor } } }`,
      { where, after },
    );
    expect(res.errors).toBeUndefined();
    out.push(...res.data!.sources.nodes);
    if (!res.data!.sources.pageInfo.hasNextPage) return out;
    after = res.data!.sources.pageInfo.endCursor;
  }
}

const get = (path: string) => yoga.fetch(`http://test${path}`);

describe('Source.citation and Fact.citation', () => {
  it('cites a source in every format, read back to its title and URL', async () => {
    const res = await gql(
      yoga,
      `{ entity(id: "${ENTITY}") { sources { id publisher title url published kind
        bib: citation(format: BIBTEX) ris: citation(format: RIS) csl: citation(format: CSL_JSON)
        apa: citation(format: APA) } } }`,
    );
    expect(res.errors).toBeUndefined();
    const sources = res.data!.entity.sources as (Src & {
      bib: string;
      ris: string;
      csl: string;
      apa: string;
    })[];
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      const [bib] = (await Cite.async(s.bib)).data;
      expect(bib!['citation-key']).toBe(s.id);
      expect(bib!.title).toBe(s.title);
      expect(bib!.URL ?? null).toBe(s.url);
      const [ris] = (await Cite.async(s.ris, { forceType: '@ris/file' })).data;
      expect(ris!.id).toBe(s.id);
      expect(ris!.title).toBe(s.title);
      expect(JSON.parse(s.csl)).toEqual([toCsl(s)]);
      expect(s.apa).toContain(s.title.slice(0, 20));
    }
  });

  it("cites every source of a fact, one entry each, in the fact's order", async () => {
    const nb = await gql(yoga, `{ neighborhood(id: "${ENTITY}", depth: 1) { edges { id sources { id } } } }`);
    const edge = (nb.data!.neighborhood.edges as { id: string; sources: { id: string }[] }[]).find(
      (e) => e.sources.length > 1,
    )!;
    expect(edge).toBeDefined();
    const res = await gql(
      yoga,
      `query($id: ID!) { fact(id: $id) { sources { id } ris: citation(format: RIS) bib: citation(format: BIBTEX)
        csl: citation(format: CSL_JSON) } }`,
      { id: edge.id },
    );
    expect(res.errors).toBeUndefined();
    const fact = res.data!.fact;
    const ids = fact.sources.map((s: { id: string }) => s.id);
    expect(ids.length).toBe(edge.sources.length);
    expect((await Cite.async(fact.ris, { forceType: '@ris/file' })).data.map((d) => d.id)).toEqual(ids);
    expect((await Cite.async(fact.bib)).data.map((d) => d['citation-key'])).toEqual(ids);
    expect(JSON.parse(fact.csl).map((d: { id: string }) => d.id)).toEqual(ids);
  });

  it('cites the dataset with its version, as CITATION.cff does', async () => {
    const res = await gql(
      yoga,
      '{ stats { dataset { title apa: citation(format: APA) bib: citation(format: BIBTEX) } } }',
    );
    const d = res.data!.stats.dataset;
    expect(d.apa).toContain(`${d.title} (Version ${version}) [Dataset]`);
    const [bib] = (await Cite.async(d.bib)).data;
    expect(bib).toMatchObject({ 'citation-key': `chipgraph-${version}`, title: d.title });
  });

  it('refuses an unknown format naming the argument', async () => {
    const res = await gql(yoga, `{ entity(id: "${ENTITY}") { sources { citation(format: MLA) } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/MLA/);
  });
});

describe('Query.sources', () => {
  it("lists an entity's own, claims' and facts' sources, and every source without a filter", async () => {
    const res = await gql(
      yoga,
      `{ entity(id: "${ENTITY}") { sources { id } ... on Model { claims { sources { id } } } }
         neighborhood(id: "${ENTITY}", depth: 1) { truncated edges { from to sources { id } } } }`,
    );
    expect(res.data!.neighborhood.truncated).toBe(false);
    const expected = new Set<string>([
      ...res.data!.entity.sources.map((s: { id: string }) => s.id),
      ...res.data!.entity.claims.flatMap((c: { sources: { id: string }[] }) => c.sources.map((s) => s.id)),
      ...res
        .data!.neighborhood.edges.filter(
          (e: { from: string; to: string }) => e.from === ENTITY || e.to === ENTITY,
        )
        .flatMap((e: { sources: { id: string }[] }) => e.sources.map((s) => s.id)),
    ]);
    const listed = await allSources({ entityId: ENTITY });
    expect(new Set(listed.map((s) => s.id))).toEqual(expected);
    expect(listed.map((s) => s.id)).toEqual([...expected].sort());

    const all = await allSources(null);
    const count = (await gql(yoga, '{ stats { sources } }')).data!.stats.sources;
    expect(all.length).toBe(count);
    expect(new Set(all.map((s) => s.id)).size).toBe(count);
    const official = await allSources({ kinds: ['OFFICIAL'] });
    expect(official.length).toBeGreaterThan(0);
    expect(official.length).toBe(all.filter((s) => s.kind === 'official').length);
  });

  it('refuses an unknown entity and a cursor made for another filter, naming the argument', async () => {
    const unknown = await gql(yoga, '{ sources(where: { entityId: "no-such-thing" }) { nodes { id } } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'where.entityId' });
    const page = await gql(yoga, '{ sources(first: 2) { pageInfo { endCursor } } }');
    const cursor = page.data!.sources.pageInfo.endCursor;
    const wrong = await gql(
      yoga,
      `query($after: String) { sources(where: { entityId: "${ENTITY}" }, after: $after) { nodes { id } } }`,
      { after: cursor },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('/export/sources.*', () => {
  it("answers an entity's sources as BibTeX and RIS files named with the dataset version", async () => {
    const ids = (await allSources({ entityId: ENTITY })).map((s) => s.id);
    const bib = await get(`/export/sources.bib?entityId=${ENTITY}`);
    expect(bib.status).toBe(200);
    expect(bib.headers.get('content-type')).toMatch(/^application\/x-bibtex/);
    expect(bib.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-sources-${version}.bib"`,
    );
    expect((await Cite.async(await bib.text())).data.map((d) => d['citation-key'])).toEqual(ids);

    const ris = await get(`/export/sources.ris?entityId=${ENTITY}`);
    expect(ris.status).toBe(200);
    expect(ris.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-sources-${version}.ris"`,
    );
    expect((await Cite.async(await ris.text(), { forceType: '@ris/file' })).data.map((d) => d.id)).toEqual(
      ids,
    );
  });

  it('answers every source as CSL-JSON, and the kinds filter', async () => {
    const all = await allSources(null);
    const res = await get('/export/sources.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/vnd\.citationstyles\.csl\+json/);
    expect(res.headers.get('x-chipgraph-dataset-version')).toBe(version);
    expect(await res.json()).toEqual(all.map(toCsl));
    const papers = (await (await get('/export/sources.json?kinds=paper')).json()) as { type: string }[];
    expect(papers.length).toBe(all.filter((s) => s.kind === 'paper').length);
    expect(new Set(papers.map((p) => p.type))).toEqual(new Set(['report']));
  });

  it('answers 400 naming a bad parameter and 404 for an unknown entity or format', async () => {
    const bad = await get('/export/sources.bib?vendorIds=huawei');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'vendorIds' });
    const kind = await get('/export/sources.ris?kinds=tweet');
    expect(kind.status).toBe(400);
    expect((await kind.json()).error.parameter).toBe('kinds');
    const unknown = await get('/export/sources.bib?entityId=no-such-thing');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'NOT_FOUND', parameter: 'entityId' });
    expect((await get('/export/sources.csv')).status).toBe(404);
  });
});
