// Resolver map: thin functions that parse arguments, call a domain question or a loader, and return.
import type { EntityView } from '../../db/repositories/records.js';
import type { Context } from '../context.js';
import { DateScalar } from '../scalars.js';
import { entityFields } from './entities.js';

export const resolvers = {
  Date: DateScalar,
  Entity: {
    __resolveType: (e: EntityView) => e.label,
  },
  Query: {
    chip: async (_: unknown, args: { id: string }, ctx: Context) => {
      const e = await ctx.loaders.entity.load(args.id);
      return e?.label === 'Chip' ? e : null;
    },
  },
  Chip: {
    ...entityFields,
    vendor: async (chip: EntityView, _: unknown, ctx: Context) => {
      const facts = await ctx.loaders.facts('DESIGNS', 'in').load(chip.id);
      return facts[0]?.other ?? null;
    },
  },
  Company: { ...entityFields },
};
