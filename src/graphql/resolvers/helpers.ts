// Helpers shared by the field resolvers of fact objects that did not come from a compiled statement (see
// preloaded.ts): their ends and sources through the batched loaders, and the resolvers every fact type has.
import { confidenceRank } from '../../db/cypher-rules.js';
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
    confidence: (o: FactObject) => upper(o.fact.confidence),
    sources: (o: FactObject, _: Args, ctx: Context) => o.sources ?? sourcesOf(o.fact.sourceIds, ctx),
    note: (o: FactObject) => o.fact.props.note ?? null,
    validFrom: (o: FactObject) => o.fact.props.validFrom ?? null,
    validTo: (o: FactObject) => o.fact.props.validTo ?? null,
  };
}

export const factProp = (name: string) => (o: FactObject) => o.fact.props[name] ?? null;
