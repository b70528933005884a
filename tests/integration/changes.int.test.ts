// What changed, on a real Neo4j: the first load of the minimal fixture (initial changes, hidden by default), a seed
// edit reloaded (one field corrected, one fact added, one removed), a curation write (a public change without the
// actor), the `changes` arguments and paging, and /changes.atom read back with a real XML parser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../../src/db/seed/run.js';
import { ASSERT_FACT, createKey, gqlAs, RETRACT_FACT, UPDATE_ENTITY } from '../helpers/curation.js';
import {
  FIXTURES,
  gql,
  seedWith,
  type GqlResult,
  testDriver,
  testExecutor,
  testServer,
} from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);
const MIN = path.join(FIXTURES, 'seed-min');
let edited: string;

const CHANGES = `query Changes($since: String, $kinds: [ChangeKind!], $entityIds: [ID!], $includeInitial: Boolean,
                   $first: Int, $after: String) {
  changes(since: $since, kinds: $kinds, entityIds: $entityIds, includeInitial: $includeInitial, first: $first,
          after: $after) {
    nodes { id at kind subjectKind subjectId subjectName factType fields before after sources { id }
            datasetVersion origin initial title }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Records = Record<string, unknown>[];
const readJson = (dir: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Records;
const writeJson = (dir: string, file: string, records: Records) =>
  fs.writeFileSync(path.join(dir, file), JSON.stringify(records, null, 2));

const ADDED_FACT = {
  type: 'DESIGNS',
  from: 'huawei',
  to: 'nvidia-h800',
  confidence: 'rumored',
  sources: ['deepseek-2024-12-26-v3-report'],
};
const ADDED_ID = 'DESIGNS|huawei|nvidia-h800';
const REMOVED_ID = 'HEADQUARTERED_IN|deepseek|cn';

async function changes(vars: Record<string, unknown> = {}) {
  const res = await gql(yoga, CHANGES, { first: 100, ...vars });
  expect(res.errors).toBeUndefined();
  return res.data!.changes.nodes as Record<string, any>[];
}

async function atom(query: string) {
  const res = await yoga.fetch(`http://test/changes.atom${query}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

beforeAll(async () => {
  // The same fixture with one field changed (H100's memory), one fact added and one removed.
  edited = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-changes-'));
  fs.cpSync(MIN, edited, { recursive: true });
  writeJson(
    edited,
    'chips/chips.json',
    readJson(edited, 'chips/chips.json').map((c) => (c.id === 'nvidia-h100' ? { ...c, memoryGb: 94 } : c)),
  );
  const facts = readJson(edited, 'relationships/facts.json').filter(
    (f) => !(f.type === 'HEADQUARTERED_IN' && f.from === 'deepseek'),
  );
  writeJson(edited, 'relationships/facts.json', [...facts, ADDED_FACT]);

  await executor.write('MATCH (n) DETACH DELETE n');
  await runSeed(executor, [MIN]);
}, 120_000);

afterAll(async () => {
  fs.rmSync(edited, { recursive: true, force: true });
  // Leave the shipped seed behind, as the other test files expect to find it.
  await executor.write('MATCH (n) DETACH DELETE n');
  await seedWith(executor);
  await driver.close();
}, 120_000);

describe('changes recorded by the seed loader', () => {
  it('records the first load into an empty graph as initial changes, left out by default', async () => {
    expect(await changes()).toEqual([]);
    const initial = await changes({ includeInitial: true });
    const fixtureRecords =
      ['chips', 'companies', 'countries', 'models'].reduce(
        (n, k) => n + readJson(MIN, `${k}/${k}.json`).length,
        0,
      ) + readJson(MIN, 'relationships/facts.json').length;
    expect(initial).toHaveLength(fixtureRecords);
    expect(initial.every((c) => c.kind === 'ADDED' && c.initial === true && c.origin === 'SEED')).toBe(true);
    const h100 = initial.find((c) => c.subjectId === 'nvidia-h100')!;
    expect(h100).toMatchObject({
      subjectKind: 'CHIP',
      subjectName: 'H100 SXM5',
      before: null,
      datasetVersion: '0.0.1',
    });
    expect(h100.after).toMatchObject({ memoryGb: 80, name: 'H100 SXM5' });
    expect(h100.sources).toEqual([{ id: 'nvidia-h100-datasheet' }]);
  });

  it('records exactly what a seed edit changed: the corrected field, the added and the removed fact', async () => {
    await runSeed(executor, [edited]);
    const found = await changes();
    expect(found.map((c) => [c.kind, c.subjectId]).sort()).toEqual(
      [
        ['ADDED', ADDED_ID],
        ['CORRECTED', 'nvidia-h100'],
        ['REMOVED', REMOVED_ID],
      ].sort(),
    );
    const byId = new Map(found.map((c) => [c.subjectId, c]));
    expect(byId.get('nvidia-h100')).toMatchObject({
      kind: 'CORRECTED',
      subjectKind: 'CHIP',
      fields: ['memoryGb'],
      before: { memoryGb: 80 },
      after: { memoryGb: 94 },
      sources: [{ id: 'nvidia-h100-datasheet' }],
      datasetVersion: '0.0.1',
      origin: 'SEED',
      initial: false,
      title: 'Corrected chip H100 SXM5: memoryGb',
    });
    expect(byId.get(ADDED_ID)).toMatchObject({
      kind: 'ADDED',
      subjectKind: 'FACT',
      factType: 'DESIGNS',
      subjectName: 'Huawei → H800',
      before: null,
      after: { confidence: 'rumored', sources: ['deepseek-2024-12-26-v3-report'] },
      sources: [{ id: 'deepseek-2024-12-26-v3-report' }],
    });
    expect(byId.get(REMOVED_ID)).toMatchObject({
      kind: 'REMOVED',
      factType: 'HEADQUARTERED_IN',
      fields: [],
      before: { confidence: 'confirmed' },
      after: null,
    });
    // A load that changes nothing records nothing.
    await runSeed(executor, [edited]);
    expect(await changes()).toHaveLength(3);
  });

  it('filters by entity (facts touching it too), kind and since; pages with cursors', async () => {
    expect((await changes({ entityIds: ['huawei'] })).map((c) => c.subjectId)).toEqual([ADDED_ID]);
    expect((await changes({ entityIds: ['nvidia-h800'] })).map((c) => c.subjectId)).toEqual([ADDED_ID]);
    expect((await changes({ kinds: ['REMOVED'] })).map((c) => c.subjectId)).toEqual([REMOVED_ID]);
    expect(await changes({ since: '2999-01-01' })).toEqual([]);
    expect(await changes({ since: '2000-01-01T00:00:00Z' })).toHaveLength(3);
    expect(await changes({ since: '0.0.1' })).toHaveLength(3);
    expect(await changes({ since: '0.0.2' })).toEqual([]);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: GqlResult<Record<string, any>> = await gql(yoga, CHANGES, { first: 1, after });
      const page = res.data!.changes as { nodes: { id: string }[]; pageInfo: Record<string, any> };
      seen.push(...page.nodes.map((c: { id: string }) => c.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual((await changes()).map((c) => c.id));
    expect(new Set(seen).size).toBe(3);
  });

  it('answers bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ since: 'last tuesday' }, 'since'],
      [{ since: '2026-13-45' }, 'since'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ entityIds: Array.from({ length: 51 }, (_, i) => `e${i}`) }, 'entityIds'],
    ];
    for (const [vars, argument] of cases) {
      const res = await gql(yoga, CHANGES, vars);
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument,
      });
    }
    // A cursor made under one filter does not continue another.
    const page = await gql(yoga, CHANGES, { first: 1 });
    const res = await gql(yoga, CHANGES, {
      first: 1,
      after: page.data!.changes.pageInfo.endCursor,
      kinds: ['ADDED'],
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('changes recorded by curation writes', () => {
  it('records a public change with before and after, and never the actor', async () => {
    const key = await createKey(executor, 'editor', 'Jane Curator key');
    const res = await gqlAs(yoga, key, UPDATE_ENTITY, {
      input: { id: 'huawei-ascend-910b', kind: 'CHIP', attributes: { memoryGb: 64 }, reason: 'datasheet' },
    });
    expect(res.data!.updateEntity.errors).toEqual([]);
    const [latest] = await changes({ entityIds: ['huawei-ascend-910b'] });
    expect(latest).toMatchObject({
      kind: 'CORRECTED',
      origin: 'CURATION',
      subjectKind: 'CHIP',
      subjectId: 'huawei-ascend-910b',
      fields: ['memoryGb'],
      before: { memoryGb: null },
      after: { memoryGb: 64 },
      datasetVersion: '0.0.1',
    });
    // Nothing about who made it, in the API or in the stored change.
    const stored = await executor.read<{ c: Record<string, unknown> }>(
      'MATCH (c:Change {id: $id}) RETURN properties(c) AS c',
      { id: latest!.id },
    );
    const text = JSON.stringify([latest, stored.records[0]!.get('c')]);
    expect(text).not.toMatch(/Jane|Curator|editor|actor/i);
    expect((await changes({ kinds: ['CORRECTED'] }))[0]!.id).toBe(latest!.id);
  });
  it('records a fact asserted and then retracted through the API, with its sources and the reason', async () => {
    const key = await createKey(executor, 'editor');
    const input = {
      type: 'TRAINED_ON',
      from: 'deepseek-v3',
      to: 'nvidia-h100',
      confidence: 'REPORTED',
      sources: ['deepseek-2024-12-26-v3-report'],
      properties: { chipCount: 256 },
      reason: 'from the report appendix',
    };
    const id = 'TRAINED_ON|deepseek-v3|nvidia-h100';
    expect((await gqlAs(yoga, key, ASSERT_FACT, { input })).data!.assertFact.errors).toEqual([]);
    const retract = { input: { id, reason: 'was an ablation, not training' } };
    expect((await gqlAs(yoga, key, RETRACT_FACT, retract)).data!.retractFact.errors).toEqual([]);
    const found = await changes({ entityIds: ['deepseek-v3'], kinds: ['ADDED', 'RETRACTED'] });
    expect(found.map((c) => [c.kind, c.subjectId, c.origin])).toEqual([
      ['RETRACTED', id, 'CURATION'],
      ['ADDED', id, 'CURATION'],
    ]);
    expect(found[0]).toMatchObject({
      factType: 'TRAINED_ON',
      subjectName: 'DeepSeek-V3 → H100 SXM5',
      after: { retracted: true, reason: 'was an ablation, not training' },
    });
    expect(found[1]).toMatchObject({
      after: { confidence: 'reported', chipCount: 256 },
      sources: [{ id: 'deepseek-2024-12-26-v3-report' }],
    });
  });
});

describe('/changes.atom', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (n) => n === 'entry',
  });

  it('serves valid Atom listing an entity’s changes, each linking to its entity page', async () => {
    const feed = await atom('?entityId=nvidia-h100');
    expect(feed.status).toBe(200);
    expect(feed.type).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(feed.text)).toBe(true);
    const doc = parser.parse(feed.text);
    const f = doc.feed;
    expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    // RFC 4287's required feed elements: id, title, updated (and an author, since entries have none).
    expect(f.id).toMatch(/^tag:/);
    expect(f.title['#text']).toContain('nvidia-h100');
    expect(Number.isNaN(Date.parse(f.updated))).toBe(false);
    expect(f.author.name).toBe('chipgraph');
    const want = await changes({ entityIds: ['nvidia-h100'] });
    expect(f.entry.map((e: any) => e.id)).toEqual(want.map((c) => `tag:chipgraph,2026:change/${c.id}`));
    const corrected = f.entry.find((e: any) => e.category['@term'] === 'corrected');
    expect(corrected.title['#text']).toBe('Corrected chip H100 SXM5: memoryGb');
    expect(corrected.link['@href']).toBe('http://test/#/entity/nvidia-h100');
    expect(corrected.summary['#text']).toContain('memoryGb: 80 → 94');
    expect(Date.parse(corrected.updated)).toBe(Date.parse(want.find((c) => c.kind === 'CORRECTED')!.at));
  });

  it('filters by kind, links facts to the watched entity and refuses bad parameters with 400', async () => {
    const doc = parser.parse((await atom('?entityId=nvidia-h800&kind=added')).text);
    expect(doc.feed.entry).toHaveLength(1);
    expect(doc.feed.entry[0].link['@href']).toBe('http://test/#/entity/nvidia-h800');
    const empty = parser.parse((await atom('?since=2999-01-01')).text);
    expect(empty.feed.entry ?? []).toEqual([]);
    for (const [query, parameter] of [
      ['?kind=bogus', 'kind'],
      ['?since=yesterday', 'since'],
      ['?colour=red', 'colour'],
    ]) {
      const res = await atom(query!);
      expect(res.status, query).toBe(400);
      expect(JSON.parse(res.text).error).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
    }
  });
});
