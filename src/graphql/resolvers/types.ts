// Field resolvers of the entity types: node properties resolve by name; relationships go through per-request
// DataLoaders, so a list of N parents costs one round trip per nested field, not N. Fact types: facts.ts.
import type { EntityView, SourceView } from '../../db/repositories/records.js';
import {
  confidencesAtLeast,
  countryCodes,
  intInRange,
  type ConfidenceLevel,
} from '../../domain/arguments.js';
import { relTypes, today, type HardwareRole } from '../../domain/dependencies.js';
import { controlStatus, inForce } from '../../domain/export-controls.js';
import type { Context } from '../context.js';
import { factResolvers } from './facts.js';
import {
  byDateDesc,
  facts,
  incoming,
  many,
  objects,
  one,
  others,
  sourcesOf,
  upper,
  type Args,
} from './helpers.js';

export { sourcesOf, type FactObject } from './helpers.js';

interface ClaimStored {
  field: string;
  value: unknown;
  confidence: string;
  sources: string[];
  date?: string | null;
  note?: string | null;
}

const entityFields = {
  description: (e: EntityView) => e.description ?? null,
  // Curation's optimistic-concurrency version: 0 until the entity is first written through the API.
  version: (e: EntityView) => (typeof e.version === 'number' ? e.version : 0),
  sources: (e: EntityView, _: Args, ctx: Context) => sourcesOf(e.sourceIds, ctx),
  claims: (e: EntityView) =>
    typeof e.claimsJson === 'string' ? (JSON.parse(e.claimsJson) as ClaimStored[]) : ([] as ClaimStored[]),
};

/** Official domains (companies, countries, software stacks). */
const domains = (e: EntityView): string[] => (Array.isArray(e.domains) ? (e.domains as string[]) : []);

interface SuspensionStored {
  from: string;
  until: string | null;
  sources: string[];
  note?: string | null;
}

const hardwareArgs = (args: { role?: HardwareRole | null; minConfidence?: ConfidenceLevel | null }) => ({
  relTypes: relTypes(args.role),
  confidences: confidencesAtLeast(args.minConfidence),
});

export const typeResolvers = {
  Entity: { __resolveType: (e: EntityView) => e.label },

  Suspension: {
    until: (x: SuspensionStored) => x.until ?? null,
    note: (x: SuspensionStored) => x.note ?? null,
    sources: (x: SuspensionStored, _: Args, ctx: Context) => sourcesOf(x.sources, ctx),
  },

  Source: {
    published: (s: SourceView) => s.published,
    undated: (s: SourceView) => s.undated,
    publisherEntity: (s: SourceView, _: Args, ctx: Context) =>
      s.publisherId ? ctx.loaders.entity.load(s.publisherId) : null,
  },

  Claim: {
    confidence: (c: ClaimStored) => upper(c.confidence),
    sources: (c: ClaimStored, _: Args, ctx: Context) => sourcesOf(c.sources, ctx),
    date: (c: ClaimStored) => c.date ?? null,
    note: (c: ClaimStored) => c.note ?? null,
  },

  Country: {
    ...entityFields,
    domains,
    companies: many('HEADQUARTERED_IN', 'in'),
    exportControlsIssued: many('ISSUED_BY', 'in'),
    exportControlsTargeting: many('TARGETS', 'in'),
  },

  Company: {
    ...entityFields,
    domains,
    roles: (c: EntityView) => c.roles ?? [],
    country: one('HEADQUARTERED_IN', 'out'),
    parent: one('SUBSIDIARY_OF', 'out'),
    subsidiaries: many('SUBSIDIARY_OF', 'in'),
    chips: async (c: EntityView, _: Args, ctx: Context) => {
      const subs = others(await facts(ctx, 'SUBSIDIARY_OF', 'in', c.id));
      const lists = await ctx.loaders
        .facts({ type: 'DESIGNS', direction: 'out' })
        .loadMany([c.id, ...subs.map((s) => s.id)]);
      const seen = new Map<string, EntityView>();
      for (const l of lists) if (Array.isArray(l)) for (const f of l) seen.set(f.other.id, f.other);
      return [...seen.values()];
    },
    fabricates: objects('FABRICATES', 'out'),
    supplies: objects('SUPPLIES', 'out'),
    softwareStacks: many('MAINTAINS', 'out'),
    models: many('DEVELOPS', 'out'),
    // Orders it placed, for chip models and vendor-level ones (ORDERED → the vendor company).
    orders: objects('ORDERED', 'out', byDateDesc),
    deployments: objects('DEPLOYS', 'out', byDateDesc),
    partners: async (c: EntityView, _: Args, ctx: Context) => {
      const [out, inc] = await Promise.all([
        facts(ctx, 'PARTNERS_WITH', 'out', c.id),
        facts(ctx, 'PARTNERS_WITH', 'in', c.id),
      ]);
      return [...out, ...inc].map(({ fact, other }) => ({ fact, from: c, to: other }));
    },
    targetedBy: objects('TARGETS', 'in'),
  },

  Chip: {
    ...entityFields,
    status: (c: EntityView) => upper(c.status),
    vendor: one('DESIGNS', 'in'),
    foundries: objects('FABRICATES', 'in'),
    suppliers: objects('SUPPLIES', 'in'),
    softwareStacks: many('PROGRAMMED_WITH', 'out'),
    exportControls: async (c: EntityView, args: { asOf?: string | null }, ctx: Context) =>
      incoming(await facts(ctx, 'RESTRICTS', 'in', c.id), c).filter(
        (o) => !args.asOf || inForce(o.from as EntityView, args.asOf),
      ),
    orders: objects('ORDERED', 'in', byDateDesc),
    deployments: objects('DEPLOYS', 'in', byDateDesc),
    // Deprecated in the API: derived from the GB/s figure (older API-written chips may still hold TB/s).
    memoryBandwidthTbs: (c: EntityView) =>
      typeof c.memoryBandwidthGbs === 'number' ? c.memoryBandwidthGbs / 1000 : (c.memoryBandwidthTbs ?? null),
    models: (
      c: EntityView,
      args: { role?: HardwareRole | null; minConfidence?: ConfidenceLevel | null },
      ctx: Context,
    ) => ctx.loaders.hardware({ side: 'chip', ...hardwareArgs(args) }).load(c.id),
    alternatives: (
      c: EntityView,
      args: {
        first?: number | null;
        excludeVendorCountries?: string[] | null;
        unrestricted?: boolean | null;
        asOf?: string | null;
      },
      ctx: Context,
    ) =>
      ctx.loaders
        .alternatives({
          first: intInRange(args.first ?? 5, 'first', 1, 50),
          excludeVendorCountries: countryCodes(args.excludeVendorCountries, 'excludeVendorCountries'),
          unrestricted: args.unrestricted ?? false,
          controlDate: args.asOf ?? today(),
        })
        .load(c.id),
    predecessor: one('SUCCEEDS', 'out'),
    successors: many('SUCCEEDS', 'in'),
  },

  SoftwareStack: {
    ...entityFields,
    domains,
    maintainers: many('MAINTAINS', 'in'),
    chips: many('PROGRAMMED_WITH', 'in'),
  },

  Model: {
    ...entityFields,
    status: (m: EntityView) => upper(m.status),
    developer: one('DEVELOPS', 'in'),
    developers: many('DEVELOPS', 'in'),
    hardware: (
      m: EntityView,
      args: { role?: HardwareRole | null; minConfidence?: ConfidenceLevel | null },
      ctx: Context,
    ) => ctx.loaders.hardware({ side: 'model', ...hardwareArgs(args) }).load(m.id),
    variantOf: one('VARIANT_OF', 'out'),
    variants: many('VARIANT_OF', 'in'),
    predecessor: one('SUCCEEDS', 'out'),
    successors: many('SUCCEEDS', 'in'),
  },

  ExportControl: {
    ...entityFields,
    measureType: (x: EntityView) => upper(x.measureType),
    inForce: (x: EntityView, args: { asOf?: string | null }) => inForce(x, args.asOf),
    status: (x: EntityView, args: { asOf?: string | null }) => controlStatus(x, args.asOf),
    suspensions: (x: EntityView) =>
      typeof x.suspensionsJson === 'string' ? (JSON.parse(x.suspensionsJson) as SuspensionStored[]) : [],
    issuer: one('ISSUED_BY', 'out'),
    restricts: objects('RESTRICTS', 'out'),
    targets: objects('TARGETS', 'out'),
  },

  ...factResolvers,
};
