// `stats` from the count store, cached per graph version: the same answer a scan of the graph gives, one round trip
// when nothing changed, and two instances stay correct: a write through one is in the other's next answer.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUMP_GRAPH_VERSION } from '../../src/db/graph-version.js';
import { storeUnsourcedCount } from '../../src/db/repositories/graph-stats.js';
import { ENTITY_SPECS, KIND_OF_LABEL, RELATIONSHIP_TYPES } from '../../src/db/ontology.js';
import { ASSERT_FACT, RETRACT_FACT, createKey, gqlAs, resetGraph } from '../helpers/curation.js';
import { FIXTURES, gql, testDriver, testExecutor, testServer } from '../helpers/db.js';

const driverA = testDriver();
const driverB = testDriver();
const executorA = testExecutor(driverA);
const executorB = testExecutor(driverB);
const a = testServer(executorA);
const b = testServer(executorB);
const SEED_MIN = path.join(FIXTURES, 'seed-min');
let key: string;

beforeAll(async () => {
  await resetGraph(executorA, [SEED_MIN]);
  key = await createKey(executorA, 'admin', 'stats-cache');
});
afterAll(async () => {
  await driverA.close();
  await driverB.close();
});

const STATS = `{ stats {
  entities { kind count } relationships { type count } sources unsourcedRelationships
  dataset { version recordEnds }
} }`;

/** What stats answered before the count store: a scan of every live relationship and a count of every label. */
async function scanned() {
  const rels = await executorA.read<{ type: string; count: number; unsourced: number }>(
    `MATCH ()-[r]->() WHERE type(r) IN $types AND r.retracted IS NULL
     RETURN type(r) AS type, count(r) AS count,
            sum(CASE WHEN size(coalesce(r.sources, [])) = 0 THEN 1 ELSE 0 END) AS unsourced
     ORDER BY type`,
    { types: RELATIONSHIP_TYPES },
  );
  const entities = [];
  for (const s of ENTITY_SPECS) {
    const res = await executorA.read<{ n: number }>(`MATCH (n:${s.label}) RETURN count(n) AS n`);
    entities.push({ kind: KIND_OF_LABEL[s.label], count: res.records[0]!.get('n') });
  }
  const sources = await executorA.read<{ n: number }>('MATCH (s:Source) RETURN count(s) AS n');
  const dataset = await executorA.read<{ d: Record<string, unknown> | null }>(
    "OPTIONAL MATCH (d:Dataset {id: 'dataset'}) RETURN d {.version, .recordEnds} AS d",
  );
  return {
    entities,
    relationships: rels.records.map((r) => ({ type: r.get('type'), count: r.get('count') })),
    sources: sources.records[0]!.get('n'),
    unsourcedRelationships: rels.records.reduce((n, r) => n + r.get('unsourced'), 0),
    dataset: dataset.records[0]!.get('d'),
  };
}

async function statsOf(server: typeof a) {
  const res = await gql(server, STATS);
  expect(res.errors).toBeUndefined();
  return res.data!.stats;
}

const countOf = (stats: { relationships: { type: string; count: number }[] }, type: string) =>
  stats.relationships.find((r) => r.type === type)?.count ?? 0;

describe('stats', () => {
  it('equals a scan of the graph; unchanged, it costs one round trip (the version read)', async () => {
    // The loader counted the unsourced facts: not even the first answer at this version scans for them.
    let before = executorB.queryCount;
    expect(await statsOf(b)).toEqual(await scanned());
    expect(executorB.queryCount - before).toBe(1);
    before = executorB.queryCount;
    expect(await statsOf(b)).toEqual(await scanned());
    expect(executorB.queryCount - before).toBe(1);
  });

  it("a curation write through one instance is in the other instance's next stats", async () => {
    const cached = await statsOf(b);
    const designs = countOf(cached, 'DESIGNS');
    const retracted = await gqlAs(a, key, RETRACT_FACT, {
      input: { id: 'DESIGNS|huawei|huawei-ascend-910b', reason: 'stats-cache test' },
    });
    expect(retracted.errors).toBeUndefined();
    expect(retracted.data!.retractFact.errors).toEqual([]);
    const after = await statsOf(b);
    expect(countOf(after, 'DESIGNS')).toBe(designs - 1);
    expect(after).toEqual(await scanned());

    const ordered = countOf(after, 'ORDERED');
    const asserted = await gqlAs(a, key, ASSERT_FACT, {
      input: {
        type: 'ORDERED',
        from: 'deepseek',
        to: 'nvidia-h800',
        key: 'stats-cache',
        confidence: 'RUMORED',
        sources: ['deepseek-2024-12-26-v3-report'],
      },
    });
    expect(asserted.data!.assertFact.errors).toEqual([]);
    const next = await statsOf(b);
    expect(countOf(next, 'ORDERED')).toBe(ordered + 1);
    expect(next).toEqual(await scanned());
  });

  it('counts unsourced facts, and a reload through the loader is seen by every instance', async () => {
    // A fact without sources can only come from outside the API; a writer replaces the version with it.
    await executorA.writeTransaction(async (tx) => {
      await tx.run(
        `MATCH (x:Company {id: 'nvidia'}), (y:Company {id: 'huawei'})
         CREATE (x)-[:PARTNERS_WITH {id: 'PARTNERS_WITH|nvidia|huawei'}]->(y)`,
      );
      await tx.run(BUMP_GRAPH_VERSION);
    });
    const withUnsourced = await statsOf(a);
    expect(withUnsourced.unsourcedRelationships).toBe(1);
    expect(withUnsourced).toEqual(await scanned());
    expect(await statsOf(b)).toEqual(withUnsourced);

    // The loader stores the count once its load has committed; from then on no reader scans for it, and a curation
    // write that changes it (retracting the unsourced fact) carries it over to the new version, exact.
    expect(await storeUnsourcedCount(executorA)).toBe(1);
    let queries = executorB.queryCount;
    expect((await statsOf(b)).unsourcedRelationships).toBe(1);
    expect(executorB.queryCount - queries).toBe(1);
    const retracted = await gqlAs(a, key, RETRACT_FACT, {
      input: { id: 'PARTNERS_WITH|nvidia|huawei', reason: 'stats-cache test: unsourced' },
    });
    expect(retracted.data!.retractFact.errors).toEqual([]);
    queries = executorB.queryCount;
    const afterRetract = await statsOf(b);
    expect(executorB.queryCount - queries).toBe(1);
    expect(afterRetract.unsourcedRelationships).toBe(0);
    expect(afterRetract).toEqual(await scanned());

    await resetGraph(executorA, [SEED_MIN]);
    const reloaded = await scanned();
    expect(reloaded.unsourcedRelationships).toBe(0);
    expect(await statsOf(a)).toEqual(reloaded);
    expect(await statsOf(b)).toEqual(reloaded);
  });
});
