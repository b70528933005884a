// Round trips: each root question, nested fields included (three levels, aliases, fragments, interfaces), is one
// compiled Cypher statement; a page costs the same whatever its size (no N+1). Counted by the executor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);

beforeAll(async () => {
  await seedWith(executor);
}, 240_000);
afterAll(() => driver.close());

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(yoga, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

describe('round trips (no N+1)', () => {
  async function roundTrips(query: string): Promise<number> {
    const before = executor.queryCount;
    await ok(query);
    return executor.queryCount - before;
  }

  it('a page of chips with nested vendor, country, foundries and sources costs a fixed number of queries', async () => {
    const nested = (n: number) =>
      `{ chips(first: ${n}) { nodes { id vendor { id country { code } } foundries { company { id } sources { id } } sources { id } } } }`;
    // Both pages are large enough to reach every nested field; a per-row query would show as a difference.
    const small = await roundTrips(nested(35));
    const large = await roundTrips(nested(70));
    expect(large).toBe(small);
    // Compiled: the page, its nested fields and their sources are one statement.
    expect(large).toBe(1);
  });

  it('a lookup with nested fields three levels deep, through aliases and fragments, is one statement', async () => {
    expect(
      await roundTrips(`{ chip(id: "huawei-ascend-910c") { ...C vendor { id country { code } subsidiaries { id } }
        a: models(role: TRAINING) { model { id developer { id country { code } } } sources { url publisherEntity { id } } }
        b: models(minConfidence: CONFIRMED) { id } exportControls(asOf: "2025-06-01") { control { id issuer { id } } }
        orders { buyer { id } vendor { id } seller { id } } } }
        fragment C on Chip { foundries { company { id parent { id } } processNode sources { id } } }`),
    ).toBe(1);
    expect(
      await roundTrips(`{ entity(id: "huawei") { id ... on Company { chips { id } partners { partner { id } }
        targetedBy { control { id } target { id ... on Company { country { code } } } } } } }`),
    ).toBe(1);
    expect(
      await roundTrips(
        '{ models(where: { developerCountries: ["CN"] }, first: 30) { totalCount nodes { id developer { id } hardware { chip { id vendor { id } } } } } }',
      ),
    ).toBe(1);
    expect(
      await roundTrips(
        '{ orders(first: 30) { totalCount nodes { id buyer { id country { code } } chip { id } vendor { id } sources { url } } } }',
      ),
    ).toBe(1);
  });

  it('each root question is one round trip, sources included', async () => {
    expect(
      await roundTrips(
        '{ hardwareDependencies(first: 50) { totalCount nodes { model { name } chip { name } sources { url } } } }',
      ),
    ).toBe(1);
    expect(
      await roundTrips(
        '{ exposure(target: { vendorId: "nvidia" }) { chips { id } models { model { id } via { chip { id } sources { url } } alternatives { chip { id } } } } }',
      ),
    ).toBe(1);
    expect(
      await roundTrips(
        '{ connections(from: "deepseek-v3", to: "nvidia") { nodes { id } edges { sources { url } } } }',
      ),
    ).toBe(1);
    expect(
      await roundTrips('{ neighborhood(id: "huawei") { nodes { id } edges { sources { url } } } }'),
    ).toBe(1);
    // A path's and a subgraph's nodes are projected as the query selects them, nested fields compiled in.
    const before = executor.queryCount;
    const viaPaths = await ok<{ connections: { nodes: { id: string; vendor?: { id: string } }[] }[] }>(
      '{ connections(from: "deepseek-v3", to: "nvidia") { nodes { id ... on Chip { vendor { id } } } } }',
    );
    const around = await ok<{ neighborhood: { nodes: { id: string; vendor?: { id: string } }[] } }>(
      '{ neighborhood(id: "nvidia-h800") { nodes { id ... on Chip { vendor { id } } } edges { id } } }',
    );
    expect(executor.queryCount - before).toBe(2);
    // DeepSeek-V3 was trained on the H800 (Nvidia's): one of the shortest paths runs through it.
    const onPaths = viaPaths.connections.flatMap((p) => p.nodes);
    expect(onPaths.find((n) => n.id === 'nvidia-h800')?.vendor?.id).toBe('nvidia');
    expect(around.neighborhood.nodes.find((n) => n.id === 'nvidia-h800')?.vendor?.id).toBe('nvidia');
    expect(await roundTrips('{ stats { sources } }')).toBe(1);
    // No path (or an unknown id) is still one query; only the suggestions for an unknown id cost another.
    expect(await roundTrips('{ connections(from: "deepseek-v3", to: "us", maxHops: 1) { length } }')).toBe(1);
    expect(await roundTrips('{ search(text: "ascend") { entity { id name } } }')).toBe(1);
  });
});
