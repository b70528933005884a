// Field resolvers of the fact types: relationships presented as objects (orders, deployments, foundries,
// restrictions...), hardware dependencies and graph edges.
import type { DependencyRow } from '../../db/repositories/dependency-repository.js';
import type { FactView } from '../../db/repositories/records.js';
import { ROLE_OF_REL } from '../../domain/dependencies.js';
import type { Context } from '../context.js';
import {
  best,
  end,
  factFields,
  factProp,
  facts,
  sourcesOf,
  upper,
  type Args,
  type FactObject,
} from './helpers.js';

const factId = (o: FactObject) => o.fact.id;

export const factResolvers = {
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
    ...factFields('buyer', null),
    id: factId,
    // A vendor-level order points at the vendor company, not at a chip model.
    chip: async (o: FactObject, _: Args, ctx: Context) => {
      const to = await end(o.to, ctx);
      return to?.label === 'Chip' ? to : null;
    },
    // The ORDERED target company, else the chip's designer (DESIGNS, best supported; no SUBSIDIARY_OF walk).
    vendor: async (o: FactObject, _: Args, ctx: Context) => {
      const to = await end(o.to, ctx);
      if (!to) return null;
      return to.label === 'Company' ? to : best(await facts(ctx, 'DESIGNS', 'in', to.id));
    },
    seller: (o: FactObject, _: Args, ctx: Context) =>
      typeof o.fact.props.seller === 'string' ? ctx.loaders.entity.load(o.fact.props.seller) : null,
    jointOrder: factProp('jointOrder'),
    chipFamily: factProp('chipFamily'),
    units: factProp('units'),
    valueUsd: factProp('valueUsd'),
    valueLocal: factProp('valueLocal'),
    currency: factProp('currency'),
    date: (o: FactObject) => o.fact.props.date ?? o.fact.props.validFrom ?? null,
    status: factProp('status'),
    qualifier: factProp('qualifier'),
  },
  Deployment: {
    ...factFields('company', 'chip'),
    id: factId,
    units: factProp('units'),
    qualifier: factProp('qualifier'),
    date: (o: FactObject) => o.fact.props.date ?? o.fact.props.validFrom ?? null,
    status: factProp('status'),
    cluster: factProp('cluster'),
  },
  Foundry: { ...factFields('company', 'chip'), id: factId, processNode: factProp('processNode') },
  Supply: { ...factFields('supplier', 'customer'), id: factId, component: factProp('component') },
  Partnership: { ...factFields(null, 'partner'), id: factId, topic: factProp('topic') },
  Restriction: { ...factFields('control', 'chip'), id: factId },
  ControlTarget: { ...factFields('control', 'target'), id: factId },

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
