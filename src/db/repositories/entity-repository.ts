// Batched lookups of entities, sources and their direct facts: the building blocks DataLoaders call.
import type { Node, Relationship } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import { toEntity, toFact, toSource, type EntityView, type FactView, type SourceView } from './records.js';

export class EntityRepository {
  constructor(private readonly executor: Executor) {}

  async byIds(ids: readonly string[]): Promise<Map<string, EntityView>> {
    const res = await this.executor.read<{ n: Node }>(
      'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n',
      { ids: [...new Set(ids)] },
    );
    return new Map(res.records.map((r) => [r.get('n').properties.id as string, toEntity(r.get('n'))]));
  }

  async sourcesByIds(ids: readonly string[]): Promise<Map<string, SourceView>> {
    const res = await this.executor.read<{ s: Node }>(
      'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s',
      {
        ids: [...new Set(ids)],
      },
    );
    return new Map(res.records.map((r) => [r.get('s').properties.id as string, toSource(r.get('s'))]));
  }

  /** Outgoing (or incoming) facts of one type for many entities at once, with the entity at the other end. */
  async factsOf(
    type: string,
    direction: 'out' | 'in',
    ids: readonly string[],
  ): Promise<Map<string, { fact: FactView; other: EntityView }[]>> {
    // `type` comes from the ontology's constants (resolvers pass literals), never from a request.
    const pattern =
      direction === 'out'
        ? `(a:Entity {id: id})-[r:${type}]->(b:Entity)`
        : `(a:Entity {id: id})<-[r:${type}]-(b:Entity)`;
    const res = await this.executor.read<{ id: string; r: Relationship; b: Node }>(
      `UNWIND $ids AS id MATCH ${pattern} WHERE r.retracted IS NULL RETURN id, r, b ORDER BY b.name`,
      { ids: [...new Set(ids)] },
    );
    const out = new Map<string, { fact: FactView; other: EntityView }[]>();
    for (const rec of res.records) {
      const id = rec.get('id');
      const other = toEntity(rec.get('b'));
      const fact =
        direction === 'out' ? toFact(rec.get('r'), id, other.id) : toFact(rec.get('r'), other.id, id);
      const list = out.get(id) ?? [];
      list.push({ fact, other });
      out.set(id, list);
    }
    return out;
  }
}
