// Graph-shaped questions: how two entities connect, what surrounds one, what happened when, what is in the graph.
import type {
  GraphRepository,
  GraphSelection,
  GraphView,
  TimelineRow,
} from '../db/repositories/graph-repository.js';
import type { SearchRepository } from '../db/repositories/search-repository.js';
import { KIND_OF_LABEL, type EntityLabel } from '../db/ontology.js';
import { badInput, notFound } from '../errors.js';
import { intInRange, pageSize } from './arguments.js';

export const NEIGHBORHOOD_CAP = 300;

export async function connections(
  graph: GraphRepository,
  search: SearchRepository,
  args: { from: string; to: string; maxHops?: number | null },
  select: GraphSelection,
): Promise<GraphView[]> {
  const maxHops = intInRange(args.maxHops ?? 4, 'maxHops', 1, 6);
  if (args.from === args.to) throw badInput('to', 'must differ from `from`');
  const { paths, found } = await graph.shortestPaths(args.from, args.to, maxHops, select);
  for (const [argument, id] of [
    ['from', args.from],
    ['to', args.to],
  ] as const) {
    if (!found.includes(id)) throw notFound('entity', id, await search.closestIds(id, null), argument);
  }
  return paths;
}

export async function neighborhood(
  graph: GraphRepository,
  search: SearchRepository,
  args: { id: string; depth?: number | null; asOf?: string | null },
  select: GraphSelection,
): Promise<GraphView & { truncated: boolean }> {
  const depth = intInRange(args.depth ?? 1, 'depth', 1, 3);
  const sub = await graph.neighborhood(args.id, depth, args.asOf ?? null, NEIGHBORHOOD_CAP, select);
  if (!sub) throw notFound('entity', args.id, await search.closestIds(args.id, null));
  return sub;
}

export async function timeline(
  graph: GraphRepository,
  search: SearchRepository,
  args: { entityId?: string | null; from?: string | null; to?: string | null; first?: number | null },
): Promise<TimelineRow[]> {
  const first = pageSize(args.first, 'first', 500, 100);
  if (args.from && args.to && args.to < args.from) throw badInput('to', 'must not be before `from`');
  const rows = await graph.timeline(args.entityId ?? null, args.from ?? null, args.to ?? null, first);
  if (args.entityId && rows.length === 0) {
    // Tell an unknown id apart from a quiet entity (only when nothing came back).
    if (!(await graph.exists(args.entityId))) {
      throw notFound('entity', args.entityId, await search.closestIds(args.entityId, null), 'entityId');
    }
  }
  return rows;
}

/**
 * What is in the graph. Counts are cheap (count store, cached per graph version); `unsourcedRelationships` needs a
 * scan of every fact (once per graph version), so pass `withUnsourced` only when that field is selected.
 */
export async function stats(
  graph: GraphRepository,
  withRelationships = true,
  withUnsourced = withRelationships,
) {
  const s = await graph.stats(withUnsourced);
  return {
    entities: s.entities.map((e) => ({ kind: KIND_OF_LABEL[e.label as EntityLabel], count: e.count })),
    relationships: s.relationships,
    sources: s.sources,
    unsourcedRelationships: s.unsourced,
    dataset: s.dataset,
  };
}
