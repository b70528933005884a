// The change feed's resolvers: `changes` parses its arguments in the domain and pages the repository; a change's
// sources come through the batched source loader.
import { changeTitle, listChanges } from '../../domain/changes.js';
import type { ChangeResolvers, QueryResolvers } from '../generated/resolvers.js';
import { sourcesOf, upperCase } from './helpers.js';

export const changeResolvers: { Query: QueryResolvers; Change: ChangeResolvers } = {
  Query: {
    changes: (_, args, ctx) => listChanges(ctx.repos.changes, args),
  },
  Change: {
    kind: (c) => upperCase(c.kind),
    origin: (c) => upperCase(c.origin),
    sources: (c, _, ctx) => sourcesOf(c.sourceIds, ctx),
    title: (c) => changeTitle(c),
  },
};
