// Resolver map: thin functions that parse arguments, call a domain question or a loader, and return.
import type { Resolvers } from '../generated/resolvers.js';
import { DateScalar, JSONScalar } from '../scalars.js';
import { changeResolvers } from './changes.js';
import { citationResolvers } from './citations.js';
import { curationResolvers } from './mutations.js';
import { queryResolvers } from './query.js';
import { sourcesOf, typeResolvers } from './types.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  JSON: JSONScalar,
  Query: {
    ...queryResolvers,
    ...curationResolvers.Query,
    ...citationResolvers.Query,
    ...changeResolvers.Query,
  },
  Change: changeResolvers.Change,
  ...typeResolvers,
  Source: { ...typeResolvers.Source, ...citationResolvers.Source },
  Dataset: citationResolvers.Dataset,
  Mutation: curationResolvers.Mutation,
  Fact: { ...curationResolvers.Fact, ...citationResolvers.Fact },
  AuditRecord: curationResolvers.AuditRecord,
  TimelineEvent: {
    sources: (e, _, ctx) => sourcesOf(e.sourceIds, ctx),
  },
};
