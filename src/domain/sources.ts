// The sources question: every source, or those an entity cites, a page at a time in id order.
import type { SourceRepository } from '../db/repositories/source-repository.js';
import type { SourceView } from '../db/repositories/records.js';
import { notFound } from '../errors.js';
import { decodeCursor, encodeCursor, pageSize } from './arguments.js';

export interface SourcesArgs {
  where?: { entityId?: string | null; kinds?: readonly string[] | null } | null;
  first?: number | null;
  after?: string | null;
}

export interface SourcePage {
  nodes: SourceView[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export async function listSources(repo: SourceRepository, args: SourcesArgs): Promise<SourcePage> {
  const first = pageSize(args.first);
  const entityId = args.where?.entityId ?? null;
  const kinds = args.where?.kinds?.length ? args.where.kinds.map((k) => k.toLowerCase()) : null;
  // The cursor is signed with the filter, so a cursor from another filter is refused rather than misread.
  const signature = `sources:${entityId ?? '*'}:${kinds?.join(',') ?? '*'}`;
  const after = decodeCursor(args.after, signature);
  const afterId = after && typeof after[0] === 'string' ? after[0] : null;
  let ids: string[] | null = null;
  if (entityId !== null) {
    ids = await repo.citedBy(entityId);
    if (ids === null) throw notFound('entity', entityId, [], 'where.entityId');
  }
  const page = await repo.page({ entityId, kinds, afterId, first }, ids);
  const last = page.sources.at(-1);
  return {
    nodes: page.sources,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      endCursor: last ? encodeCursor([last.id], signature) : null,
    },
  };
}
