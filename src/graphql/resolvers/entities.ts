// Field resolvers shared by every entity type: common fields from the node, sources through the loader.
import type { EntityView } from '../../db/repositories/records.js';
import type { Context } from '../context.js';

export async function sourcesOf(ids: readonly string[], ctx: Context) {
  const found = await ctx.loaders.source.loadMany(ids);
  return found.filter((s) => s && !(s instanceof Error));
}

/** Resolvers every Entity type shares; node properties resolve by name. */
export const entityFields = {
  sources: (e: EntityView, _: unknown, ctx: Context) => sourcesOf(e.sourceIds, ctx),
};
