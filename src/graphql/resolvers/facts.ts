// Field resolvers of the fact types: relationships presented as objects (orders, deployments, foundries,
// restrictions...), hardware dependencies and graph edges.
import { GRAPH_EDGE_FIELDS, otherFactProperties } from '../../db/stored.js';
import { ROLE_OF_REL } from '../../domain/dependencies.js';
import type { Confidence, Resolvers } from '../generated/resolvers.js';
import { best, end, factFields, factProp, facts, sourcesOf, upper, type FactObject } from './helpers.js';

const factId = (o: FactObject) => o.fact.id;
/** An order's or deployment's date: its own, else when it took effect. */
const dateOf = (o: FactObject) => (o.fact.props.date ?? o.fact.props.validFrom ?? null) as string | null;

export const factResolvers: Resolvers = {
  HardwareDependency: {
    id: (d) => d.fact.id,
    // Dependency rows are TRAINED_ON or RUNS_ON facts only (dependency-repository.ts).
    role: (d) => ROLE_OF_REL[d.fact.type]!,
    chipCount: (d) => (d.fact.props.chipCount ?? null) as number | null,
    chipHours: (d) => (d.fact.props.chipHours ?? null) as number | null,
    cluster: (d) => (d.fact.props.cluster ?? null) as string | null,
    confidence: (d) => upper<Confidence>(d.fact.confidence),
    sources: (d) => d.sources,
    validFrom: (d) => (d.fact.props.validFrom ?? null) as string | null,
    validTo: (d) => (d.fact.props.validTo ?? null) as string | null,
    note: (d) => (d.fact.props.note ?? null) as string | null,
  },

  Order: {
    ...factFields('buyer', null),
    id: factId,
    // A vendor-level order points at the vendor company, not at a chip model.
    chip: async (o, _, ctx) => {
      const to = await end(o.to, ctx);
      return to?.label === 'Chip' ? to : null;
    },
    // The ORDERED target company, else the chip's designer (DESIGNS, best supported; no SUBSIDIARY_OF walk).
    vendor: async (o, _, ctx) => {
      const to = await end(o.to, ctx);
      if (!to) return null;
      return to.label === 'Company' ? to : best(await facts(ctx, 'DESIGNS', 'in', to.id));
    },
    seller: (o, _, ctx) =>
      typeof o.fact.props.seller === 'string' ? ctx.loaders.entity.load(o.fact.props.seller) : null,
    jointOrder: factProp('jointOrder'),
    chipFamily: factProp('chipFamily'),
    units: factProp<number>('units'),
    valueUsd: factProp<number>('valueUsd'),
    valueLocal: factProp<number>('valueLocal'),
    currency: factProp('currency'),
    date: dateOf,
    status: factProp('status'),
    qualifier: factProp('qualifier'),
  },
  Deployment: {
    ...factFields('company', 'chip'),
    id: factId,
    units: factProp<number>('units'),
    qualifier: factProp('qualifier'),
    date: dateOf,
    status: factProp('status'),
    cluster: factProp('cluster'),
  },
  Foundry: { ...factFields('company', 'chip'), id: factId, processNode: factProp('processNode') },
  Supply: { ...factFields('supplier', 'customer'), id: factId, component: factProp('component') },
  Partnership: { ...factFields(null, 'partner'), id: factId, topic: factProp('topic') },
  Restriction: { ...factFields('control', 'chip'), id: factId },
  ControlTarget: { ...factFields('control', 'target'), id: factId },

  GraphEdge: {
    id: (f) => f.id,
    type: (f) => f.type,
    from: (f) => f.from,
    to: (f) => f.to,
    confidence: (f) => upper<Confidence>(f.confidence),
    sources: (f, _, ctx) => sourcesOf(f.sourceIds, ctx),
    properties: (f) => otherFactProperties(f.props, GRAPH_EDGE_FIELDS),
  },
};
