// The analyst questions, asked through GraphQL on the shipped seed, with the answers checked against the graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);

beforeAll(async () => {
  await seedWith(executor);
});
afterAll(() => driver.close());

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(yoga, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

describe('lookups', () => {
  it("DeepSeek-V3's training hardware is the H800, confirmed, with sources", async () => {
    const d = await ok(`{ model(id: "deepseek-v3") {
      name released developer { id country { code } }
      hardware(role: TRAINING) { chip { id vendor { id } } chipCount chipHours confidence sources { publisher url } }
    } }`);
    expect(d.model.developer).toEqual({ id: 'deepseek', country: { code: 'CN' } });
    const h800 = d.model.hardware.find((h: any) => h.chip.id === 'nvidia-h800');
    expect(h800).toMatchObject({
      chipCount: 2048,
      chipHours: 2788000,
      confidence: 'CONFIRMED',
      chip: { vendor: { id: 'nvidia' } },
    });
    expect(h800.sources.length).toBeGreaterThan(0);
    for (const s of h800.sources) expect(s.url).toMatch(/^https?:\/\//);
  });

  it("ByteDance's orders include Huawei chips", async () => {
    // An order may name only the vendor (Format 2: `chip` null): `Order.vendor` is the chip's designer or that vendor.
    const d = await ok(
      `{ company(id: "bytedance") { orders { chip { id vendor { id } } vendor { id } date confidence sources { id } } } }`,
    );
    for (const o of d.company.orders) if (o.chip) expect(o.vendor).toEqual(o.chip.vendor);
    const huawei = d.company.orders.filter((o: any) => o.vendor?.id === 'huawei');
    expect(huawei.length).toBeGreaterThan(0);
    expect(huawei.every((o: any) => o.sources.length > 0)).toBe(true);
    const dates = d.company.orders.map((o: any) => o.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('keeps both claims where sources disagree on the Ascend 910C foundry', async () => {
    const d = await ok(
      `{ chip(id: "huawei-ascend-910c") { vendor { id } foundries { company { id } confidence sources { id } } } }`,
    );
    expect(d.chip.vendor.id).toBe('huawei');
    expect(d.chip.foundries.map((f: any) => f.company.id).sort()).toEqual(['smic', 'tsmc']);
  });

  it('entity(id) resolves any kind; country(code) takes either case', async () => {
    const d =
      await ok(`{ entity(id: "cann") { __typename id kind ... on SoftwareStack { maintainers { id } } }
                         country(code: "tw") { code name } }`);
    expect(d.entity).toMatchObject({ __typename: 'SoftwareStack', kind: 'SOFTWARE_STACK' });
    expect(d.entity.maintainers.map((m: any) => m.id)).toContain('huawei');
    expect(d.country.code).toBe('TW');
  });

  it('an unknown id answers null with NOT_FOUND naming the id and suggesting close ids', async () => {
    const res = await gql(yoga, '{ chip(id: "nvidia-h10") { id } }');
    expect(res.data?.chip).toBeNull();
    const err = res.errors?.[0];
    expect(err?.extensions?.code).toBe('NOT_FOUND');
    expect(err?.message).toContain('"nvidia-h10"');
    expect(err?.extensions?.suggestions).toContain('nvidia-h100');
  });

  it('an id of another kind is NOT_FOUND for the typed field', async () => {
    const res = await gql(yoga, '{ model(id: "nvidia-h100") { id } }');
    expect(res.data?.model).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('lists', () => {
  it('pages through all chips with keyset cursors: no gaps, no repeats, totalCount agrees', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 50; i++) {
      const d: any = await ok(
        `query($after: String) { chips(first: 7, after: $after, orderBy: [{ field: BF16_DENSE_TFLOPS, direction: DESC }]) {
           totalCount pageInfo { hasNextPage endCursor } nodes { id bf16DenseTflops } } }`,
        { after },
      );
      total = d.chips.totalCount;
      seen.push(...d.chips.nodes.map((n: any) => n.id));
      if (!d.chips.pageInfo.hasNextPage) break;
      after = d.chips.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const all = await ok(`{ stats { entities { kind count } } }`);
    expect(total).toBe(all.stats.entities.find((e: any) => e.kind === 'CHIP').count);
  });

  it('sorts descending with unknown values last', async () => {
    const d = await ok(
      `{ chips(first: 100, orderBy: [{ field: BF16_DENSE_TFLOPS, direction: DESC }]) { nodes { bf16DenseTflops } } }`,
    );
    const values = d.chips.nodes.map((n: any) => n.bf16DenseTflops);
    const known = values.filter((v: any) => v !== null);
    expect(known).toEqual([...known].sort((a: number, b: number) => b - a));
    expect(values.slice(0, known.length)).toEqual(known);
  });

  it('filters chips by vendor (with subsidiaries) and by vendor country', async () => {
    const d = await ok(
      `{ chips(where: { vendorIds: ["huawei"] }, first: 100) { nodes { id vendor { id parent { id } } } } }`,
    );
    expect(d.chips.nodes.map((n: any) => n.id)).toContain('huawei-ascend-910c');
    for (const n of d.chips.nodes) expect([n.vendor.id, n.vendor.parent?.id]).toContain('huawei');
    const cn = await ok(
      `{ chips(where: { vendorCountries: ["cn"] }, first: 100) { nodes { vendor { country { code } parent { country { code } } } } } }`,
    );
    for (const n of cn.chips.nodes)
      expect([n.vendor.country?.code, n.vendor.parent?.country?.code]).toContain('CN');
  });

  it('models asOf leaves out what was released later', async () => {
    const d = await ok(
      `{ models(where: { developerIds: ["deepseek"], asOf: "2026-04-23" }, first: 100) { nodes { id released } } }`,
    );
    const ids = d.models.nodes.map((n: any) => n.id);
    expect(ids).toContain('deepseek-v3');
    expect(ids.filter((id: string) => id.startsWith('deepseek-v4'))).toEqual([]);
    const later = await ok(
      `{ models(where: { developerIds: ["deepseek"], asOf: "2026-04-24" }, first: 100) { nodes { id } } }`,
    );
    expect(later.models.nodes.map((n: any) => n.id)).toContain('deepseek-v4');
  });

  it('refuses a page size over the cap and a foreign cursor with BAD_USER_INPUT naming the argument', async () => {
    const big = await gql(yoga, '{ chips(first: 101) { totalCount } }');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(big.errors?.[0]?.message).toMatch(/between 1 and 100/);
    const bad = await gql(yoga, '{ chips(after: "not-a-cursor") { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const country = await gql(yoga, '{ chips(where: { vendorCountries: ["China"] }) { totalCount } }');
    expect(country.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'where.vendorCountries',
    });
  });

  it('export controls in force on a date, by issuer', async () => {
    const d =
      await ok(`{ exportControls(where: { issuerCountries: ["US"], inForceAsOf: "2025-03-01" }, first: 100) {
      totalCount nodes { id effective announced rescinded inForce(asOf: "2025-03-01") issuer { code } } } }`);
    expect(d.exportControls.totalCount).toBeGreaterThan(0);
    for (const x of d.exportControls.nodes) {
      expect(x.inForce).toBe(true);
      expect(x.issuer.code).toBe('US');
    }
    expect(d.exportControls.nodes.map((x: any) => x.id)).toContain('us-bis-2025-01-ai-diffusion-rule');
  });
});

describe('hardwareDependencies', () => {
  it('returns flat rows whose chips are all from the asked vendor country', async () => {
    const d = await ok(`{ hardwareDependencies(where: { vendorCountries: ["CN"] }, first: 100) {
      totalCount nodes { role confidence model { id } chip { id vendor { country { code } parent { country { code } } } } sources { id } } } }`);
    expect(d.hardwareDependencies.totalCount).toBe(d.hardwareDependencies.nodes.length);
    expect(d.hardwareDependencies.nodes.length).toBeGreaterThan(0);
    for (const n of d.hardwareDependencies.nodes) {
      expect([n.chip.vendor.country?.code, n.chip.vendor.parent?.country?.code]).toContain('CN');
      expect(n.sources.length).toBeGreaterThan(0);
    }
    expect(d.hardwareDependencies.nodes.map((n: any) => n.model.id)).toContain('deepseek-v4-pro');
  });

  it('filters by role and confidence, and asOf hides DeepSeek V4 before 2026-04-24', async () => {
    const d = await ok(
      `{ hardwareDependencies(where: { role: TRAINING, minConfidence: CONFIRMED }, first: 100) { nodes { role confidence } } }`,
    );
    for (const n of d.hardwareDependencies.nodes)
      expect(n).toEqual({ role: 'TRAINING', confidence: 'CONFIRMED' });
    const before = await ok(
      `{ hardwareDependencies(where: { developerIds: ["deepseek"], asOf: "2026-04-01" }, first: 100) { nodes { model { id } } } }`,
    );
    const ids = before.hardwareDependencies.nodes.map((n: any) => n.model.id);
    expect(ids).toContain('deepseek-v3');
    expect(ids.some((id: string) => id.startsWith('deepseek-v4'))).toBe(false);
  });
});

describe('exposure', () => {
  it('Nvidia cut off: DeepSeek-V3 is exposed through the H800; V4-Pro already has Ascend alternatives', async () => {
    const d = await ok(`{ exposure(target: { vendorId: "nvidia" }) {
      target { id } chips { id }
      models { model { id } via { chip { id } } alternatives { chip { id vendor { id } } } } } }`);
    const r = d.exposure;
    expect(r.target.id).toBe('nvidia');
    const exposed = new Set(r.chips.map((c: any) => c.id));
    expect(exposed.has('nvidia-h800')).toBe(true);
    for (const m of r.models) {
      for (const v of m.via) expect(exposed.has(v.chip.id)).toBe(true);
      for (const a of m.alternatives) expect(exposed.has(a.chip.id)).toBe(false);
    }
    const v3 = r.models.find((m: any) => m.model.id === 'deepseek-v3');
    expect(v3.via.map((v: any) => v.chip.id)).toContain('nvidia-h800');
    const v4 = r.models.find((m: any) => m.model.id === 'deepseek-v4-pro');
    expect(v4.alternatives.some((a: any) => a.chip.vendor.id === 'huawei')).toBe(true);
  });

  it('asOf before V4 leaves it out', async () => {
    const d = await ok(
      `{ exposure(target: { vendorId: "nvidia" }, asOf: "2026-04-01") { asOf models { model { id } } } }`,
    );
    expect(d.exposure.asOf).toBe('2026-04-01');
    expect(d.exposure.models.some((m: any) => m.model.id.startsWith('deepseek-v4'))).toBe(false);
  });

  it('a rescinded control stops applying', async () => {
    const q = `query($asOf: Date) { exposure(target: { exportControlId: "us-bis-2025-01-ai-diffusion-rule" }, asOf: $asOf) { chips { id } } }`;
    const during = await ok(q, { asOf: '2025-03-01' });
    expect(during.exposure.chips.map((c: any) => c.id)).toContain('nvidia-h100');
    const after = await ok(q, { asOf: '2025-06-01' });
    expect(after.exposure.chips).toEqual([]);
  });

  it('a country: Taiwan exposes chips made by TSMC', async () => {
    const d = await ok(`{ exposure(target: { countryCode: "TW" }) { chips { id } } }`);
    const ids = d.exposure.chips.map((c: any) => c.id);
    expect(ids).toContain('nvidia-h100');
    expect(ids).toContain('huawei-ascend-910c');
  });

  it('needs exactly one target', async () => {
    const res = await gql(yoga, '{ exposure(target: {}) { chips { id } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'target' });
    const unknown = await gql(yoga, '{ exposure(target: { vendorId: "nvida" }) { chips { id } } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.errors?.[0]?.extensions?.suggestions).toContain('nvidia');
  });
});

describe('graph questions', () => {
  it('connections: DeepSeek-V3 reaches Nvidia through the H800, every edge sourced', async () => {
    const d = await ok(`{ connections(from: "deepseek-v3", to: "nvidia", maxHops: 3) {
      length nodes { id } edges { type from to confidence sources { id } } } }`);
    expect(d.connections.length).toBeGreaterThan(0);
    const p = d.connections.find(
      (x: any) => x.nodes.map((n: any) => n.id).join('>') === 'deepseek-v3>nvidia-h800>nvidia',
    );
    expect(p.edges.map((e: any) => e.type)).toEqual(['TRAINED_ON', 'DESIGNS']);
    for (const path of d.connections) {
      expect(path.edges).toHaveLength(path.length);
      for (const e of path.edges) expect(e.sources.length).toBeGreaterThan(0);
    }
    const unknown = await gql(yoga, '{ connections(from: "deepseek-v3", to: "nvidai") { length } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to' });
    expect(unknown.errors?.[0]?.extensions?.suggestions).toContain('nvidia');
    const bad = await gql(yoga, '{ connections(from: "deepseek-v3", to: "nvidia", maxHops: 9) { length } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maxHops' });
  });

  it('neighborhood: edges join drawn nodes; asOf hides V4', async () => {
    const d = await ok(
      `{ neighborhood(id: "deepseek", depth: 1) { truncated nodes { id } edges { from to type } } }`,
    );
    const ids = new Set(d.neighborhood.nodes.map((n: any) => n.id));
    expect(ids.has('deepseek-v4')).toBe(true);
    for (const e of d.neighborhood.edges) {
      expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    }
    const before = await ok(
      `{ neighborhood(id: "deepseek", depth: 1, asOf: "2025-06-01") { nodes { id } } }`,
    );
    const beforeIds = before.neighborhood.nodes.map((n: any) => n.id);
    expect(beforeIds).toContain('deepseek-r1');
    expect(beforeIds.some((id: string) => id.startsWith('deepseek-v4'))).toBe(false);
  });

  it('timeline: dated events in order, filtered to an entity', async () => {
    const d = await ok(
      `{ timeline(entityId: "deepseek", from: "2026-01-01", to: "2026-12-31") { date kind title entities { id } } }`,
    );
    const dates = d.timeline.map((e: any) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(d.timeline).toContainEqual(
      expect.objectContaining({ date: '2026-04-24', kind: 'model-released', title: 'DeepSeek-V4 released' }),
    );
    const orders = await ok(`{ timeline(entityId: "bytedance") { kind entities { id } } }`);
    expect(orders.timeline.some((e: any) => e.kind === 'order')).toBe(true);
  });

  it('search finds H100, ascend 910, 昇腾 and a misspelled cambrikon, best first', async () => {
    const q = `query($t: String!) { search(text: $t, first: 5) { score entity { id kind } } }`;
    const top = async (t: string) => (await ok(q, { t })).search.map((h: any) => h.entity.id);
    expect((await top('H100'))[0]).toBe('nvidia-h100');
    expect((await top('ascend 910')).slice(0, 4)).toEqual(
      expect.arrayContaining(['huawei-ascend-910b', 'huawei-ascend-910c']),
    );
    expect((await top('昇腾')).every((id: string) => id.startsWith('huawei-ascend'))).toBe(true);
    expect((await top('cambrikon'))[0]).toBe('cambricon');
    const scores = (await ok(q, { t: 'deepseek' })).search.map((h: any) => h.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const kinds = await ok(`{ search(text: "huawei", kinds: [CHIP]) { entity { kind } } }`);
    for (const h of kinds.search) expect(h.entity.kind).toBe('CHIP');
  });

  it('stats meet the coverage the project promises, with no unsourced facts', async () => {
    const d = await ok(
      '{ stats { entities { kind count } relationships { type count } sources unsourcedRelationships } }',
    );
    const count = (k: string) => d.stats.entities.find((e: any) => e.kind === k).count;
    expect(count('CHIP')).toBeGreaterThanOrEqual(50);
    expect(count('MODEL')).toBeGreaterThanOrEqual(60);
    expect(count('COMPANY')).toBeGreaterThanOrEqual(50);
    expect(count('EXPORT_CONTROL')).toBeGreaterThanOrEqual(12);
    expect(d.stats.relationships.find((r: any) => r.type === 'ORDERED').count).toBeGreaterThanOrEqual(25);
    expect(d.stats.sources).toBeGreaterThanOrEqual(80);
    expect(d.stats.unsourcedRelationships).toBe(0);
  });
});

describe('GraphiQL examples', () => {
  it('every saved example operation runs on the seed without errors and finds something', async () => {
    const { exampleOperations } = await import('../../src/graphql/schema.js');
    const { parse } = await import('graphql');
    const text = exampleOperations();
    const names = parse(text).definitions.flatMap((d: any) =>
      d.kind === 'OperationDefinition' ? [d.name.value] : [],
    );
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const operationName of names) {
      const res = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: text, operationName }),
      });
      const body: any = await res.json();
      expect({ operationName, errors: body.errors }).toEqual({ operationName, errors: undefined });
      const root = Object.values(body.data)[0] as any;
      expect(root === null || (Array.isArray(root) && root.length === 0)).toBe(false);
    }
  });
});
