// Field resolvers of the entity and fact types: node properties resolve by name; relationships go through
// per-request DataLoaders, so a list of N parents costs one round trip per nested field, not N.
import type { DependencyRow } from '../../db/repositories/dependency-repository.js';
import type { EntityView, FactView, SourceView } from '../../db/repositories/records.js';
import {
  confidencesAtLeast,
  countryCodes,
  intInRange,
  type ConfidenceLevel,
} from '../../domain/arguments.js';
import { relTypes, ROLE_OF_REL, today, type HardwareRole } from '../../domain/dependencies.js';
import type { Context, FactWithOther } from '../context.js';

type Args = Record<string, unknown>;

export async function sourcesOf(ids: readonly string[], ctx: Context): Promise<SourceView[]> {
  const found = await ctx.loaders.source.loadMany(ids);
  return found.filter((s): s is SourceView => s !== null && !(s instanceof Error));
}

const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase().replace(/-/g, '_') : null);

/** Facts of one type next to an entity (through the batched loader). */
const facts = (ctx: Context, type: string, direction: 'out' | 'in', id: string) =>
  ctx.loaders.facts({ type, direction }).load(id);

const RANK: Record<string, number> = { confirmed: 0, reported: 1, rumored: 2 };
const best = (list: FactWithOther[]) =>
  [...list].sort((a, b) => (RANK[a.fact.confidence] ?? 3) - (RANK[b.fact.confidence] ?? 3))[0]?.other ?? null;

const others = (list: FactWithOther[]) => list.map((f) => f.other);

/** Resolver: the entity at the other end of the best-supported fact of one type (vendor, country...). */
const one = (type: string, direction: 'out' | 'in') => async (e: EntityView, _: Args, ctx: Context) =>
  best(await facts(ctx, type, direction, e.id));
/** Resolver: the entities at the other end of every fact of one type. */
const many = (type: string, direction: 'out' | 'in') => async (e: EntityView, _: Args, ctx: Context) =>
  others(await facts(ctx, type, direction, e.id));

/** A relationship presented as an object: its properties by name, plus the entities at both ends. */
export interface FactObject {
  fact: FactView;
  from: EntityView | string;
  to: EntityView | string;
  sources?: SourceView[];
}

const end = async (e: EntityView | string, ctx: Context) =>
  typeof e === 'string' ? ctx.loaders.entity.load(e) : e;

/** Resolvers shared by every relationship-backed type. */
function factFields(fromField: string | null, toField: string) {
  return {
    ...(fromField ? { [fromField]: (o: FactObject, _: Args, ctx: Context) => end(o.from, ctx) } : {}),
    [toField]: (o: FactObject, _: Args, ctx: Context) => end(o.to, ctx),
    confidence: (o: FactObject) => upper(o.fact.confidence),
    sources: (o: FactObject, _: Args, ctx: Context) => o.sources ?? sourcesOf(o.fact.sourceIds, ctx),
    note: (o: FactObject) => o.fact.props.note ?? null,
    validFrom: (o: FactObject) => o.fact.props.validFrom ?? null,
    validTo: (o: FactObject) => o.fact.props.validTo ?? null,
  };
}

const factProp = (name: string) => (o: FactObject) => o.fact.props[name] ?? null;

const outgoing = (list: FactWithOther[], self: EntityView): FactObject[] =>
  list.map(({ fact, other }) => ({ fact, from: self, to: other }));
const incoming = (list: FactWithOther[], self: EntityView): FactObject[] =>
  list.map(({ fact, other }) => ({ fact, from: other, to: self }));

const factDate = (o: FactObject) => (o.fact.props.date ?? o.fact.props.validFrom ?? '') as string;
const byDateDesc = (a: FactObject, b: FactObject) => factDate(b).localeCompare(factDate(a));

/** Resolver: every fact of one type as an object with both ends (orders, foundries, restrictions...). */
const objects =
  (type: string, direction: 'out' | 'in', order?: (a: FactObject, b: FactObject) => number) =>
  async (e: EntityView, _: Args, ctx: Context) => {
    const list = await facts(ctx, type, direction, e.id);
    const objs = direction === 'out' ? outgoing(list, e) : incoming(list, e);
    return order ? objs.sort(order) : objs;
  };

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

/** The date controls are checked against (today when no asOf is given). */
export function inForce(control: EntityView, asOf: string | null | undefined): boolean {
  const date = asOf ?? today();
  const start = (control.effective ?? control.announced) as string | undefined;
  const rescinded = control.rescinded as string | undefined;
  return start !== undefined && start <= date && (rescinded === undefined || rescinded > date);
}

const hardwareArgs = (args: { role?: HardwareRole | null; minConfidence?: ConfidenceLevel | null }) => ({
  relTypes: relTypes(args.role),
  confidences: confidencesAtLeast(args.minConfidence),
});

export const typeResolvers = {
  Entity: { __resolveType: (e: EntityView) => e.label },

  Claim: {
    confidence: (c: ClaimStored) => upper(c.confidence),
    sources: (c: ClaimStored, _: Args, ctx: Context) => sourcesOf(c.sources, ctx),
    date: (c: ClaimStored) => c.date ?? null,
    note: (c: ClaimStored) => c.note ?? null,
  },

  Country: {
    ...entityFields,
    companies: many('HEADQUARTERED_IN', 'in'),
    exportControlsIssued: many('ISSUED_BY', 'in'),
    exportControlsTargeting: many('TARGETS', 'in'),
  },

  Company: {
    ...entityFields,
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
    orders: objects('ORDERED', 'out', byDateDesc),
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
    issuer: one('ISSUED_BY', 'out'),
    restricts: objects('RESTRICTS', 'out'),
    targets: objects('TARGETS', 'out'),
  },

  HardwareDependency: {
    id: (d: DependencyRow) => d.fact.id,
    role: (d: DependencyRow) => ROLE_OF_REL[d.fact.type],
    chipCount: (d: DependencyRow) => d.fact.props.chipCount ?? null,
    chipHours: (d: DependencyRow) => d.fact.props.chipHours ?? null,
    cluster: (d: DependencyRow) => d.fact.props.cluster ?? null,
    confidence: (d: DependencyRow) => upper(d.fact.confidence),
    sources: (d: DependencyRow) => d.sources,
    validFrom: (d: DependencyRow) => d.fact.props.validFrom ?? null,
    validTo: (d: DependencyRow) => d.fact.props.validTo ?? null,
    note: (d: DependencyRow) => d.fact.props.note ?? null,
  },

  Order: {
    ...factFields('buyer', 'chip'),
    id: (o: FactObject) => o.fact.id,
    units: factProp('units'),
    valueUsd: factProp('valueUsd'),
    valueLocal: factProp('valueLocal'),
    currency: factProp('currency'),
    date: (o: FactObject) => o.fact.props.date ?? o.fact.props.validFrom ?? null,
    status: factProp('status'),
    qualifier: factProp('qualifier'),
  },
  Foundry: { ...factFields('company', 'chip'), processNode: factProp('processNode') },
  Supply: { ...factFields('supplier', 'customer'), component: factProp('component') },
  Partnership: { ...factFields(null, 'partner'), topic: factProp('topic') },
  Restriction: { ...factFields('control', 'chip') },
  ControlTarget: { ...factFields('control', 'target') },

  GraphEdge: {
    id: (f: FactView) => f.id,
    type: (f: FactView) => f.type,
    from: (f: FactView) => f.from,
    to: (f: FactView) => f.to,
    confidence: (f: FactView) => upper(f.confidence),
    sources: (f: FactView, _: Args, ctx: Context) => sourcesOf(f.sourceIds, ctx),
    properties: (f: FactView) => {
      const {
        id: _id,
        sources: _s,
        confidence: _c,
        origin: _o,
        seedHash: _h,
        loadedAt: _l,
        ...rest
      } = f.props;
      return rest;
    },
  },
};
