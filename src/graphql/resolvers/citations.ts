// Citations: Source.citation, Fact.citation (all its sources), Dataset.citation and the sources list the exports cite from.
import type { CuratedFact } from '../../db/repositories/curation-records.js';
import type { SourceView } from '../../db/repositories/records.js';
import { SourceRepository } from '../../db/repositories/source-repository.js';
import {
  datasetCsl,
  formatCitation,
  formatCitations,
  formatItems,
  type CitableDataset,
  type CitationFormat,
} from '../../domain/citations.js';
import { listSources, type SourcesArgs } from '../../domain/sources.js';
import type { Context } from '../context.js';
import { sourcesOf } from './helpers.js';

interface FormatArg {
  format: CitationFormat;
}

export const citationResolvers = {
  Query: {
    sources: (_: unknown, args: SourcesArgs, ctx: Context) =>
      listSources(new SourceRepository(ctx.executor), args),
  },
  Source: {
    citation: (s: SourceView, { format }: FormatArg) => formatCitation(s, format),
  },
  Dataset: {
    citation: (d: CitableDataset, { format }: FormatArg) => formatItems([datasetCsl(d)], format),
  },
  Fact: {
    citation: async (f: CuratedFact, { format }: FormatArg, ctx: Context) =>
      formatCitations(await sourcesOf((f.props.sources as string[] | undefined) ?? [], ctx), format),
  },
};
