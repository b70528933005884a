// The change feed's resolvers: `changes` parses its arguments in the domain and pages the repository; a change's
// sources come through the batched source loader.
import type { ChangeView } from '../../db/repositories/change-repository.js';
import { changeTitle, listChanges, type ChangesArgs } from '../../domain/changes.js';
import type { Context } from '../context.js';
import { sourcesOf } from './helpers.js';

export const changeResolvers = {
  Query: {
    changes: (_: unknown, args: ChangesArgs, ctx: Context) => listChanges(ctx.repos.changes, args),
  },
  Change: {
    kind: (c: ChangeView) => c.kind.toUpperCase(),
    origin: (c: ChangeView) => c.origin.toUpperCase(),
    sources: (c: ChangeView, _: unknown, ctx: Context) => sourcesOf(c.sourceIds, ctx),
    title: (c: ChangeView) => changeTitle(c),
  },
};
