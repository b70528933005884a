// Citations: Source.citation, Fact.citation (all its sources), Dataset.citation and the sources list the exports cite from.
import { SourceRepository } from '../../db/repositories/source-repository.js';
import { datasetCsl, formatCitation, formatCitations, formatItems } from '../../domain/citations.js';
import { listSources } from '../../domain/sources.js';
import type {
  DatasetResolvers,
  FactResolvers,
  QueryResolvers,
  SourceResolvers,
} from '../generated/resolvers.js';
import { sourcesOf } from './helpers.js';

export const citationResolvers: {
  Query: QueryResolvers;
  Source: SourceResolvers;
  Dataset: DatasetResolvers;
  Fact: FactResolvers;
} = {
  Query: {
    sources: (_, args, ctx) => listSources(new SourceRepository(ctx.executor), args),
  },
  Source: {
    citation: (s, { format }) => formatCitation(s, format),
  },
  Dataset: {
    citation: (d, { format }) => formatItems([datasetCsl(d)], format),
  },
  Fact: {
    citation: async (f, { format }, ctx) =>
      formatCitations(await sourcesOf((f.props.sources as string[] | undefined) ?? [], ctx), format),
  },
};
