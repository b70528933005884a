// Root Query resolvers: parse arguments, ask the domain question, prime loaders with what came back.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
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
import { primeDependencies, type Context } from '../context.js';

type ListArgs<W> = {
  where?: W | null;
  orderBy?: OrderArg[] | null;
  first?: number | null;
  after?: string | null;
};

/** Whether the client asked for one of `fields` directly under this field (through fragments too). */
function selects(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? fields.includes(s.name.value)
        : s.kind === Kind.INLINE_FRAGMENT
          ? visit(s.selectionSet)
          : visit(info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((n) => visit(n.selectionSet));
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

/** One entity by id; unknown (or of another kind): null plus a NOT_FOUND error suggesting close ids. */
async function lookup(ctx: Context, id: string, label: EntityLabel | null): Promise<EntityView> {
  const e = await ctx.loaders.entity.load(id);
  if (e && (label === null || e.label === label)) return e;
  const suggestions = await ctx.repos.search.closestIds(id, label);
  throw notFound(label ? KIND_NAME[label] : 'entity', id, suggestions);
}

export const queryResolvers = {
  entity: (_: unknown, a: { id: string }, ctx: Context) => lookup(ctx, a.id, null),
  company: (_: unknown, a: { id: string }, ctx: Context) => lookup(ctx, a.id, 'Company'),
  chip: (_: unknown, a: { id: string }, ctx: Context) => lookup(ctx, a.id, 'Chip'),
  model: (_: unknown, a: { id: string }, ctx: Context) => lookup(ctx, a.id, 'Model'),
  softwareStack: (_: unknown, a: { id: string }, ctx: Context) => lookup(ctx, a.id, 'SoftwareStack'),
  exportControl: (_: unknown, a: { id: string }, ctx: Context) => lookup(ctx, a.id, 'ExportControl'),
  country: async (_: unknown, a: { code: string }, ctx: Context) => {
    const [code] = countryCodes([a.code], 'code')!;
    const e = await ctx.loaders.entity.load(code!.toLowerCase());
    if (e?.label === 'Country') return e;
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
    ),
  chips: (
    _: unknown,
    a: ListArgs<Parameters<typeof chipFilter>[0]>,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => listEntities(ctx.repos.lists, 'chips', { ...a, filter: chipFilter(a.where ?? {}) }, wantsTotal(info)),
  models: (
    _: unknown,
    a: ListArgs<Parameters<typeof modelFilter>[0]>,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) =>
    listEntities(ctx.repos.lists, 'models', { ...a, filter: modelFilter(a.where ?? {}) }, wantsTotal(info)),
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
    ),

  orders: async (
    _: unknown,
    a: { where?: OrderWhere | null; first?: number | null; after?: string | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    const conn = await listOrders(ctx.repos.orders, a, wantsTotal(info));
    const objects = conn.nodes.map((o) => {
      ctx.loaders.entity.prime(o.buyer.id, o.buyer);
      ctx.loaders.entity.prime(o.target.id, o.target);
      for (const s of o.sources) ctx.loaders.source.prime(s.id, s);
      return { fact: o.fact, from: o.buyer, to: o.target, sources: o.sources };
    });
    return {
      ...conn,
      nodes: objects,
      edges: conn.edges.map((e, i) => ({ cursor: e.cursor, node: objects[i] })),
    };
  },

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
    const conn = await hardwareDependencies(ctx.repos.dependencies, a, wantsTotal(info));
    primeDependencies(ctx.loaders, conn.nodes);
    return conn;
  },

  exposure: async (_: unknown, a: Parameters<typeof exposure>[2], ctx: Context) => {
    const report = await exposure(ctx.repos.dependencies, ctx.repos.search, a);
    for (const m of report.models) primeDependencies(ctx.loaders, [...m.via, ...m.alternatives]);
    return report;
  },

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

  // Relationship counts scan every relationship: only when asked (exports read just the dataset).
  stats: (_: unknown, __: unknown, ctx: Context, info: GraphQLResolveInfo) =>
    stats(ctx.repos.graph, selects(info, ['relationships', 'unsourcedRelationships'])),
};
