// Two API instances (each its own Yoga and its own driver) against one database: the API keeps no state of its
// own, so both give the same answers, see each other's writes at once, and share keys, versions and the audit log.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, testDriver, testExecutor, testServer } from '../helpers/db.js';
import {
  ASSERT_FACT,
  CREATE_ENTITY,
  UPDATE_ENTITY,
  createKey,
  gqlAs,
  resetGraph,
} from '../helpers/curation.js';

const driverA = testDriver();
const driverB = testDriver();
const executorA = testExecutor(driverA);
const a = testServer(executorA);
const b = testServer(testExecutor(driverB));
let key: string;

beforeAll(async () => {
  await resetGraph(executorA, [path.join(FIXTURES, 'seed-min')]);
  // Created through instance A's driver, used on both.
  key = await createKey(executorA, 'editor', 'two-instances');
});
afterAll(async () => {
  await driverA.close();
  await driverB.close();
});

const QUESTION = `{
  chip(id: "nvidia-h800") { id name vendor { id } models { id chipCount } }
  search(text: "hopper h100") { entity { id } }
}`;

describe('two instances, one database', () => {
  it('answer the same question identically', async () => {
    const [ra, rb] = await Promise.all([gqlAs(a, null, QUESTION), gqlAs(b, null, QUESTION)]);
    expect(ra.errors).toBeUndefined();
    expect(ra.data?.chip.models).toEqual([{ id: 'TRAINED_ON|deepseek-v3|nvidia-h800', chipCount: 2048 }]);
    expect(rb.data).toEqual(ra.data);
  });

  it('see a write made through the other at once, and share the key that made it', async () => {
    const created = await gqlAs(a, key, CREATE_ENTITY, {
      input: { kind: 'CHIP', id: 'boreal-b2', name: 'Boreal B2', sources: ['nvidia-h100-datasheet'] },
    });
    expect(created.data?.createEntity.errors).toEqual([]);
    const read = await gqlAs(b, null, '{ chip(id: "boreal-b2") { name version } }');
    expect(read.data?.chip).toEqual({ name: 'Boreal B2', version: 1 });
    const updated = await gqlAs(b, key, UPDATE_ENTITY, {
      input: { id: 'boreal-b2', kind: 'CHIP', expectedVersion: 1, description: 'edited on B' },
    });
    expect(updated.data?.updateEntity.entity.version).toBe(2);
    const back = await gqlAs(a, null, '{ chip(id: "boreal-b2") { description version } }');
    expect(back.data?.chip).toEqual({ description: 'edited on B', version: 2 });
  });

  it('let exactly one of two concurrent updates from the same version win; the other gets CONFLICT', async () => {
    await gqlAs(a, key, CREATE_ENTITY, {
      input: { kind: 'CHIP', id: 'race-r1', name: 'Race R1', sources: ['nvidia-h100-datasheet'] },
    });
    const edit = (server: typeof a, memoryGb: number) =>
      gqlAs(server, key, UPDATE_ENTITY, {
        input: { id: 'race-r1', kind: 'CHIP', expectedVersion: 1, attributes: { memoryGb } },
      });
    const results = await Promise.all([edit(a, 10), edit(b, 20), edit(a, 30), edit(b, 40)]);
    const payloads = results.map((r) => r.data?.updateEntity);
    const winners = payloads.filter((p) => p.errors.length === 0);
    const losers = payloads.filter((p) => p.errors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(3);
    for (const l of losers) expect(l.errors.map((e: any) => e.code)).toEqual(['CONFLICT']);
    const final = await gqlAs(b, null, '{ chip(id: "race-r1") { memoryGb version } }');
    expect(final.data?.chip).toEqual({ memoryGb: winners[0].entity.memoryGb, version: 2 });
    const history = await gqlAs(a, null, '{ history(id: "race-r1") { action } }');
    expect(history.data?.history.map((h: any) => h.action)).toEqual(['UPDATE_ENTITY', 'CREATE_ENTITY']);
  });

  it('interleave concurrent writes into one gap-free audit sequence', async () => {
    const before = await executorA.read<{ n: number }>('MATCH (s:AuditSequence) RETURN s.value AS n');
    const start = before.records[0]!.get('n');
    const writes = Array.from({ length: 12 }, (_, i) =>
      gqlAs(i % 2 ? a : b, key, ASSERT_FACT, {
        input: {
          type: 'ORDERED',
          from: 'deepseek',
          to: 'nvidia-h800',
          key: `batch-${i}`,
          confidence: 'RUMORED',
          sources: ['deepseek-2024-12-26-v3-report'],
          properties: { units: 100 + i },
        },
      }),
    );
    const results = await Promise.all(writes);
    expect(results.map((r) => r.data?.assertFact.errors)).toEqual(Array.from({ length: 12 }, () => []));
    const seqs = await executorA.read<{ seq: number }>(
      'MATCH (a:AuditRecord) WHERE a.seq > $start RETURN a.seq AS seq ORDER BY seq',
      { start },
    );
    expect(seqs.records.map((r) => r.get('seq'))).toEqual(
      Array.from({ length: 12 }, (_, i) => start + 1 + i),
    );
    const [ra, rb] = await Promise.all([
      gqlAs(a, null, '{ chip(id: "nvidia-h800") { orders { id units } } }'),
      gqlAs(b, null, '{ chip(id: "nvidia-h800") { orders { id units } } }'),
    ]);
    expect(ra.data?.chip.orders).toHaveLength(12);
    expect(rb.data).toEqual(ra.data);
  });
});
