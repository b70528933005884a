// Field resolvers of the entity types: node properties resolve by name; relationship-backed fields answer from the
// compiled statement (src/db/compiler) or, for parents that did not come from one, from the same traversal batched
// per nesting level (preloaded.ts). Fact types: facts.ts.
import type { EntityView, SourceView } from '../../db/repositories/records.js';
import { countryCodes, intInRange } from '../../domain/arguments.js';
import { today } from '../../domain/dependencies.js';
import { controlStatus, inForce } from '../../domain/export-controls.js';
import type { Context } from '../context.js';
import { factResolvers } from './facts.js';
import { sourcesOf, upper, type Args } from './helpers.js';
import { entityRelationResolvers, preferCompiled } from './preloaded.js';

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

const relations = entityRelationResolvers();

export const typeResolvers = preferCompiled({
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

  Country: { ...entityFields, domains, ...relations.Country },

  Company: {
    ...entityFields,
    domains,
    roles: (c: EntityView) => c.roles ?? [],
    ...relations.Company,
  },

  Chip: {
    ...entityFields,
    status: (c: EntityView) => upper(c.status),
    isFamily: (c: EntityView) => c.isFamily === true,
    // Deprecated in the API: derived from the GB/s figure (older API-written chips may still hold TB/s).
    memoryBandwidthTbs: (c: EntityView) =>
      typeof c.memoryBandwidthGbs === 'number' ? c.memoryBandwidthGbs / 1000 : (c.memoryBandwidthTbs ?? null),
    // Its own question (ranking by specs and controls in force), not a traversal: a batched loader.
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
    ...relations.Chip,
  },

  SoftwareStack: { ...entityFields, domains, ...relations.SoftwareStack },

  Model: { ...entityFields, status: (m: EntityView) => upper(m.status), ...relations.Model },

  ExportControl: {
    ...entityFields,
    measureType: (x: EntityView) => upper(x.measureType),
    inForce: (x: EntityView, args: { asOf?: string | null }) => inForce(x, args.asOf),
    status: (x: EntityView, args: { asOf?: string | null }) => controlStatus(x, args.asOf),
    suspensions: (x: EntityView) =>
      typeof x.suspensionsJson === 'string' ? (JSON.parse(x.suspensionsJson) as SuspensionStored[]) : [],
    ...relations.ExportControl,
  },

  ...factResolvers,
});
