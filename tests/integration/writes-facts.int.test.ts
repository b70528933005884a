// Curation writes of facts and sources on the real graph: assert/retract with history, addSource, and the audit
// record every write leaves (entity writes are in writes.int.test.ts).
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, testDriver, testExecutor, testServer } from '../helpers/db.js';
import {
  ADD_SOURCE,
  ASSERT_FACT,
  CREATE_ENTITY,
  HISTORY,
  RETRACT_FACT,
  createKey,
  resetGraph,
  gqlAs,
} from '../helpers/curation.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);
let editor: string;

beforeEach(async () => {
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
  editor = await createKey(executor, 'editor', 'alice');
});
afterAll(() => driver.close());

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const res = await executor.read<{ n: number }>(cypher, params);
  return res.records[0]!.get('n');
}

const newChip = {
  kind: 'CHIP',
  id: 'zephyr-z1',
  name: 'Zephyr Z1',
  aliases: ['Z1', '和风'],
  sources: ['nvidia-h100-datasheet'],
  attributes: { memoryGb: 64, status: 'announced', family: 'Zephyr' },
  reason: 'new accelerator announced',
};

const trainedOn = {
  type: 'TRAINED_ON',
  from: 'deepseek-v3',
  to: 'nvidia-h100',
  confidence: 'REPORTED',
  sources: ['deepseek-2024-12-26-v3-report'],
  validFrom: '2024-06',
  note: 'ablation runs',
  properties: { chipCount: 256 },
  reason: 'from the report appendix',
};

describe('assertFact and retractFact', () => {
  it('asserts a fact of the ontology that queries then answer', async () => {
    const res = await gqlAs(yoga, editor, ASSERT_FACT, { input: trainedOn });
    const p = res.data!.assertFact;
    expect(p.errors).toEqual([]);
    expect(p.fact).toEqual({
      id: 'TRAINED_ON|deepseek-v3|nvidia-h100',
      type: 'TRAINED_ON',
      from: { id: 'deepseek-v3' },
      to: { id: 'nvidia-h100' },
      key: null,
      confidence: 'REPORTED',
      sources: [{ id: 'deepseek-2024-12-26-v3-report' }],
      validFrom: '2024-06',
      note: 'ablation runs',
      properties: { chipCount: 256 },
      origin: 'api',
      retracted: false,
    });
    expect(p.audit).toMatchObject({
      action: 'ASSERT_FACT',
      before: null,
      reason: 'from the report appendix',
    });
    expect(p.audit.after).toMatchObject({
      type: 'TRAINED_ON',
      from: 'deepseek-v3',
      to: 'nvidia-h100',
      chipCount: 256,
    });
    const read = await gqlAs(yoga, null, '{ chip(id: "nvidia-h100") { models { id chipCount } } }');
    expect(read.data?.chip.models).toEqual([{ id: 'TRAINED_ON|deepseek-v3|nvidia-h100', chipCount: 256 }]);
  });

  it('reports wrong endpoints, unknown sources and unknown properties together, and duplicates', async () => {
    const bad = await gqlAs(yoga, editor, ASSERT_FACT, {
      input: {
        ...trainedOn,
        from: 'nvidia',
        to: 'ghost-chip',
        sources: ['nope'],
        properties: { chipCount: 3 },
      },
    });
    expect(bad.data!.assertFact.errors.map((e: any) => [e.field.join('.'), e.code])).toEqual(
      expect.arrayContaining([
        ['input.from', 'BAD_USER_INPUT'],
        ['input.to', 'NOT_FOUND'],
        ['input.sources.0', 'NOT_FOUND'],
      ]),
    );
    const shape = await gqlAs(yoga, editor, ASSERT_FACT, {
      input: { ...trainedOn, validFrom: '2024-02-30', properties: { chipCount: -5, warp: 1, note: 'x' } },
    });
    expect(shape.data!.assertFact.errors.map((e: any) => e.field.join('.')).sort()).toEqual([
      'input.properties.chipCount',
      'input.properties.note',
      'input.properties.warp',
      'input.validFrom',
    ]);
    await gqlAs(yoga, editor, ASSERT_FACT, { input: trainedOn });
    const dup = await gqlAs(yoga, editor, ASSERT_FACT, { input: trainedOn });
    expect(dup.data!.assertFact.errors).toEqual([
      expect.objectContaining({ field: ['input', 'key'], code: 'ALREADY_EXISTS' }),
    ]);
    const second = await gqlAs(yoga, editor, ASSERT_FACT, { input: { ...trainedOn, key: 'run-2' } });
    expect(second.data!.assertFact.fact.id).toBe('TRAINED_ON|deepseek-v3|nvidia-h100|run-2');
  });

  it("holds asserted facts to the seed's confidence rule: confirmed needs an official or paper source", async () => {
    const blog = {
      id: 'blog-2026-01-05-z',
      publisher: 'A blog',
      title: 'Z',
      url: 'https://blog.example.com/z',
      published: '2026-01-05',
      kind: 'BLOG',
    };
    expect((await gqlAs(yoga, editor, ADD_SOURCE, { input: blog })).data!.addSource.errors).toEqual([]);
    const input = { ...trainedOn, key: 'blog', sources: [blog.id] };
    for (const confidence of ['CONFIRMED', 'REPORTED']) {
      const res = await gqlAs(yoga, editor, ASSERT_FACT, { input: { ...input, confidence } });
      expect(res.data!.assertFact.errors).toEqual([
        expect.objectContaining({ field: ['input', 'confidence'], code: 'BAD_USER_INPUT' }),
      ]);
    }
    const rumored = await gqlAs(yoga, editor, ASSERT_FACT, { input: { ...input, confidence: 'RUMORED' } });
    expect(rumored.data!.assertFact.errors).toEqual([]);
    const confirmed = await gqlAs(yoga, editor, ASSERT_FACT, {
      input: { ...trainedOn, key: 'paper', confidence: 'CONFIRMED' },
    });
    expect(confirmed.data!.assertFact.errors).toEqual([]);
  });

  it('retracts a fact: no longer answered, kept with its retraction, and history tells the whole story', async () => {
    await gqlAs(yoga, editor, ASSERT_FACT, { input: trainedOn });
    const id = 'TRAINED_ON|deepseek-v3|nvidia-h100';
    const res = await gqlAs(yoga, editor, RETRACT_FACT, {
      input: { id, reason: 'was an ablation, not training' },
    });
    const p = res.data!.retractFact;
    expect(p.errors).toEqual([]);
    expect(p.fact).toMatchObject({
      id,
      retracted: true,
      retraction: { by: 'alice', reason: 'was an ablation, not training' },
    });
    expect(p.audit.before).toMatchObject({ chipCount: 256 });
    expect(p.audit.before).not.toHaveProperty('retracted');
    expect(p.audit.after).toMatchObject({
      chipCount: 256,
      retracted: true,
      retractionReason: 'was an ablation, not training',
    });

    const read = await gqlAs(
      yoga,
      null,
      `{ chip(id: "nvidia-h100") { models { id } } fact(id: "${id}") { retracted } }`,
    );
    expect(read.data?.chip.models).toEqual([]);
    expect(read.data?.fact).toEqual({ retracted: true });
    expect(await count('MATCH ()-[r:TRAINED_ON {id: $id}]->() RETURN count(r) AS n', { id })).toBe(1);

    const history = await gqlAs(yoga, null, HISTORY, { id });
    expect(history.data?.history.map((h: any) => [h.action, h.reason, h.actor.name])).toEqual([
      ['RETRACT_FACT', 'was an ablation, not training', 'alice'],
      ['ASSERT_FACT', 'from the report appendix', 'alice'],
    ]);
    // The entity's history includes the facts asserted and retracted on it.
    const chipHistory = await gqlAs(yoga, null, HISTORY, { id: 'nvidia-h100' });
    expect(chipHistory.data?.history.map((h: any) => h.action)).toEqual(['RETRACT_FACT', 'ASSERT_FACT']);

    const twice = await gqlAs(yoga, editor, RETRACT_FACT, { input: { id, reason: 'again' } });
    expect(twice.data!.retractFact.errors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    const revived = await gqlAs(yoga, editor, ASSERT_FACT, {
      input: { ...trainedOn, properties: { chipCount: 512 } },
    });
    expect(revived.data!.assertFact.errors).toEqual([]);
    expect(revived.data!.assertFact.audit.before).toMatchObject({ retracted: true, chipCount: 256 });
    expect(revived.data!.assertFact.fact).toMatchObject({ retracted: false, properties: { chipCount: 512 } });
  });

  it('refuses to retract an unknown fact or without a reason', async () => {
    const res = await gqlAs(yoga, editor, RETRACT_FACT, { input: { id: 'NOT_A_TYPE|a|b', reason: '' } });
    expect(res.data!.retractFact.errors.map((e: any) => e.field.join('.')).sort()).toEqual([
      'input.id',
      'input.reason',
    ]);
    const missing = await gqlAs(yoga, editor, RETRACT_FACT, {
      input: { id: 'DESIGNS|huawei|nvidia-h100', reason: 'no' + 'pe' },
    });
    expect(missing.data!.retractFact.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});

describe('addSource', () => {
  it('adds a source that facts can then cite, and refuses a taken id', async () => {
    const input = {
      id: 'reuters-2026-01-05-zephyr',
      publisher: 'Reuters',
      title: 'Zephyr unveils Z1',
      url: 'https://www.reuters.com/technology/zephyr-z1',
      published: '2026-01-05',
      kind: 'PRESS',
    };
    const res = await gqlAs(yoga, editor, ADD_SOURCE, { input });
    expect(res.data!.addSource).toMatchObject({ errors: [], source: { ...input, kind: 'press' } });
    expect(res.data!.addSource.audit).toMatchObject({ action: 'ADD_SOURCE', targetId: input.id });
    const cited = await gqlAs(yoga, editor, CREATE_ENTITY, { input: { ...newChip, sources: [input.id] } });
    expect(cited.data!.createEntity.errors).toEqual([]);
    const again = await gqlAs(yoga, editor, ADD_SOURCE, {
      input: { ...input, url: 'ftp://x', published: 'soon' },
    });
    expect(again.data!.addSource.errors.map((e: any) => e.field.join('.')).sort()).toEqual([
      'input.published',
      'input.url',
    ]);
    const taken = await gqlAs(yoga, editor, ADD_SOURCE, { input });
    expect(taken.data!.addSource.errors).toEqual([expect.objectContaining({ code: 'ALREADY_EXISTS' })]);
  });
});

describe('the audit record', () => {
  it('is a node in the graph naming the key, never holding its secret', async () => {
    await gqlAs(yoga, editor, CREATE_ENTITY, { input: newChip });
    const res = await executor.read('MATCH (a:AuditRecord) RETURN properties(a) AS p');
    expect(res.records).toHaveLength(1);
    const props = res.records[0]!.get('p');
    expect(props).toMatchObject({ actorName: 'alice', actorRole: 'editor', action: 'CREATE_ENTITY', seq: 1 });
    expect(props.actorId).toMatch(/^key-/);
    expect(props.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(props)).not.toContain(editor);
    const keys = await executor.read('MATCH (k:ApiKey) RETURN properties(k) AS p');
    expect(JSON.stringify(keys.records.map((r) => r.get('p')))).not.toContain(editor);
  });
});
