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
import { LABEL_OF_KIND, type EntityKind, type EntityLabel } from '../../db/ontology.js';
import { countryCodes, intInRange, searchText } from '../../domain/arguments.js';
import { exposure, hardwareDependencies } from '../../domain/dependencies.js';
import { connections, neighborhood, stats, timeline } from '../../domain/graph.js';
import {
  chipFilter,
  companyFilter,
  exportControlFilter,
  listEntities,
  modelFilter,
  type OrderArg,
} from '../../domain/lists.js';
import { listOrders, type OrderWhere } from '../../domain/orders.js';
import { notFound } from '../../errors.js';
import type { Context } from '../context.js';
import { connectionNodesOf, selectionOf } from '../selection.js';

type ListArgs<W> = {
  where?: W | null;
  orderBy?: OrderArg[] | null;
  first?: number | null;
  after?: string | null;
};

/** Whether the client asked for one of `fields` directly under this field (through fragments too: the look-ahead). */
const selects = (info: GraphQLResolveInfo, fields: readonly string[]) =>
  Object.values(selectionOf(info) ?? {}).some((list) => list.some((f) => fields.includes(f.field)));

/** A list's nodes as the query selects them (nodes and edges.node), compiled into the page's statement. */
const nodesProjection = (info: GraphQLResolveInfo) => entityProjectionOf(connectionNodesOf(info), 'n');

/** Each part of an exposure report as the query selects it (parameters kept apart by prefix). */
function exposureProjections(info: GraphQLResolveInfo) {
  const report = fieldsOf(selectionOf(info), 'ExposureReport');
  const under = (fields: FieldSelection[], name: string) =>
    fields
      .filter((f) => f.field === name)
      .reduce<TypeSelection | null>((acc, f) => mergeSelections(acc, f.sub), null);
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

type LookupResolver = (
  _: unknown,
  a: { id: string },
  ctx: Context,
  info: GraphQLResolveInfo,
) => Promise<EntityView>;
const lookupOf =
  (label: EntityLabel | null): LookupResolver =>
  (_, a, ctx, info) =>
    lookup(ctx, a.id, label, info);

export const queryResolvers = {
  entity: lookupOf(null),
  company: lookupOf('Company'),
  chip: lookupOf('Chip'),
  model: lookupOf('Model'),
  softwareStack: lookupOf('SoftwareStack'),
  exportControl: lookupOf('ExportControl'),
  country: async (_: unknown, a: { code: string }, ctx: Context, info: GraphQLResolveInfo) => {
    const [code] = countryCodes([a.code], 'code')!;
    const e = await ctx.repos.compiled.entity(code!.toLowerCase(), 'Country', selectionOf(info));
    if (e) return e;
    throw notFound('country', a.code, [], 'code');
  },

  companies: (
    _: unknown,
    a: ListArgs<Parameters<typeof companyFilter>[0]>,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) =>
    listEntities(
      ctx.repos.lists,
      'companies',
      { ...a, filter: companyFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),
  chips: (
    _: unknown,
    a: ListArgs<Parameters<typeof chipFilter>[0]>,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) =>
    listEntities(
      ctx.repos.lists,
      'chips',
      { ...a, filter: chipFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),
  models: (
    _: unknown,
    a: ListArgs<Parameters<typeof modelFilter>[0]>,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) =>
    listEntities(
      ctx.repos.lists,
      'models',
      { ...a, filter: modelFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),
  exportControls: (
    _: unknown,
    a: ListArgs<Parameters<typeof exportControlFilter>[0]>,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) =>
    listEntities(
      ctx.repos.lists,
      'exportControls',
      { ...a, orderBy: null, filter: exportControlFilter(a.where ?? {}) },
      wantsTotal(info),
      nodesProjection(info),
    ),

  orders: (
    _: unknown,
    a: { where?: OrderWhere | null; first?: number | null; after?: string | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) =>
    listOrders(
      ctx.repos.orders,
      a,
      wantsTotal(info),
      factProjectionOf('Order', connectionNodesOf(info), 'r', 'b', 'n'),
    ),

  search: async (
    _: unknown,
    a: { text: string; kinds?: EntityKind[] | null; first?: number | null },
    ctx: Context,
  ) => {
    const first = intInRange(a.first ?? 10, 'first', 1, 50);
    const labels = a.kinds?.map((k) => LABEL_OF_KIND[k]) ?? null;
    const hits = await ctx.repos.search.search(searchText(a.text), labels, first);
    for (const h of hits) ctx.loaders.entity.prime(h.entity.id, h.entity);
    return hits;
  },

  hardwareDependencies: async (
    _: unknown,
    a: Parameters<typeof hardwareDependencies>[1],
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    return hardwareDependencies(
      ctx.repos.dependencies,
      a,
      wantsTotal(info),
      dependencyProjectionOf(connectionNodesOf(info), 'r', 'm', 'c'),
    );
  },

  exposure: (_: unknown, a: Parameters<typeof exposure>[2], ctx: Context, info: GraphQLResolveInfo) =>
    exposure(ctx.repos.dependencies, ctx.repos.search, a, exposureProjections(info)),

  connections: async (_: unknown, a: { from: string; to: string; maxHops?: number | null }, ctx: Context) => {
    const paths = await connections(ctx.repos.graph, ctx.repos.search, a);
    return paths.map((p) => {
      for (const s of p.sources) ctx.loaders.source.prime(s.id, s);
      return { nodes: p.nodes, edges: p.edges, length: p.edges.length };
    });
  },

  neighborhood: async (
    _: unknown,
    a: { id: string; depth?: number | null; asOf?: string | null },
    ctx: Context,
  ) => {
    const sub = await neighborhood(ctx.repos.graph, ctx.repos.search, a);
    for (const s of sub.sources) ctx.loaders.source.prime(s.id, s);
    return sub;
  },

  timeline: async (
    _: unknown,
    a: { entityId?: string | null; from?: string | null; to?: string | null; first?: number | null },
    ctx: Context,
  ) => {
    const rows = await timeline(ctx.repos.graph, ctx.repos.search, a);
    return rows.map((r) => ({ ...r, confidence: r.confidence?.toUpperCase() ?? null }));
  },

  // Counts come from the count store (cached per graph version); only the unsourced check scans, when asked.
  stats: (_: unknown, __: unknown, ctx: Context, info: GraphQLResolveInfo) =>
    stats(
      ctx.repos.graph,
      selects(info, ['relationships', 'unsourcedRelationships']),
      selects(info, ['unsourcedRelationships']),
    ),
};
