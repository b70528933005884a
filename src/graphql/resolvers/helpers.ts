// Helpers shared by the field resolvers of fact objects that did not come from a compiled statement (see
// preloaded.ts): their ends and sources through the batched loaders, and the resolvers every fact type has.
import { confidenceRank } from '../../db/cypher-rules.js';
import type { EntityView, FactView, SourceView } from '../../db/repositories/records.js';
import type { Context, FactWithOther } from '../context.js';
import type { Confidence } from '../generated/resolvers.js';

export type Args = Record<string, unknown>;

export async function sourcesOf(ids: readonly string[], ctx: Context): Promise<SourceView[]> {
  const found = await ctx.loaders.source.loadMany(ids);
  return found.filter((s): s is SourceView => s !== null && !(s instanceof Error));
}

/**
 * A stored value (lower case, kebab) as its GraphQL enum value (upper case, snake), null when absent. `E` names the
 * enum: stored values are checked when they are written (seed validator, curation inputs), not here.
 */
export function upper<E extends string = string>(v: string): E;
export function upper<E extends string = string>(v: unknown): E | null;
export function upper(v: unknown): string | null {
  return typeof v === 'string' ? v.toUpperCase().replace(/-/g, '_') : null;
}

/** A typed string in upper case: `Uppercase<'added'>` is `'ADDED'`, so a stored union is checked against the SDL's enum. */
export const upperCase = <S extends string>(s: S) => s.toUpperCase() as Uppercase<S>;

/** Facts of one type next to an entity (through the batched loader). */
export const facts = (ctx: Context, type: string, direction: 'out' | 'in', id: string) =>
  ctx.loaders.facts({ type, direction }).load(id);

/** The entity at the other end of the best-supported fact (the loader's list is by name: ties keep that order). */
export const best = (list: FactWithOther[]) =>
  [...list].sort((a, b) => confidenceRank(a.fact.confidence) - confidenceRank(b.fact.confidence))[0]?.other ??
  null;

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
    confidence: (o: FactObject) => upper<Confidence>(o.fact.confidence),
    sources: (o: FactObject, _: Args, ctx: Context) => o.sources ?? sourcesOf(o.fact.sourceIds, ctx),
    note: factProp('note'),
    validFrom: factProp('validFrom'),
    validTo: factProp('validTo'),
  };
}

/** A stored fact property by name, null when unset; `T` is its SDL type (facts are checked when written). */
export function factProp<T = string>(name: string) {
  return (o: FactObject) => (o.fact.props[name] ?? null) as T | null;
}
