// Root Query resolvers: parse arguments, ask the domain question, compile what the query selects into the question's one statement.
import type { GraphQLResolveInfo } from 'graphql';
import {
  dependencyProjectionOf,
  entityProjectionOf,
  factProjectionOf,
  fieldsOf,
  mergeSelections,
  type FieldSelection,
  type TypeSelection,
} from '../../db/compiler/index.js';
import type { EntityView } from '../../db/repositories/records.js';
import { LABEL_OF_KIND, type EntityLabel } from '../../db/ontology.js';
import { countryCodes, intInRange, searchText } from '../../domain/arguments.js';
import { exposure, hardwareDependencies } from '../../domain/dependencies.js';
import { connections, neighborhood, stats, timeline } from '../../domain/graph.js';
import {
  chipFilter,
  companyFilter,
  exportControlFilter,
  listEntities,
  modelFilter,
} from '../../domain/lists.js';
import { listOrders } from '../../domain/orders.js';
import { notFound } from '../../errors.js';
import type { Context } from '../context.js';
import type { QueryEntityArgs, QueryResolvers, ResolverFn } from '../generated/resolvers.js';
import { connectionNodesOf, selectionOf } from '../selection.js';

/** Whether the client asked for one of `fields` directly under this field (through fragments too: the look-ahead). */
const selects = (info: GraphQLResolveInfo, fields: readonly string[]) =>
  Object.values(selectionOf(info) ?? {}).some((list) => list.some((f) => fields.includes(f.field)));

/** A list's nodes as the query selects them (nodes and edges.node), compiled into the page's statement. */
const nodesProjection = (info: GraphQLResolveInfo) => entityProjectionOf(connectionNodesOf(info), 'n');

/** What is selected under every selection of field `name` (aliases and fragments merged). */
const under = (fields: FieldSelection[], name: string) =>
  fields
    .filter((f) => f.field === name)
    .reduce<TypeSelection | null>((acc, f) => mergeSelections(acc, f.sub), null);

/** Each part of an exposure report as the query selects it (parameters kept apart by prefix). */
function exposureProjections(info: GraphQLResolveInfo) {
  const report = fieldsOf(selectionOf(info), 'ExposureReport');
  const models = under(report, 'models');
  const exposed = fieldsOf(models, 'ExposedModel');
  return {
    target: entityProjectionOf(under(report, 'target'), 't', 'xt'),
    chip: entityProjectionOf(under(report, 'chips'), 'c', 'xc'),
    model: entityProjectionOf(under(exposed, 'model'), 'm', 'xm'),
    via: dependencyProjectionOf(under(exposed, 'via'), 'r', 'm', 'c', 'xv'),
    alternatives: dependencyProjectionOf(under(exposed, 'alternatives'), 'r', 'm', 'c', 'xa'),
  };
}

/** A path's or subgraph's nodes as selected, and whether any of its edges' sources are (else none are read). */
function graphSelection(info: GraphQLResolveInfo, type: 'GraphPath' | 'Subgraph') {
  const fields = fieldsOf(selectionOf(info), type);
  return {
    node: entityProjectionOf(under(fields, 'nodes'), 'n'),
    withSources: fieldsOf(under(fields, 'edges'), 'GraphEdge').some((f) => f.field === 'sources'),
  };
}

/** Whether the client asked for `totalCount` (it costs a count, so only then). */
const wantsTotal = (info: GraphQLResolveInfo) => selects(info, ['totalCount']);

const KIND_NAME: Record<EntityLabel, string> = {
  Company: 'company',
  Country: 'country',
  Chip: 'chip',
  SoftwareStack: 'software stack',
  Model: 'model',
  ExportControl: 'export control',
};

/**
 * One entity by id with everything the query selects under it, in one compiled statement; unknown (or of another
 * kind): null plus a NOT_FOUND error suggesting close ids.
 */
async function lookup(
  ctx: Context,
  id: string,
  label: EntityLabel | null,
  info: GraphQLResolveInfo,
): Promise<EntityView> {
  const e = await ctx.repos.compiled.entity(id, label, selectionOf(info));
  if (e) return e;
  const suggestions = await ctx.repos.search.closestIds(id, label);
  throw notFound(label ? KIND_NAME[label] : 'entity', id, suggestions);
}

const lookupOf =
  (label: EntityLabel | null): ResolverFn<EntityView, unknown, Context, QueryEntityArgs> =>
  (_, a, ctx, info) =>
    lookup(ctx, a.id, label, info);

export const queryResolvers: QueryResolvers = {
  entity: lookupOf(null),
  company: lookupOf('Company'),
  chip: lookupOf('Chip'),
  model: lookupOf('Model'),
  softwareStack: lookupOf('SoftwareStack'),
  exportControl: lookupOf('ExportControl'),
  country: async (_, a, ctx, info) => {
    const [code] = countryCodes([a.code], 'code')!;
    const e = await ctx.repos.compiled.entity(code!.toLowerCase(), 'Country', selectionOf(info));
    if (e) return e;
    throw notFound('country', a.code, [], 'code');
  },

  companies: (_, a, ctx, info) =>
    listEntities(
      ctx.repos.lists,
      'companies',
      { ...a, filter: companyFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),
  chips: (_, a, ctx, info) =>
    listEntities(
      ctx.repos.lists,
      'chips',
      { ...a, filter: chipFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),
  models: (_, a, ctx, info) =>
    listEntities(
      ctx.repos.lists,
      'models',
      { ...a, filter: modelFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),
  exportControls: (_, a, ctx, info) =>
    listEntities(
      ctx.repos.lists,
      'exportControls',
      { ...a, orderBy: null, filter: exportControlFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),

  orders: (_, a, ctx, info) =>
    listOrders(
      ctx.repos.orders,
      a,
      wantsTotal(info),
      factProjectionOf('Order', connectionNodesOf(info), 'r', 'b', 'n'),
    ),

  search: async (_, a, ctx) => {
    const first = intInRange(a.first ?? 10, 'first', 1, 50);
    const labels = a.kinds?.map((k) => LABEL_OF_KIND[k]) ?? null;
    const hits = await ctx.repos.search.search(searchText(a.text), labels, first);
    for (const h of hits) ctx.loaders.entity.prime(h.entity.id, h.entity);
    return hits;
  },

  hardwareDependencies: async (_, a, ctx, info) => {
    return hardwareDependencies(
      ctx.repos.dependencies,
      a,
      wantsTotal(info),
      dependencyProjectionOf(connectionNodesOf(info), 'r', 'm', 'c'),
    );
  },

  exposure: (_, a, ctx, info) =>
    exposure(ctx.repos.dependencies, ctx.repos.search, a, exposureProjections(info)),

  connections: async (_, a, ctx, info) => {
    const paths = await connections(ctx.repos.graph, ctx.repos.search, a, graphSelection(info, 'GraphPath'));
    return paths.map((p) => {
      for (const s of p.sources) ctx.loaders.source.prime(s.id, s);
      return { nodes: p.nodes, edges: p.edges, length: p.edges.length };
    });
  },

  neighborhood: async (_, a, ctx, info) => {
    const sub = await neighborhood(ctx.repos.graph, ctx.repos.search, a, graphSelection(info, 'Subgraph'));
    for (const s of sub.sources) ctx.loaders.source.prime(s.id, s);
    return sub;
  },

  timeline: async (_, a, ctx) => {
    const rows = await timeline(ctx.repos.graph, ctx.repos.search, a);
    return rows.map((r) => ({ ...r, confidence: r.confidence?.toUpperCase() ?? null }));
  },

  // Counts come from the count store (cached per graph version); only the unsourced check scans, when asked.
  stats: (_, __, ctx, info) =>
    stats(
      ctx.repos.graph,
      selects(info, ['relationships', 'unsourcedRelationships']),
      selects(info, ['unsourcedRelationships']),
    ),
};
