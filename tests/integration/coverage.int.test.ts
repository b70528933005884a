// The data's reach, measured through the API on the shipped seed as an analyst would page it: how many chips,
// models, companies, measures, orders and sources, and how complete the facts behind the core questions are.
// Each measure has the dataset's target and the floor the current record reaches (README, "The data", shows
// both): a seed edit that drops below a floor fails here, and a floor moves up as the record grows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);

/** Every node of a root connection, paged through its cursors as a client would. */
async function all<T>(field: string, selection: string): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await gql<Record<string, any>>(
      yoga,
      `query ($after: String) { ${field}(first: 100, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    const page = res.data![field];
    out.push(...(page.nodes as T[]));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor as string;
  }
}

const share = <T>(list: T[], test: (x: T) => boolean) => list.filter(test).length / list.length;

/** Completeness: the target the data aims at, and the floor dataset 2.2.0 holds (public sources reach no further). */
const COMPLETENESS = {
  modelsWithHardware: { target: 0.75, floor: 0.75 },
  chipsReleased: { target: 0.8, floor: 0.64 },
  chipsDense16: { target: 0.75, floor: 0.58 },
  chipsMemory: { target: 0.85, floor: 0.78 },
  foundryConfirmed: { target: 0.5, floor: 0.17 },
  activeCompaniesPlaced: { target: 1, floor: 0.98 },
};

interface ChipRow {
  id: string;
  isFamily: boolean;
  released: string | null;
  bf16DenseTflops: number | null;
  fp16DenseTflops: number | null;
  memoryGb: number | null;
  sramMb: number | null;
  foundries: { confidence: string; sources: { kind: string }[] }[];
}
interface ModelRow {
  id: string;
  hardware: { id: string }[];
  hardwareNote: string | null;
}
interface CompanyRow {
  id: string;
  roles: string[];
  country: { code: string } | null;
  designs: { id: string }[];
  fabricates: { id: string }[];
  orders: { id: string }[];
}

let chips: ChipRow[] = [];
/** Concrete chips only: a family node (a vendor's chips of unnamed generation) has no figures by definition. */
let concrete: ChipRow[] = [];
let models: ModelRow[] = [];
let companies: CompanyRow[] = [];

beforeAll(async () => {
  await seedWith(executor);
  chips = await all<ChipRow>(
    'chips',
    'id isFamily released bf16DenseTflops fp16DenseTflops memoryGb sramMb foundries { confidence sources { kind } }',
  );
  concrete = chips.filter((c) => !c.isFamily);
  models = await all<ModelRow>('models', 'id hardware { id } hardwareNote');
  companies = await all<CompanyRow>(
    'companies',
    'id roles country { code } designs: chips { id } fabricates { id } orders { id }',
  );
}, 240_000);
afterAll(() => driver.close());

describe('coverage of the shipped dataset, through the API', () => {
  it('holds at least 120 chips, 150 models, 120 companies, 40 measures, 150 orders and 800 sources', async () => {
    const stats = await gql<any>(yoga, '{ stats { sources entities { kind count } } }');
    const count = (k: string) => stats.data.stats.entities.find((e: any) => e.kind === k)?.count ?? 0;
    const orders = new Set(companies.flatMap((c) => c.orders.map((o) => o.id)));
    expect({
      chips: concrete.length,
      models: models.length,
      companies: companies.length,
      measures: count('EXPORT_CONTROL'),
      orders: orders.size,
      sources: stats.data.stats.sources,
    }).toEqual({
      chips: expect.toSatisfy((n: number) => n >= 120),
      models: expect.toSatisfy((n: number) => n >= 150),
      companies: expect.toSatisfy((n: number) => n >= 120),
      measures: expect.toSatisfy((n: number) => n >= 40),
      orders: expect.toSatisfy((n: number) => n >= 150),
      sources: expect.toSatisfy((n: number) => n >= 800),
    });
    expect(count('CHIP')).toBe(chips.length);
  });

  it('gives models a training or serving fact, and says why for every other one', () => {
    expect(share(models, (m) => m.hardware.length > 0)).toBeGreaterThanOrEqual(
      COMPLETENESS.modelsWithHardware.floor,
    );
    const silent = models.filter((m) => m.hardware.length === 0 && !m.hardwareNote);
    expect(silent.map((m) => m.id)).toEqual([]);
  });

  it('gives concrete chips a release date, a dense 16-bit figure and a memory size', () => {
    expect(share(concrete, (c) => c.released !== null)).toBeGreaterThanOrEqual(
      COMPLETENESS.chipsReleased.floor,
    );
    expect(
      share(concrete, (c) => c.bf16DenseTflops !== null || c.fp16DenseTflops !== null),
    ).toBeGreaterThanOrEqual(COMPLETENESS.chipsDense16.floor);
    expect(share(concrete, (c) => c.memoryGb !== null || c.sramMb !== null)).toBeGreaterThanOrEqual(
      COMPLETENESS.chipsMemory.floor,
    );
  });

  // The target is half of them confirmed from the vendor's or foundry's own documents; the datasheets that would
  // confirm most are not in the public record the dataset was built from (README, "The data").
  it("backs every confirmed foundry fact with the vendor's or foundry's own document or a paper", () => {
    const foundry = chips.flatMap((c) => c.foundries);
    expect(foundry.length).toBeGreaterThan(50);
    const confirmed = foundry.filter((f) => f.confidence === 'CONFIRMED');
    expect(confirmed.length / foundry.length).toBeGreaterThanOrEqual(COMPLETENESS.foundryConfirmed.floor);
    for (const f of confirmed)
      expect(f.sources.map((s) => s.kind)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(official|paper)$/i)]),
      );
  });

  // A `group` is an unnamed collective a source speaks of ("Chinese technology companies"): it has no headquarters.
  it('places the companies that design, fabricate or buy chips in a country, with a source', () => {
    const active = companies.filter(
      (c) => !c.roles.includes('group') && c.designs.length + c.fabricates.length + c.orders.length > 0,
    );
    expect(active.length).toBeGreaterThan(50);
    expect(share(active, (c) => c.country !== null)).toBeGreaterThanOrEqual(
      COMPLETENESS.activeCompaniesPlaced.floor,
    );
  });
});
