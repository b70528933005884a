// The seed file format as zod schemas (see schema/seed-format.md): one schema per entity kind and relationship type.
import { z } from 'zod';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for ISO 8601 dates of year, month or day precision that exist on the calendar. */
export function isPartialDate(value: string): boolean {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return day >= 1 && day <= last;
}

export const Slug = z.string().regex(SLUG, { message: 'must be a lowercase kebab-case slug, e.g. nvidia-h100' });
export const PartialDate = z
  .string()
  .refine(isPartialDate, { message: 'must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (a real day)' });
export const CONFIDENCES = ['confirmed', 'reported', 'rumored'] as const;
export const Confidence = z.enum(CONFIDENCES);

const nonNeg = z.number().finite().nonnegative();
const positive = z.number().finite().positive();
const optDate = PartialDate.nullish();
const optText = z.string().min(1).nullish();
const SourceIds = z.array(Slug).min(1, { message: 'needs at least one source id' });

export const ClaimRecord = z.strictObject({
  field: z.string().min(1),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  confidence: Confidence,
  sources: SourceIds,
  date: optDate,
  note: optText,
});

const entityBase = {
  id: Slug,
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  description: optText,
  sources: SourceIds,
  claims: z.array(ClaimRecord).optional(),
};

export const SOURCE_KINDS = ['official', 'press', 'paper', 'dataset', 'blog'] as const;
export const SourceRecord = z.strictObject({
  id: Slug,
  publisher: z.string().min(1),
  /** The entity whose own publication this is (required for `official`). */
  publisherId: Slug.nullish(),
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }).nullable(),
  published: PartialDate.nullable(),
  /** The page shows no publication date (required when `published` is null). */
  undated: z.boolean().nullish(),
  kind: z.enum(SOURCE_KINDS),
  note: optText,
});

/** Official domains of an entity: hosts (any sub-domain matches) or host + path prefixes. */
const Domains = z
  .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}(\/[A-Za-z0-9._~/-]+)?$/, { message: 'must be a host or host/path, e.g. nvidia.com or github.com/deepseek-ai' }))
  .optional();

export const CountryRecord = z.strictObject({
  ...entityBase,
  id: z.string().regex(/^[a-z]{2}$/, { message: 'a country id is its lowercase ISO 3166 alpha-2 code' }),
  code: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an uppercase ISO 3166 alpha-2 code' }),
  sources: z.array(Slug).default([]),
  domains: Domains,
});

export const COMPANY_ROLES = [
  'chip-designer',
  'foundry',
  'memory',
  'equipment',
  'packaging',
  'ai-lab',
  'cloud',
  'server-maker',
  'buyer',
  'government',
  'group',
] as const;

export const CompanyRecord = z.strictObject({
  ...entityBase,
  founded: optDate,
  website: z.url({ protocol: /^https?$/ }).nullish(),
  ticker: optText,
  roles: z.array(z.enum(COMPANY_ROLES)).default([]),
  domains: Domains,
});

export const MEMORY_TYPES = [
  'HBM',
  'HBM2',
  'HBM2e',
  'HBM3',
  'HBM3e',
  'HBM4',
  'HBM4e',
  'LPDDR',
  'LPDDR4X',
  'LPDDR5',
  'LPDDR5X',
  'GDDR6',
  'GDDR6X',
  'GDDR7',
  'DDR4',
  'DDR5',
] as const;

export const CHIP_STATUSES = ['announced', 'shipping', 'discontinued', 'rumored'] as const;
export const ChipRecord = z.strictObject({
  ...entityBase,
  family: optText,
  announced: optDate,
  released: optDate,
  status: z.enum(CHIP_STATUSES).nullish(),
  processNode: optText,
  memoryType: z.enum(MEMORY_TYPES).nullish(),
  memoryGb: positive.nullish(),
  /** Off-chip memory bandwidth (HBM, GDDR, LPDDR) in GB/s. */
  memoryBandwidthGbs: positive.nullish(),
  /** On-chip SRAM, kept apart from off-chip memory. */
  sramMb: positive.nullish(),
  sramBandwidthGbs: positive.nullish(),
  fp16DenseTflops: positive.nullish(),
  bf16DenseTflops: positive.nullish(),
  fp8DenseTflops: positive.nullish(),
  fp4DenseTflops: positive.nullish(),
  int8DenseTops: positive.nullish(),
  tdpWatts: positive.nullish(),
  interconnect: optText,
  /** Total chip-to-chip bandwidth in GB/s, as the vendor states it. */
  interconnectGbs: positive.nullish(),
  chinaCompliant: z.boolean().nullish(),
  /** A family node (a vendor's chips of unnamed generation, e.g. "Google TPU"): it carries no figures. */
  isFamily: z.boolean().nullish(),
});

export const SoftwareStackRecord = z.strictObject({
  ...entityBase,
  website: z.url({ protocol: /^https?$/ }).nullish(),
  openSource: z.boolean().nullish(),
  domains: Domains,
});

export const MODEL_STATUSES = ['announced', 'released', 'deprecated', 'rumored'] as const;
export const ModelRecord = z.strictObject({
  ...entityBase,
  released: optDate,
  status: z.enum(MODEL_STATUSES).nullish(),
  openWeights: z.boolean().nullish(),
  parameters: positive.nullish(),
  activeParameters: positive.nullish(),
  architecture: optText,
  contextTokens: positive.int().nullish(),
  trainingComputeFlop: positive.nullish(),
  trainingTokens: positive.nullish(),
  modality: optText,
  /** What is known of the hardware where no public source names it (e.g. "no public source names the chips"). */
  hardwareNote: optText,
  /** A family of models (e.g. DeepSeek-V4): its variants point at it with VARIANT_OF and carry the figures. */
  isFamily: z.boolean().nullish(),
});

export const SuspensionRecord = z.strictObject({
  from: PartialDate,
  until: PartialDate.nullable(),
  sources: SourceIds,
  note: optText,
});

export const ExportControlRecord = z.strictObject({
  ...entityBase,
  agency: optText,
  measureType: z.enum(['rule', 'entity-list', 'license-requirement', 'guidance', 'ban', 'law']).nullish(),
  announced: optDate,
  effective: optDate,
  rescinded: optDate,
  /** Periods in which the measure does not apply: from (inclusive) until (exclusive; null = until further notice). */
  suspensions: z.array(SuspensionRecord).optional(),
  summary: optText,
  citation: optText,
});

// ---- relationships ----

const relBase = {
  from: Slug,
  to: Slug,
  key: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'must be short lowercase text, e.g. 2025-q1' }).nullish(),
  confidence: Confidence,
  sources: SourceIds,
  validFrom: optDate,
  validTo: optDate,
  note: optText,
};

const rel = <T extends string, S extends z.ZodRawShape>(type: T, extra: S) =>
  z.strictObject({ type: z.literal(type), ...relBase, ...extra });

export const ORDER_STATUSES = ['planned', 'negotiating', 'ordered', 'delivered', 'cancelled', 'blocked'] as const;
export const DEPLOY_STATUSES = ['planned', 'deploying', 'deployed', 'retired'] as const;
export const QUALIFIERS = ['exact', 'about', 'at-least', 'up-to'] as const;

export const RelationshipRecord = z.discriminatedUnion('type', [
  rel('HEADQUARTERED_IN', {}),
  rel('SUBSIDIARY_OF', {}),
  rel('DESIGNS', {}),
  rel('FABRICATES', { processNode: optText }),
  rel('SUPPLIES', { component: optText }),
  rel('MAINTAINS', {}),
  rel('PROGRAMMED_WITH', {}),
  rel('DEVELOPS', {}),
  rel('TRAINED_ON', { chipCount: positive.int().nullish(), chipHours: positive.nullish(), cluster: optText }),
  rel('RUNS_ON', { chipCount: positive.int().nullish(), cluster: optText }),
  rel('ORDERED', {
    units: nonNeg.int().nullish(),
    valueUsd: nonNeg.nullish(),
    valueLocal: nonNeg.nullish(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as CNY' })
      .nullish(),
    date: optDate,
    status: z.enum(ORDER_STATUSES).nullish(),
    qualifier: z.enum(QUALIFIERS).nullish(),
    /** Who sold, when a source names it (a designer, a reseller, a server maker, a cloud). */
    seller: Slug.nullish(),
    /** Shared by the records of one joint order; units and values sit on one of them. */
    jointOrder: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'must be short lowercase text' }).nullish(),
    /** The vendor's family when the order points at the vendor (no chip model named). */
    chipFamily: optText,
  }),
  rel('DEPLOYS', {
    units: nonNeg.int().nullish(),
    qualifier: z.enum(QUALIFIERS).nullish(),
    date: optDate,
    status: z.enum(DEPLOY_STATUSES).nullish(),
    cluster: optText,
  }),
  rel('ISSUED_BY', {}),
  rel('RESTRICTS', {}),
  rel('TARGETS', {}),
  rel('PARTNERS_WITH', { topic: optText }),
  rel('SUCCEEDS', {}),
  rel('VARIANT_OF', {}),
]);

export type SourceRecord = z.infer<typeof SourceRecord>;
export type RelationshipRecord = z.infer<typeof RelationshipRecord>;
export type RelationshipType = RelationshipRecord['type'];
export type ClaimRecord = z.infer<typeof ClaimRecord>;
export type Confidence = z.infer<typeof Confidence>;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type SuspensionRecord = z.infer<typeof SuspensionRecord>;

/** `seed/dataset.json`: what the dataset is (the record's end date and load time are derived at load). */
export const DatasetRecord = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'must be a semantic version such as 2.0.0' }),
  title: z.string().min(1),
  description: optText,
  license: z.string().min(1),
  licenseUrl: z.url({ protocol: /^https?$/ }).nullish(),
});
export type DatasetRecord = z.infer<typeof DatasetRecord>;
