// Export controls in time on a real Neo4j (tests/fixtures/seed-format2 over seed-min): a suspension takes a
// measure out of every in-force answer — status, the list filter, exposure, Chip.exportControls, alternatives,
// the neighbourhood — and the Cypher rule and its TypeScript mirror agree on every date.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, gql, seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const DIRS = [path.join(FIXTURES, 'seed-min'), path.join(FIXTURES, 'seed-format2')];
const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);

beforeAll(async () => {
  await seedWith(executor, DIRS);
});
afterAll(async () => {
  // Leave the shipped seed behind for the next file.
  await seedWith(executor);
  await driver.close();
});

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(yoga, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

const RULE = 'test-suspended-rule';
// announced 2024-01-10, effective 2024-02-01, suspended [2025-01-01, 2025-07-01) and from 2026-01-01 on.
const STATUS_ON: [string, string][] = [
  ['2024-01-15', 'PENDING'],
  ['2024-06-01', 'IN_FORCE'],
  ['2025-01-01', 'SUSPENDED'],
  ['2025-03-01', 'SUSPENDED'],
  ['2025-07-01', 'IN_FORCE'],
  ['2025-12-31', 'IN_FORCE'],
  ['2026-06-01', 'SUSPENDED'],
];

describe('export controls: suspensions', () => {
  it('status(asOf) is pending, in force, suspended or rescinded; suspensions are served with sources', async () => {
    for (const [asOf, status] of STATUS_ON) {
      const d = await ok(
        `query($d: Date) { exportControl(id: "${RULE}") { status(asOf: $d) inForce(asOf: $d) } }`,
        {
          d: asOf,
        },
      );
      expect({ asOf, ...d.exportControl }).toEqual({ asOf, status, inForce: status === 'IN_FORCE' });
    }
    const d =
      await ok(`{ exportControl(id: "${RULE}") { effective suspensions { from until note sources { id } } }
      rescinded: exportControl(id: "test-rescinded-rule") { status(asOf: "2025-01-01") } }`);
    expect(d.exportControl.suspensions).toEqual([
      {
        from: '2025-01-01',
        until: '2025-07-01',
        note: 'first pause',
        sources: [{ id: 'reuters-2024-01-10-test-rule' }],
      },
      { from: '2026-01-01', until: null, note: null, sources: [{ id: 'reuters-2024-01-10-test-rule' }] },
    ]);
    expect(d.rescinded.status).toBe('RESCINDED');
  });

  it('the Cypher rule (list filter) and the TypeScript rule (inForce) agree on every date', async () => {
    for (const [asOf] of STATUS_ON) {
      const d = await ok(
        `query($d: Date) { listed: exportControls(where: { inForceAsOf: $d }) { nodes { id } }
           all: exportControls { nodes { id inForce(asOf: $d) } } }`,
        { d: asOf },
      );
      const listed = d.listed.nodes.map((n: any) => n.id).sort();
      const inForce = d.all.nodes
        .filter((n: any) => n.inForce)
        .map((n: any) => n.id)
        .sort();
      expect({ asOf, listed }).toEqual({ asOf, listed: inForce });
    }
  });

  it('a suspended control exposes nothing, restricts nothing and is not drawn; before and after, it applies', async () => {
    const exposure = async (asOf: string) =>
      (
        await ok(
          `query($d: Date) { exposure(target: { exportControlId: "${RULE}" }, asOf: $d) {
          chips { id } models { model { id } } } }`,
          { d: asOf },
        )
      ).exposure;
    expect(await exposure('2025-03-01')).toEqual({ chips: [], models: [] });
    const after = await exposure('2025-08-01');
    expect(after.chips).toEqual([{ id: 'nvidia-h800' }]);
    expect(after.models.map((m: any) => m.model.id)).toEqual(['deepseek-v3']);

    const controls = async (asOf: string) =>
      (
        await ok(
          `query($d: Date) { chip(id: "nvidia-h800") { exportControls(asOf: $d) { control { id } } } }`,
          {
            d: asOf,
          },
        )
      ).chip.exportControls.map((r: any) => r.control.id);
    expect(await controls('2025-03-01')).toEqual([]);
    expect(await controls('2025-08-01')).toEqual([RULE]);
    expect(await controls('2024-01-15')).toEqual([]);

    const alternatives = async (asOf: string) =>
      (
        await ok(
          `query($d: Date) { chip(id: "nvidia-h100") { alternatives(unrestricted: true, asOf: $d) { chip { id } } } }`,
          {
            d: asOf,
          },
        )
      ).chip.alternatives.map((a: any) => a.chip.id);
    expect(await alternatives('2025-03-01')).toContain('nvidia-h800');
    expect(await alternatives('2025-08-01')).not.toContain('nvidia-h800');

    const drawn = async (asOf: string) =>
      (
        await ok(`query($d: Date) { neighborhood(id: "nvidia-h800", asOf: $d) { nodes { id } } }`, {
          d: asOf,
        })
      ).neighborhood.nodes.map((n: any) => n.id);
    expect(await drawn('2025-03-01')).not.toContain(RULE);
    expect(await drawn('2025-08-01')).toContain(RULE);
  });
});
