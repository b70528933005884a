// How each API field maps onto the graph: the one definition the compiler (compile.ts) turns into Cypher and the
// GraphQL resolvers use for their fallback. Entity fields not listed here are node properties of the same name
// (PROPERTY_DEPS lists the derived ones); relationship-backed fields are listed with the traversal they mean.
import type { EntityLabel } from '../ontology.js';

type Direction = 'out' | 'in';

/** A relationship-backed field and the traversal it means. */
export type FieldRule =
  /** The entity at the other end of the best-supported live fact of one type (vendor, country...). */
  | { kind: 'one'; rel: string; dir: Direction }
  /** The entities at the other end of every live fact of one type, by name. */
  | { kind: 'many'; rel: string; dir: Direction }
  /** Every live fact of one type as an object with both ends, by the other end's name (or newest first). */
  | { kind: 'objects'; rel: string; dir: Direction; newestFirst?: boolean; inForceArg?: string }
  /** PARTNERS_WITH both ways: outgoing first, then incoming, each by the partner's name. */
  | { kind: 'partners' }
  /** Chips a company designs, its own and its direct subsidiaries' (each chip once). */
  | { kind: 'designs' }
  /** TRAINED_ON / RUNS_ON facts of a model (side model) or a chip (side chip), newest model first. */
  | { kind: 'hardware'; side: 'model' | 'chip' }
  /** The Source nodes named by the `sources` id list, in its order. */
  | { kind: 'sources' }
  /** An end of the fact (fact objects, hardware dependencies); with `label`, only when it has that label. */
  | { kind: 'end'; side: 'from' | 'to'; label?: EntityLabel }
  /** The entity whose id a property holds (an order's seller, a source's publisher). */
  | { kind: 'byId'; prop: string }
  /** An order's vendor: the target company, else the chip's best-supported designer. */
  | { kind: 'orderVendor' };

const one = (rel: string, dir: Direction): FieldRule => ({ kind: 'one', rel, dir });
const many = (rel: string, dir: Direction): FieldRule => ({ kind: 'many', rel, dir });
const objects = (rel: string, dir: Direction, newestFirst = false): FieldRule => ({
  kind: 'objects',
  rel,
  dir,
  newestFirst,
});
const SOURCES: FieldRule = { kind: 'sources' };
const FROM: FieldRule = { kind: 'end', side: 'from' };
const TO: FieldRule = { kind: 'end', side: 'to' };

/** Entity types (one per node label) and their relationship-backed fields. */
export const ENTITY_FIELDS: Record<EntityLabel, Record<string, FieldRule>> = {
  Country: {
    sources: SOURCES,
    companies: many('HEADQUARTERED_IN', 'in'),
    exportControlsIssued: many('ISSUED_BY', 'in'),
    exportControlsTargeting: many('TARGETS', 'in'),
  },
  Company: {
    sources: SOURCES,
    country: one('HEADQUARTERED_IN', 'out'),
    parent: one('SUBSIDIARY_OF', 'out'),
    subsidiaries: many('SUBSIDIARY_OF', 'in'),
    chips: { kind: 'designs' },
    fabricates: objects('FABRICATES', 'out'),
    supplies: objects('SUPPLIES', 'out'),
    softwareStacks: many('MAINTAINS', 'out'),
    models: many('DEVELOPS', 'out'),
    orders: objects('ORDERED', 'out', true),
    deployments: objects('DEPLOYS', 'out', true),
    partners: { kind: 'partners' },
    targetedBy: objects('TARGETS', 'in'),
  },
  Chip: {
    sources: SOURCES,
    vendor: one('DESIGNS', 'in'),
    foundries: objects('FABRICATES', 'in'),
    suppliers: objects('SUPPLIES', 'in'),
    softwareStacks: many('PROGRAMMED_WITH', 'out'),
    exportControls: { kind: 'objects', rel: 'RESTRICTS', dir: 'in', inForceArg: 'asOf' },
    orders: objects('ORDERED', 'in', true),
    deployments: objects('DEPLOYS', 'in', true),
    models: { kind: 'hardware', side: 'chip' },
    predecessor: one('SUCCEEDS', 'out'),
    successors: many('SUCCEEDS', 'in'),
  },
  SoftwareStack: {
    sources: SOURCES,
    maintainers: many('MAINTAINS', 'in'),
    chips: many('PROGRAMMED_WITH', 'in'),
  },
  Model: {
    sources: SOURCES,
    developer: one('DEVELOPS', 'in'),
    developers: many('DEVELOPS', 'in'),
    hardware: { kind: 'hardware', side: 'model' },
    variantOf: one('VARIANT_OF', 'out'),
    variants: many('VARIANT_OF', 'in'),
    predecessor: one('SUCCEEDS', 'out'),
    successors: many('SUCCEEDS', 'in'),
  },
  ExportControl: {
    sources: SOURCES,
    issuer: one('ISSUED_BY', 'out'),
    restricts: objects('RESTRICTS', 'out'),
    targets: objects('TARGETS', 'out'),
  },
};

/** Relationships presented as objects (Order, Foundry...) and hardware dependencies: their entity-valued fields. */
export const FACT_FIELDS: Record<string, Record<string, FieldRule>> = {
  Order: {
    buyer: FROM,
    chip: { kind: 'end', side: 'to', label: 'Chip' },
    vendor: { kind: 'orderVendor' },
    seller: { kind: 'byId', prop: 'seller' },
    sources: SOURCES,
  },
  Deployment: { company: FROM, chip: TO, sources: SOURCES },
  Foundry: { company: FROM, chip: TO, sources: SOURCES },
  Supply: { supplier: FROM, customer: TO, sources: SOURCES },
  Partnership: { partner: TO, sources: SOURCES },
  Restriction: { control: FROM, chip: TO, sources: SOURCES },
  ControlTarget: { control: FROM, target: TO, sources: SOURCES },
  HardwareDependency: { model: FROM, chip: TO, sources: SOURCES },
};

/** Source's entity-valued field. */
export const SOURCE_FIELDS: Record<string, FieldRule> = {
  publisherEntity: { kind: 'byId', prop: 'publisherId' },
};

/** Scalar fields computed from other properties (or none): the properties to fetch for them. */
export const PROPERTY_DEPS: Record<string, readonly string[]> = {
  __typename: [],
  kind: [],
  claims: ['claimsJson'],
  memoryBandwidthTbs: ['memoryBandwidthGbs', 'memoryBandwidthTbs'],
  suspensions: ['suspensionsJson'],
  inForce: ['effective', 'announced', 'rescinded', 'suspendedFrom', 'suspendedUntil'],
  // ExportControl.status reads the in-force dates; Chip/Model status is the property itself.
  status: ['status', 'effective', 'announced', 'rescinded', 'suspendedFrom', 'suspendedUntil'],
  // Facts: an order's or deployment's date falls back to validFrom; a dependency's role is its type.
  date: ['date', 'validFrom'],
  role: [],
  // Answered by its own question (ChipRepository.alternatives), not a property.
  alternatives: [],
};

/** Every Source field the API serves is a property; these are always fetched (SourceView's shape). */
export const SOURCE_PROPERTIES = [
  'id',
  'publisher',
  'title',
  'url',
  'published',
  'kind',
  'publisherId',
  'undated',
];

export const ENTITY_TYPES = new Set<string>(Object.keys(ENTITY_FIELDS));
export const isEntityType = (type: string): type is EntityLabel => ENTITY_TYPES.has(type);
