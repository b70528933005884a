// Graph-shaped questions: shortest paths, neighbourhoods, the timeline — one round trip each — and stats.
import type { Node, Relationship } from 'neo4j-driver';
import type { Projection } from '../compiler/index.js';
import type { Executor } from '../executor.js';
import { OPEN_END } from '../stored.js';
import { graphStats, type GraphStats } from './graph-stats.js';
import { FACT_AS_OF, IN_FORCE, LIVE } from './list-repository.js';
import { toEntity, toFact, toSource, type EntityView, type FactView, type SourceView } from './records.js';

export interface GraphView {
  nodes: EntityView[];
  edges: FactView[];
  sources: SourceView[];
}

/** An entity that existed on $asOf (dated entities only; undated ones always count). */
export const ENTITY_AS_OF = (x: string) =>
  `($asOf IS NULL OR coalesce(${x}.released, ${x}.announced, ${x}.founded) IS NULL OR coalesce(${x}.released, ${x}.announced, ${x}.founded) <= $asOf)`;

/** As of a date, an export control counts only while in force (pending, suspended or rescinded ones do not). */
const CONTROL_AS_OF = (x: string) => `($asOf IS NULL OR NOT ${x}:ExportControl OR ${IN_FORCE(x, 'asOf')})`;

export type { DatasetView } from './graph-stats.js';

/** What a graph answer's query selects: its nodes as projected over `n`, and whether the facts' sources are read. */
export interface GraphSelection {
  node: Projection<EntityView>;
  withSources: boolean;
}

/** A fact with the ids of its ends (the nodes are projected, so their element ids are not at hand). */
const FACT_WITH_ENDS = (r: string) => `{r: ${r}, from: startNode(${r}).id, to: endNode(${r}).id}`;
type FactWithEnds = { r: Relationship; from: string; to: string };

const SOURCES_OF_RELS = (rels: string) => `COLLECT {
    UNWIND ${rels} AS rel UNWIND coalesce(rel.sources, []) AS sid
    WITH DISTINCT sid MATCH (s:Source {id: sid}) RETURN s }`;

function edgesOf(rels: FactWithEnds[]): FactView[] {
  const seen = new Set<string>();
  const out: FactView[] = [];
  for (const { r, from, to } of rels) {
    if (seen.has(r.elementId)) continue;
    seen.add(r.elementId);
    out.push(toFact(r, from, to));
  }
  return out;
}

// Events read from entity dates: [label, date property, event kind, title suffix] (constants, not input).
const ENTITY_EVENTS: [string, string, string, string][] = [
  ['Model', 'released', 'model-released', ' released'],
  ['Chip', 'announced', 'chip-announced', ' announced'],
  ['Chip', 'released', 'chip-released', ' released'],
  ['ExportControl', 'announced', 'control-announced', ' announced'],
  ['ExportControl', 'effective', 'control-effective', ' takes effect'],
  ['ExportControl', 'rescinded', 'control-rescinded', ' rescinded'],
];

export interface TimelineRow {
  date: string;
  kind: string;
  title: string;
  entities: EntityView[];
  sourceIds: string[];
  confidence: string | null;
}

export class GraphRepository {
  constructor(private readonly executor: Executor) {}

  async exists(id: string): Promise<boolean> {
    const res = await this.executor.read<{ n: number }>('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', {
      id,
    });
    return (res.records[0]?.get('n') ?? 0) > 0;
  }

  /** All shortest paths (up to `limit`, best-supported first) between two entities over live facts, in either direction. */
  async shortestPaths(
    from: string,
    to: string,
    maxHops: number,
    select: GraphSelection,
    limit = 10,
  ): Promise<{ paths: GraphView[]; found: string[] }> {
    // maxHops is a validated integer (1..6): variable-length bounds cannot be parameters.
    const res = await this.executor.read<{
      found: string[];
      paths: { nodes: unknown[]; rels: FactWithEnds[] }[];
      srcs: Node[];
    }>(
      `OPTIONAL MATCH (a:Entity {id: $from})
       OPTIONAL MATCH (b:Entity {id: $to})
       WITH a, b, [x IN [a, b] WHERE x IS NOT NULL | x.id] AS found
       // Collected inside the subquery, so a missing entity or no path still answers one row (one round trip).
       CALL (a, b) {
         MATCH p = allShortestPaths((a)-[*..${maxHops}]-(b))
         WHERE all(r IN relationships(p) WHERE ${LIVE('r')})
         // Best-supported first: the weakest link's confidence, then the sum over links, then the ids (stable).
         WITH p, [r IN relationships(p) | CASE r.confidence WHEN 'confirmed' THEN 0 WHEN 'reported' THEN 1 ELSE 2 END] AS ranks
         WITH p, reduce(m = 0, x IN ranks | CASE WHEN x > m THEN x ELSE m END) AS weakest,
              reduce(t = 0, x IN ranks | t + x) AS total,
              reduce(k = '', n IN nodes(p) | k + n.id + '|') AS key
         ORDER BY weakest, total, key
         WITH p LIMIT toInteger($limit)
         RETURN collect(p) AS paths
       }
       // Each path's nodes as the query selects them, its facts with their ends' ids.
       RETURN found,
              [p IN paths | {nodes: [n IN nodes(p) | ${select.node.cypher}],
                             rels: [r IN relationships(p) | ${FACT_WITH_ENDS('r')}]}] AS paths,
              ${select.withSources ? SOURCES_OF_RELS('reduce(acc = [], p IN paths | acc + relationships(p))') : '[]'} AS srcs`,
      { ...select.node.params, from, to, limit },
    );
    const rec = res.records[0]!;
    const sources = rec.get('srcs').map(toSource);
    const paths = rec.get('paths').map((p) => ({
      nodes: p.nodes.map(select.node.shape),
      edges: edgesOf(p.rels),
      sources,
    }));
    return { paths, found: rec.get('found') };
  }

  /** Entities within `depth` hops and the live facts among them, as of a date; at most `cap` nodes. */
  async neighborhood(
    id: string,
    depth: number,
    asOf: string | null,
    cap: number,
    select: GraphSelection,
  ): Promise<(GraphView & { truncated: boolean }) | null> {
    const res = await this.executor.read<{
      nodes: unknown[];
      more: boolean;
      rels: FactWithEnds[];
      srcs: Node[];
    }>(
      `MATCH (c:Entity {id: $id})
       CALL (c) {
         MATCH p = (c)-[*1..${depth}]-(x:Entity)
         WHERE all(r IN relationships(p) WHERE ${LIVE('r')} AND ${FACT_AS_OF('r')})
           AND all(n IN nodes(p) WHERE ${ENTITY_AS_OF('n')})
           // The centre is drawn whatever its state; the controls around it only while in force then.
           AND all(n IN nodes(p)[1..] WHERE ${CONTROL_AS_OF('n')})
         WITH DISTINCT x LIMIT toInteger($capPlusOne)
         RETURN collect(x) AS found
       }
       WITH c, found[0..toInteger($cap)] AS xs, size(found) > $cap AS more
       WITH c, xs, more, [c] + xs AS all
       CALL (all) {
         UNWIND all AS a
         MATCH (a)-[r]->(b:Entity) WHERE b IN all AND ${LIVE('r')} AND ${FACT_AS_OF('r')}
         RETURN collect(DISTINCT r) AS rels
       }
       RETURN [n IN all | ${select.node.cypher}] AS nodes, more, [r IN rels | ${FACT_WITH_ENDS('r')}] AS rels,
              ${select.withSources ? SOURCES_OF_RELS('rels') : '[]'} AS srcs`,
      { ...select.node.params, id, asOf, cap, capPlusOne: cap + 1 },
    );
    const rec = res.records[0];
    if (!rec) return null;
    return {
      nodes: rec.get('nodes').map(select.node.shape),
      edges: edgesOf(rec.get('rels')),
      sources: rec.get('srcs').map(toSource),
      truncated: rec.get('more'),
    };
  }

  /**
   * Counts per kind and type, sources and the dataset: count-store reads cached per graph version (graph-stats.ts);
   * the scan for unsourced facts only when `withUnsourced`, once per graph version.
   */
  stats(withUnsourced = true): Promise<GraphStats> {
    return graphStats(this.executor, withUnsourced);
  }

  async timeline(
    entityId: string | null,
    from: string | null,
    to: string | null,
    first: number,
  ): Promise<TimelineRow[]> {
    const res = await this.executor.read<{
      date: string;
      kind: string;
      title: string;
      entities: Node[];
      sourceIds: string[];
      confidence: string | null;
    }>(
      `CALL {
         ${ENTITY_EVENTS.map(
           ([label, field, kind, verb]) =>
             `MATCH (x:${label}) WHERE x.${field} IS NOT NULL
              RETURN x.${field} AS date, '${kind}' AS kind, x.name + '${verb}' AS title, [x] AS entities,
                     x.sources AS sourceIds, null AS confidence
              UNION ALL`,
         ).join('\n')}
         MATCH (b:Company)-[r:ORDERED]->(c:Chip|Company) WHERE ${LIVE('r')} AND coalesce(r.date, r.validFrom) IS NOT NULL
         RETURN coalesce(r.date, r.validFrom) AS date, 'order' AS kind,
                b.name + ' ' + CASE coalesce(r.status, 'ordered') WHEN 'delivered' THEN 'received' WHEN 'planned' THEN 'plans to order' WHEN 'negotiating' THEN 'negotiates for' WHEN 'cancelled' THEN 'cancelled an order of' WHEN 'blocked' THEN 'was blocked from buying' ELSE 'ordered' END
                  + CASE WHEN r.units IS NULL THEN ' ' ELSE ' ' + toString(r.units) + ' ' END
                  // A vendor-level order names the vendor (and perhaps its family), not a chip model.
                  + CASE WHEN c:Chip THEN c.name ELSE c.name + coalesce(' ' + r.chipFamily, '') + ' chips' END AS title,
                [b, c] AS entities, r.sources AS sourceIds, r.confidence AS confidence
         UNION ALL
         // Suspensions: the day a measure stops applying, and the day it applies again (an open one has none).
         MATCH (x:ExportControl) WHERE x.suspendedFrom IS NOT NULL
         UNWIND range(0, size(x.suspendedFrom) - 1) AS i
         UNWIND [['control-suspended', x.suspendedFrom[i], ' suspended'], ['control-resumed', x.suspendedUntil[i], ' applies again']] AS e
         WITH x, e WHERE e[1] <> $openEnd
         RETURN e[1] AS date, e[0] AS kind, x.name + e[2] AS title, [x] AS entities, x.sources AS sourceIds,
                null AS confidence
         UNION ALL
         MATCH (b:Company)-[r:DEPLOYS]->(c:Chip) WHERE ${LIVE('r')} AND coalesce(r.date, r.validFrom) IS NOT NULL
         RETURN coalesce(r.date, r.validFrom) AS date, 'deployment' AS kind,
                b.name + ' ' + CASE coalesce(r.status, 'deployed') WHEN 'planned' THEN 'plans to deploy' WHEN 'deploying' THEN 'is deploying' WHEN 'retired' THEN 'retired' ELSE 'deployed' END
                  + CASE WHEN r.units IS NULL THEN ' ' ELSE ' ' + toString(r.units) + ' ' END + c.name AS title,
                [b, c] AS entities, r.sources AS sourceIds, r.confidence AS confidence
       }
       WITH date, kind, title, entities, sourceIds, confidence
       WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to)
         AND ($entityId IS NULL OR any(e IN entities WHERE e.id = $entityId
              OR EXISTS { MATCH (e)-[r]-(:Entity {id: $entityId}) WHERE ${LIVE('r')} }))
       RETURN date, kind, title, entities, coalesce(sourceIds, []) AS sourceIds, confidence
       ORDER BY date ASC, kind, title
       LIMIT toInteger($first)`,
      { entityId, from, to, first, openEnd: OPEN_END },
    );
    return res.records.map((r) => ({
      date: r.get('date'),
      kind: r.get('kind'),
      title: r.get('title'),
      entities: r.get('entities').map(toEntity),
      sourceIds: r.get('sourceIds'),
      confidence: r.get('confidence'),
    }));
  }
}
