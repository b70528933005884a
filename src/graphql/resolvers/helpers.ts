// Helpers shared by the field resolvers: facts around an entity through the batched loaders, fact objects with
// both ends, and the resolvers every relationship-backed type has.
import type { EntityView, FactView, SourceView } from '../../db/repositories/records.js';
import type { Context, FactWithOther } from '../context.js';

export type Args = Record<string, unknown>;

export async function sourcesOf(ids: readonly string[], ctx: Context): Promise<SourceView[]> {
  const found = await ctx.loaders.source.loadMany(ids);
  return found.filter((s): s is SourceView => s !== null && !(s instanceof Error));
}

export const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase().replace(/-/g, '_') : null);

/** Facts of one type next to an entity (through the batched loader). */
export const facts = (ctx: Context, type: string, direction: 'out' | 'in', id: string) =>
  ctx.loaders.facts({ type, direction }).load(id);

const RANK: Record<string, number> = { confirmed: 0, reported: 1, rumored: 2 };
export const best = (list: FactWithOther[]) =>
  [...list].sort((a, b) => (RANK[a.fact.confidence] ?? 3) - (RANK[b.fact.confidence] ?? 3))[0]?.other ?? null;

export const others = (list: FactWithOther[]) => list.map((f) => f.other);

/** Resolver: the entity at the other end of the best-supported fact of one type (vendor, country...). */
export const one = (type: string, direction: 'out' | 'in') => async (e: EntityView, _: Args, ctx: Context) =>
  best(await facts(ctx, type, direction, e.id));
/** Resolver: the entities at the other end of every fact of one type. */
export const many = (type: string, direction: 'out' | 'in') => async (e: EntityView, _: Args, ctx: Context) =>
  others(await facts(ctx, type, direction, e.id));

/** A relationship presented as an object: its properties by name, plus the entities at both ends. */
export interface FactObject {
  fact: FactView;
  from: EntityView | string;
  to: EntityView | string;
  sources?: SourceView[];
}

export const end = async (e: EntityView | string, ctx: Context) =>
  typeof e === 'string' ? ctx.loaders.entity.load(e) : e;

/** Resolvers shared by every relationship-backed type. */
export function factFields(fromField: string | null, toField: string | null) {
  return {
    ...(fromField ? { [fromField]: (o: FactObject, _: Args, ctx: Context) => end(o.from, ctx) } : {}),
    ...(toField ? { [toField]: (o: FactObject, _: Args, ctx: Context) => end(o.to, ctx) } : {}),
    confidence: (o: FactObject) => upper(o.fact.confidence),
    sources: (o: FactObject, _: Args, ctx: Context) => o.sources ?? sourcesOf(o.fact.sourceIds, ctx),
    note: (o: FactObject) => o.fact.props.note ?? null,
    validFrom: (o: FactObject) => o.fact.props.validFrom ?? null,
    validTo: (o: FactObject) => o.fact.props.validTo ?? null,
  };
}

export const factProp = (name: string) => (o: FactObject) => o.fact.props[name] ?? null;

export const outgoing = (list: FactWithOther[], self: EntityView): FactObject[] =>
  list.map(({ fact, other }) => ({ fact, from: self, to: other }));
export const incoming = (list: FactWithOther[], self: EntityView): FactObject[] =>
  list.map(({ fact, other }) => ({ fact, from: other, to: self }));

export const factDate = (o: FactObject) => (o.fact.props.date ?? o.fact.props.validFrom ?? '') as string;
export const byDateDesc = (a: FactObject, b: FactObject) => factDate(b).localeCompare(factDate(a));

/** Resolver: every fact of one type as an object with both ends (orders, foundries, restrictions...). */
export const objects =
  (type: string, direction: 'out' | 'in', order?: (a: FactObject, b: FactObject) => number) =>
  async (e: EntityView, _: Args, ctx: Context) => {
    const list = await facts(ctx, type, direction, e.id);
    const objs = direction === 'out' ? outgoing(list, e) : incoming(list, e);
    return order ? objs.sort(order) : objs;
  };
