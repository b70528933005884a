// The synthetic graph: the seed's ontology at 10k-1M nodes, deterministic (seeded RNG), shaped like the real thing:
// a few popular chips and labs with many models, a long tail, buyers with many orders, export controls that
// restrict popular chips, and sources on every entity and relationship. Rows are the loader's own types.
import { ENTITY_SPECS, type EntityLabel } from '../src/db/ontology.js';
import { RelationshipRecord, SourceRecord } from '../src/db/seed/records.js';
import {
  relationshipId,
  type EntityRow,
  type RelationshipRow,
  type SeedBundle,
  type SourceRow,
} from '../src/db/seed/validate.js';
import { createRng, zipf, type Rng } from './rng.js';
import {
  COUNTRY_ORDER,
  ISSUERS,
  REAL_STACKS,
  WORDS,
  SUFFIXES,
  FAMILIES,
  PUBLISHERS,
  CONFIDENCE,
} from './vocabulary.js';

export type SyntheticScale = 'small' | 'medium' | 'large';

/** Node targets per scale; orders fill the relationship budget (~5, ~10 and ~5 relationships per node). */
export const SCALES: Record<SyntheticScale, { nodes: number; ordersPerNode: number }> = {
  small: { nodes: 10_000, ordersPerNode: 1.5 },
  medium: { nodes: 100_000, ordersPerNode: 6.6 },
  large: { nodes: 1_000_000, ordersPerNode: 1.6 },
};

const FILE = 'bench:synthetic';
const SHARES = { sources: 0.12, companies: 0.18, chips: 0.06, stacks: 0.002, models: 0.62, controls: 0.018 };

export interface SyntheticGraph {
  sources: SourceRow[];
  entities: EntityRow[];
  /** Relationships, generated lazily in chunks so a 5M-relationship graph never sits in memory at once. */
  relationships(chunkSize: number): Generator<RelationshipRow[]>;
  counts: { nodes: number; relationshipsEstimate: number };
  /** Ids the workloads use: a chip whose dependents are a realistic list (~100) at every scale. */
  picks: { listChip: string; syntheticVendor: string; syntheticModel: string };
}

const pad = (n: number) => String(n).padStart(7, '0');
const date = (rng: Rng, from: number, to: number) =>
  `${rng.int(from, to)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

export function generateSynthetic(scale: SyntheticScale, seed = 20261128): SyntheticGraph {
  const { nodes, ordersPerNode } = SCALES[scale];
  const n = (share: number, min = 5) => Math.max(min, Math.round(nodes * share));
  const counts = {
    sources: n(SHARES.sources),
    companies: n(SHARES.companies),
    chips: n(SHARES.chips),
    stacks: n(SHARES.stacks),
    models: n(SHARES.models),
    controls: n(SHARES.controls),
  };
  const rng = createRng(seed);
  const sourceIds = Array.from({ length: counts.sources }, (_, i) => `syn-src-${pad(i)}`);
  const popularSource = zipf(rng, sourceIds.length, 0.8);
  const cite = (r: Rng, max: number) => {
    const out = new Set<string>();
    const k = r.int(1, max);
    for (let i = 0; i < k; i++) out.add(sourceIds[popularSource()]!);
    return [...out];
  };

  const sources: SourceRow[] = sourceIds.map((id, i) => ({
    file: FILE,
    record: {
      id,
      publisher: rng.pick(PUBLISHERS),
      title: `Synthetic report ${i} on AI accelerators`,
      url: `https://example.org/synthetic/${i}`,
      published: date(rng, 2018, 2026),
      kind: rng.pick(['official', 'press', 'paper', 'dataset', 'blog'] as const),
    },
  }));

  // Companies by segment: index ranges, so each segment's first member is its Zipf head.
  const companyIds = Array.from({ length: counts.companies }, (_, i) => `syn-co-${pad(i)}`);
  const seg = (from: number, to: number) =>
    companyIds.slice(
      Math.floor(from * companyIds.length),
      Math.max(Math.floor(from * companyIds.length) + 1, Math.floor(to * companyIds.length)),
    );
  const designers = seg(0, 0.03);
  const foundries = seg(0.03, 0.04);
  const memory = seg(0.04, 0.05);
  const labs = seg(0.05, 0.15);
  const buyers = seg(0.15, 0.55);
  const roleOf = (i: number): string[] => {
    const f = i / companyIds.length;
    if (f < 0.03) return ['chip-designer'];
    if (f < 0.04) return ['foundry'];
    if (f < 0.05) return ['memory'];
    if (f < 0.15) return ['ai-lab'];
    if (f < 0.55) return rng.chance(0.3) ? ['cloud', 'buyer'] : ['buyer'];
    return [rng.pick(['server-maker', 'equipment', 'packaging', 'buyer'] as const)];
  };
  const entities: EntityRow[] = [];
  const entity = (label: EntityLabel, record: Record<string, unknown> & { id: string }) =>
    entities.push({
      label,
      file: FILE,
      record: { sources: cite(rng, 3), aliases: [], ...record },
    });

  companyIds.forEach((id, i) => {
    const name = `${rng.pick(WORDS)} ${rng.pick(SUFFIXES)} ${i}`;
    entity('Company', {
      id,
      name,
      aliases: rng.chance(0.3) ? [`${name.split(' ')[0]}-${i}`] : [],
      description: `Synthetic company ${i}.`,
      founded: rng.chance(0.7) ? date(rng, 1980, 2024) : null,
      website: rng.chance(0.5) ? `https://example.com/co/${i}` : null,
      roles: roleOf(i),
    });
  });
  const chipIds = Array.from({ length: counts.chips }, (_, i) => `syn-chip-${pad(i)}`);
  chipIds.forEach((id, i) => {
    const family = rng.pick(FAMILIES);
    const bf16 = Math.round(50 + rng.next() * 2500);
    entity('Chip', {
      id,
      name: `${family.split('-')[0]} X${i}`,
      aliases: [`X${i}`],
      description: `Synthetic accelerator ${i}.`,
      family,
      announced: date(rng, 2016, 2026),
      released: rng.chance(0.8) ? date(rng, 2016, 2026) : null,
      status: rng.pick(['announced', 'shipping', 'shipping', 'discontinued', 'rumored'] as const),
      processNode: rng.pick(['TSMC N7', 'TSMC 4N', 'SMIC N+2', 'Samsung 5LPE', 'TSMC N3']),
      memoryType: rng.pick(['HBM2e', 'HBM3', 'HBM3e', 'LPDDR5']),
      memoryGb: rng.pick([16, 32, 48, 64, 80, 96, 128, 141, 192, 288]),
      memoryBandwidthGbs: Math.round(rng.next() * 8000) + 500,
      bf16DenseTflops: bf16,
      fp16DenseTflops: bf16,
      fp8DenseTflops: rng.chance(0.5) ? bf16 * 2 : null,
      tdpWatts: rng.int(75, 1200),
      chinaCompliant: rng.chance(0.2),
    });
  });
  const stackIds = Array.from({ length: counts.stacks }, (_, i) => `syn-stack-${pad(i)}`);
  stackIds.forEach((id, i) =>
    entity('SoftwareStack', { id, name: `Synthetic stack ${i}`, openSource: rng.chance(0.5), website: null }),
  );
  const modelIds = Array.from({ length: counts.models }, (_, i) => `syn-model-${pad(i)}`);
  modelIds.forEach((id, i) => {
    const params = Math.round(10 ** (8 + rng.next() * 4.3));
    entity('Model', {
      id,
      name: `${rng.pick(WORDS)}-LM ${i}`,
      description: `Synthetic model ${i}.`,
      released: rng.chance(0.9) ? date(rng, 2018, 2026) : null,
      status: rng.pick(['released', 'released', 'announced', 'deprecated'] as const),
      openWeights: rng.chance(0.4),
      parameters: params,
      architecture: rng.pick(['dense', 'moe']),
      modality: rng.pick(['text', 'multimodal']),
      trainingComputeFlop: rng.chance(0.5) ? params * 6 * 1e12 : null,
      ...(rng.chance(0.05)
        ? {
            claims: [
              { field: 'parameters', value: params * 2, confidence: 'rumored', sources: cite(rng, 1) },
            ],
          }
        : {}),
    });
  });
  const controlIds = Array.from({ length: counts.controls }, (_, i) => `syn-ctl-${pad(i)}`);
  controlIds.forEach((id, i) => {
    const announced = date(rng, 2018, 2026);
    entity('ExportControl', {
      id,
      name: `Synthetic export control ${i}`,
      agency: rng.pick(['US BIS', 'China MOFCOM', 'Dutch government', 'METI']),
      measureType: rng.pick([
        'rule',
        'entity-list',
        'license-requirement',
        'guidance',
        'ban',
        'law',
      ] as const),
      announced,
      effective: announced,
      rescinded: rng.chance(0.1) ? date(rng, 2024, 2026) : null,
      summary: `Synthetic measure ${i}.`,
    });
  });

  // Hardware facts per model: ~0.9 training + ~1.5 inference on Zipf-popular chips (index 0 = the "H100").
  const hardwarePerModel = 0.9 + 1.5;
  const H = Array.from({ length: chipIds.length }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
  const listRank = Math.max(0, Math.round((counts.models * hardwarePerModel) / (H * 100)) - 1);
  const ordersTotal = Math.round(nodes * ordersPerNode);
  const relationshipsEstimate =
    counts.companies * 2.2 +
    counts.chips * 4.3 +
    counts.models * (1 + hardwarePerModel + 0.6) +
    counts.controls * 20 +
    ordersTotal;

  function* relationships(chunkSize: number): Generator<RelationshipRow[]> {
    const r = createRng(seed + 1);
    let chunk: RelationshipRow[] = [];
    const seen = new Set<string>();
    const rel = (record: Record<string, unknown> & { type: string; from: string; to: string }) => {
      const full = {
        key: null,
        confidence: r.pick(CONFIDENCE),
        sources: cite(r, 2),
        ...record,
      } as RelationshipRecord;
      const id = relationshipId(full);
      if (seen.has(id)) return;
      seen.add(id);
      chunk.push({ id, file: FILE, record: full });
    };
    // `seen` only needs to cover one entity's fan-out: ids embed both ends, so clear it between entities.
    const nextEntity = () => seen.clear();
    const country = zipf(r, COUNTRY_ORDER.length, 1.2);
    const popularChip = zipf(r, chipIds.length, 1);
    const popularDesigner = zipf(r, designers.length, 1);
    const popularLab = zipf(r, labs.length, 1);
    const popularCompany = zipf(r, companyIds.length, 0.7);
    const flush = function* () {
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
      }
    };

    for (const [i, id] of companyIds.entries()) {
      nextEntity();
      rel({ type: 'HEADQUARTERED_IN', from: id, to: COUNTRY_ORDER[country()]! });
      if (i > 10 && r.chance(0.08))
        rel({ type: 'SUBSIDIARY_OF', from: id, to: companyIds[r.int(0, Math.min(i - 1, 50))]! });
      for (let k = r.geometric(1); k > 0; k--) {
        const other = companyIds[popularCompany()]!;
        if (other !== id) rel({ type: 'PARTNERS_WITH', from: id, to: other, topic: 'synthetic partnership' });
      }
      yield* flush();
    }
    for (const [i, id] of stackIds.entries()) {
      nextEntity();
      rel({ type: 'MAINTAINS', from: designers[i % designers.length]!, to: id });
    }
    for (const [i, id] of chipIds.entries()) {
      nextEntity();
      const vendor = designers[popularDesigner()]!;
      rel({ type: 'DESIGNS', from: vendor, to: id });
      rel({
        type: 'FABRICATES',
        from: r.pick(foundries),
        to: id,
        processNode: r.pick(['N7', 'N5', 'N+2', 'N3']),
      });
      if (r.chance(0.3))
        rel({ type: 'FABRICATES', from: r.pick(foundries), to: id, key: 'alt', confidence: 'rumored' });
      rel({
        type: 'SUPPLIES',
        from: r.pick(memory),
        to: id,
        component: r.pick(['HBM3', 'HBM3e', 'CoWoS packaging']),
      });
      rel({ type: 'PROGRAMMED_WITH', from: id, to: r.chance(0.7) ? r.pick(REAL_STACKS) : r.pick(stackIds) });
      if (i > 0 && r.chance(0.6))
        rel({ type: 'SUCCEEDS', from: id, to: chipIds[r.int(Math.max(0, i - 40), i - 1)]! });
      yield* flush();
    }
    for (const [i, id] of modelIds.entries()) {
      nextEntity();
      rel({ type: 'DEVELOPS', from: labs[popularLab()]!, to: id });
      const training = r.chance(0.75) ? 1 + Math.min(3, r.geometric(0.2)) : 0;
      for (let k = 0; k < training; k++) {
        const chip = chipIds[popularChip()]!;
        rel({
          type: 'TRAINED_ON',
          from: id,
          to: chip,
          chipCount: r.chance(0.5) ? r.int(8, 100_000) : null,
          validFrom: date(r, 2018, 2026),
        });
      }
      for (let k = Math.min(8, r.geometric(1.5)); k > 0; k--) {
        rel({ type: 'RUNS_ON', from: id, to: chipIds[popularChip()]! });
      }
      // An earlier model as base (30%) or predecessor (21%).
      const lineage = i > 0 ? r.next() : 1;
      const earlier = () => modelIds[r.int(Math.max(0, i - 200), i - 1)]!;
      if (lineage < 0.3) rel({ type: 'VARIANT_OF', from: id, to: earlier() });
      else if (lineage < 0.51) rel({ type: 'SUCCEEDS', from: id, to: earlier() });
      yield* flush();
    }
    for (const id of controlIds) {
      nextEntity();
      rel({ type: 'ISSUED_BY', from: id, to: r.pick(ISSUERS) });
      for (let k = r.int(3, 30); k > 0; k--)
        rel({ type: 'RESTRICTS', from: id, to: chipIds[popularChip()]! });
      for (let k = r.int(1, 8); k > 0; k--)
        rel({ type: 'TARGETS', from: id, to: companyIds[popularCompany()]! });
      if (r.chance(0.5)) rel({ type: 'TARGETS', from: id, to: COUNTRY_ORDER[country()]! });
      yield* flush();
    }
    // Orders: buyers order popular chips repeatedly; each order is its own fact (key = order number).
    const popularBuyer = zipf(r, buyers.length, 0.6);
    for (let k = 0; k < ordersTotal; k++) {
      nextEntity();
      rel({
        type: 'ORDERED',
        from: buyers[popularBuyer()]!,
        to: chipIds[popularChip()]!,
        key: `o${k}`,
        units: r.chance(0.6) ? r.int(100, 200_000) : null,
        valueUsd: r.chance(0.3) ? r.int(1, 5000) * 1e6 : null,
        date: date(r, 2019, 2026),
        status: r.pick(['planned', 'ordered', 'ordered', 'delivered', 'cancelled', 'blocked'] as const),
        qualifier: r.pick(['exact', 'about', 'at-least', 'up-to'] as const),
      });
      yield* flush();
    }
    if (chunk.length) yield chunk;
  }

  return {
    sources,
    entities,
    relationships,
    counts: {
      nodes: sources.length + entities.length,
      relationshipsEstimate: Math.round(relationshipsEstimate),
    },
    picks: {
      listChip: chipIds[Math.min(listRank, chipIds.length - 1)]!,
      syntheticVendor: designers[0]!,
      syntheticModel: modelIds[0]!,
    },
  };
}

/**
 * Check generated rows against the seed format's zod schemas (every `every`-th row), so the generator cannot
 * drift from the format the loader is built for. Throws naming the first bad row.
 */
export function checkRows(bundle: Partial<SeedBundle>, every = 1): number {
  let checked = 0;
  const fail = (what: string, id: string, issues: unknown) => {
    throw new Error(`synthetic ${what} ${id} does not match the seed format: ${JSON.stringify(issues)}`);
  };
  const specs = new Map(ENTITY_SPECS.map((s) => [s.label, s.record]));
  bundle.sources?.forEach((s, i) => {
    if (i % every) return;
    const res = SourceRecord.safeParse(s.record);
    if (!res.success) fail('source', s.record.id, res.error.issues);
    checked++;
  });
  bundle.entities?.forEach((e, i) => {
    if (i % every) return;
    const res = specs.get(e.label)!.safeParse(e.record);
    if (!res.success) fail(e.label, e.record.id, res.error.issues);
    checked++;
  });
  bundle.relationships?.forEach((r, i) => {
    if (i % every) return;
    const res = RelationshipRecord.safeParse(r.record);
    if (!res.success) fail('relationship', r.id, res.error.issues);
    checked++;
  });
  return checked;
}
