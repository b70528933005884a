// Sources listed for citation and export (all, or those one entity cites), and the whole graph for the data
// release. An entity's sources are its own, its claims' and suspensions' (stored as JSON, so read here), and
// those of the live facts that touch it.
import type { Node, Relationship } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import { LIVE } from '../cypher-rules.js';
import { toEntity, toFact, toSource, type EntityView, type FactView, type SourceView } from './records.js';

export interface SourcePageQuery {
  /** null: every source. */
  entityId: string | null;
  /** Stored kinds (lower case); null: any. */
  kinds: string[] | null;
  /** Continue after this source id. */
  afterId: string | null;
  first: number;
}

function idsInJson(json: unknown): string[] {
  if (typeof json !== 'string') return [];
  try {
    const list = JSON.parse(json) as { sources?: unknown }[];
    return list.flatMap((x) => (Array.isArray(x.sources) ? x.sources.map(String) : []));
  } catch {
    return [];
  }
}

export class SourceRepository {
  constructor(private readonly executor: Executor) {}

  /** The source ids an entity cites; null when there is no such entity. */
  async citedBy(entityId: string): Promise<string[] | null> {
    const res = await this.executor.read<{ e: Node; factSources: string[] }>(
      `MATCH (e:Entity {id: $id})
       RETURN e, COLLECT {
         MATCH (e)-[r]-(:Entity) WHERE ${LIVE('r')} UNWIND coalesce(r.sources, []) AS sid RETURN DISTINCT sid
       } AS factSources`,
      { id: entityId },
    );
    const rec = res.records[0];
    if (!rec) return null;
    const p = rec.get('e').properties as Record<string, unknown>;
    const own = Array.isArray(p.sources) ? (p.sources as string[]) : [];
    return [
      ...new Set([
        ...own,
        ...idsInJson(p.claimsJson),
        ...idsInJson(p.suspensionsJson),
        ...rec.get('factSources'),
      ]),
    ];
  }

  /** One page of sources ordered by id, among `ids` when given; one more than `first` tells of a next page. */
  async page(
    q: SourcePageQuery,
    ids: string[] | null,
  ): Promise<{ sources: SourceView[]; hasNextPage: boolean }> {
    const res = await this.executor.read<{ s: Node }>(
      `MATCH (s:Source)
       WHERE ($ids IS NULL OR s.id IN $ids) AND ($kinds IS NULL OR s.kind IN $kinds)
         AND ($after IS NULL OR s.id > $after)
       RETURN s ORDER BY s.id LIMIT toInteger($limit)`,
      { ids, kinds: q.kinds, after: q.afterId, limit: q.first + 1 },
    );
    const sources = res.records.map((r) => toSource(r.get('s')));
    return { sources: sources.slice(0, q.first), hasNextPage: sources.length > q.first };
  }

  /** Every entity and live fact, with the facts' sources, ordered by id (the release's GraphML). */
  async wholeGraph(): Promise<{ nodes: EntityView[]; edges: FactView[]; sources: SourceView[] }> {
    const res = await this.executor.readTransaction(async (tx) => {
      const nodes = await tx.run<{ n: Node }>('MATCH (n:Entity) RETURN n ORDER BY n.id');
      const rels = await tx.run<{ r: Relationship; a: string; b: string }>(
        `MATCH (x:Entity)-[r]->(y:Entity) WHERE ${LIVE('r')}
         RETURN r, x.id AS a, y.id AS b ORDER BY r.id, a, b, type(r)`,
      );
      const srcs = await tx.run<{ s: Node }>('MATCH (s:Source) RETURN s ORDER BY s.id');
      return { nodes, rels, srcs };
    });
    return {
      nodes: res.nodes.records.map((r) => toEntity(r.get('n'))),
      edges: res.rels.records.map((r) => toFact(r.get('r'), r.get('a'), r.get('b'))),
      sources: res.srcs.records.map((r) => toSource(r.get('s'))),
    };
  }
}
