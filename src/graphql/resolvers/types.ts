// Field resolvers of the entity types: node properties resolve by name; relationship-backed fields answer from the
// compiled statement (src/db/compiler) or, for parents that did not come from one, from the same traversal batched
// per nesting level (preloaded.ts). Fact types: facts.ts.
import type { EntityView } from '../../db/repositories/records.js';
import { countryCodes, intInRange } from '../../domain/arguments.js';
import { today } from '../../domain/dependencies.js';
import { controlStatus, inForce } from '../../domain/export-controls.js';
import type {
  ChipStatus,
  CompanyResolvers,
  Confidence,
  MeasureType,
  ModelStatus,
} from '../generated/resolvers.js';
import type { ClaimStored, SuspensionStored } from './parents.js';
import { factResolvers } from './facts.js';
import { sourcesOf, upper } from './helpers.js';
import { entityRelationResolvers, preferCompiled } from './preloaded.js';

export { sourcesOf, type FactObject } from './helpers.js';

// Node properties are stored values (checked by the seed validator and curation inputs when written): read as the
// types the SDL gives them.
/** The same on every entity type. */
const entityFields: Pick<CompanyResolvers, 'description' | 'version' | 'claims'> = {
  description: (e) => (e.description as string | undefined) ?? null,
  // Curation's optimistic-concurrency version: 0 until the entity is first written through the API.
  version: (e) => (typeof e.version === 'number' ? e.version : 0),
  claims: (e) =>
    typeof e.claimsJson === 'string' ? (JSON.parse(e.claimsJson) as ClaimStored[]) : ([] as ClaimStored[]),
};

/** Official domains (companies, countries, software stacks). */
const domains = (e: EntityView): string[] => (Array.isArray(e.domains) ? (e.domains as string[]) : []);

const relations = entityRelationResolvers();

export const typeResolvers = preferCompiled({
  Entity: { __resolveType: (e) => e.label },

  Suspension: {
    until: (x) => x.until ?? null,
    note: (x) => x.note ?? null,
    sources: (x, _, ctx) => sourcesOf(x.sources, ctx),
  },

  Source: {
    published: (s) => s.published,
    undated: (s) => s.undated,
    publisherEntity: (s, _, ctx) => (s.publisherId ? ctx.loaders.entity.load(s.publisherId) : null),
  },

  Claim: {
    confidence: (c) => upper<Confidence>(c.confidence),
    sources: (c, _, ctx) => sourcesOf(c.sources, ctx),
    date: (c) => c.date ?? null,
    note: (c) => c.note ?? null,
  },

  Country: { ...entityFields, domains, ...relations.Country },

  Company: {
    ...entityFields,
    domains,
    roles: (c) => (c.roles as string[] | undefined) ?? [],
    ...relations.Company,
  },

  Chip: {
    ...entityFields,
    status: (c) => upper<ChipStatus>(c.status),
    isFamily: (c) => c.isFamily === true,
    // Deprecated in the API: derived from the GB/s figure (older API-written chips may still hold TB/s).
    memoryBandwidthTbs: (c) =>
      typeof c.memoryBandwidthGbs === 'number'
        ? c.memoryBandwidthGbs / 1000
        : ((c.memoryBandwidthTbs as number | undefined) ?? null),
    // Its own question (ranking by specs and controls in force), not a traversal: a batched loader.
    alternatives: (c, args, ctx) =>
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

  Model: { ...entityFields, status: (m) => upper<ModelStatus>(m.status), ...relations.Model },

  ExportControl: {
    ...entityFields,
    measureType: (x) => upper<MeasureType>(x.measureType),
    inForce: (x, args) => inForce(x, args.asOf),
    status: (x, args) => controlStatus(x, args.asOf),
    suspensions: (x) =>
      typeof x.suspensionsJson === 'string' ? (JSON.parse(x.suspensionsJson) as SuspensionStored[]) : [],
    ...relations.ExportControl,
  },

  ...factResolvers,
});
