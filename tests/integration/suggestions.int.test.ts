// "Did you mean" for an unknown id, from the `entity_ids` full-text index: typos, a missing first letter or hyphen
// still find the id, and the statement reads the index, never every id of a label.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRepository } from '../../src/db/repositories/search-repository.js';
import { FIXTURES, gql, testDriver, testExecutor, testServer } from '../helpers/db.js';
import { resetGraph } from '../helpers/curation.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);
const search = new SearchRepository(executor);

beforeAll(() => resetGraph(executor, [path.join(FIXTURES, 'seed-min')]));
afterAll(() => driver.close());

describe('unknown-id suggestions', () => {
  it.each([
    ['nvidia-h10', 'Chip', 'nvidia-h100'],
    ['nvidai', null, 'nvidia'],
    ['eepseek', null, 'deepseek'],
    ['nvidiah800', 'Chip', 'nvidia-h800'],
    ['huawei-ascnd-910b', null, 'huawei-ascend-910b'],
    ['DeepSeek-V3', 'Model', 'deepseek-v3'],
  ] as const)('%s (%s) suggests %s', async (id, label, expected) => {
    expect(await search.closestIds(id, label)).toContain(expected);
  });

  it('suggests ids of the kind asked for only, and nothing for an id with no word in it', async () => {
    const chips = await search.closestIds('nvidia', 'Chip');
    expect(chips.length).toBeGreaterThan(0);
    expect(chips).not.toContain('nvidia');
    expect(await search.closestIds('-- ~', null)).toEqual([]);
  });

  it('reads the full-text index only: no scan of a label', async () => {
    const statements: { cypher: string }[] = [];
    const seen = testExecutor(driver).observe({
      statement: (cypher) => {
        statements.push({ cypher });
        return () => {};
      },
    });
    await new SearchRepository(seen).closestIds('nvidia-h10', 'Chip');
    expect(statements).toHaveLength(1);
    const profile = await executor.read(`PROFILE ${statements[0]!.cypher}`, {
      query: '(nvidia^4 OR nvidia*^2 OR nvidia~2 OR nvi*) OR (h10^4 OR h10*^2 OR h10~2)',
      label: 'Chip',
      candidates: 200,
    });
    const operators: string[] = [];
    const walk = (p: { operatorType: string; children: unknown[] }) => {
      operators.push(p.operatorType.split('@')[0]!);
      p.children.forEach((c) => walk(c as typeof p));
    };
    walk(profile.summary.profile as unknown as { operatorType: string; children: unknown[] });
    expect(operators).toContain('ProcedureCall');
    expect(operators.filter((o) => /Scan/.test(o))).toEqual([]);
  });

  it('through the API: NOT_FOUND names the id and carries the suggestions', async () => {
    const res = await gql(yoga, '{ chip(id: "nvidia-h10") { id } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'nvidia-h10' });
    expect(res.errors?.[0]?.extensions?.suggestions).toContain('nvidia-h100');
  });
});
