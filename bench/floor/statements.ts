// The floor: ONE hand-written Cypher statement per workload that asks exactly chipgraph's question (facts that are
// `retracted` excluded on every hop, the best-supported vendor/developer/country, subsidiaries walked where
// chipgraph walks them, sources inline) and returns chipgraph's GraphQL `data` object as its single column `data`.
// Used by both floors: in process (bench/targets.ts) and over HTTP (bench/floor/server.ts).
import { ENTITY_SPECS, RELATIONSHIP_TYPES } from '../../src/db/ontology.js';
import { luceneQuery } from './lucene.js';

/** The confidences every workload accepts (no minConfidence argument): all three. */
export const CONFIDENCES = ['confirmed', 'reported', 'rumored'];

const RANK = (c: string) =>
  `CASE ${c} WHEN 'confirmed' THEN 0 WHEN 'reported' THEN 1 WHEN 'rumored' THEN 2 ELSE 3 END`;
/** GraphQL enum spelling of a stored value (`reported` → `REPORTED`). */
const UPPER = (v: string) => `toUpper(replace(${v}, '-', '_'))`;
const LIVE = (r: string) => `${r}.retracted IS NULL`;
const ROLE = (r: string) => `CASE type(${r}) WHEN 'TRAINED_ON' THEN 'TRAINING' ELSE 'INFERENCE' END`;
const KIND = (n: string) =>
  `CASE ${ENTITY_SPECS.map((s) => `WHEN ${n}:${s.label} THEN '${s.kind}'`).join(' ')} END`;

/** The entity at the other end of the best-supported live fact (ties: by name), as a map projection. */
const best = (pattern: string, rel: string, node: string, projection: string) =>
  `COLLECT { MATCH ${pattern} WHERE ${LIVE(rel)} WITH ${node}, ${rel} ORDER BY ${RANK(`${rel}.confidence`)}, ${node}.name LIMIT 1 RETURN ${node}{${projection}} }[0]`;
const vendorOf = (chip: string, extra = '') =>
  best(`(vv:Entity)-[vd:DESIGNS]->(${chip})`, 'vd', 'vv', `.id, .name${extra}`);
const developerOf = (model: string) =>
  best(`(dd:Entity)-[dv:DEVELOPS]->(${model})`, 'dv', 'dd', '.id, .name');

/** An entity's sources in the order its list names them (missing ids dropped, as chipgraph's loader does). */
const listedSources = (list: string, fields: string) =>
  `COLLECT { UNWIND coalesce(${list}, []) AS sid MATCH (s:Source {id: sid}) RETURN s{${fields}} }`;
/** A hardware fact's sources as chipgraph's dependency queries fetch them. */
const factSources = (r: string, fields: string) =>
  `COLLECT { MATCH (s:Source) WHERE s.id IN ${r}.sources RETURN s{${fields}} }`;

const HW = (r: string) => `${LIVE(r)} AND ${r}.confidence IN $confidences`;

/** Companies headquartered in $cc, or whose parent (up to two levels) is: chipgraph's country filters. */
const UNDER_COUNTRY = (company: string) =>
  `(:Country {code: $cc})<-[hq:HEADQUARTERED_IN]-(:Company)<-[:SUBSIDIARY_OF*0..2]-(${company}:Company)`;

export const floorStatements: Record<string, string> = {
  'entity-lookup': `
MATCH (c:Chip {id: $id})
RETURN {chip: c{.id, .name, aliases: coalesce(c.aliases, []), .family, .memoryGb, .bf16DenseTflops,
  vendor: ${vendorOf('c', `, country: ${best('(vv)-[vh:HEADQUARTERED_IN]->(k:Entity)', 'vh', 'k', '.code, .name')}`)},
  foundries: COLLECT { MATCH (f:Entity)-[r:FABRICATES]->(c) WHERE ${LIVE('r')}
    RETURN {company: f{.id, .name}, processNode: r.processNode, confidence: ${UPPER('r.confidence')},
            sources: ${listedSources('r.sources', '.id, .publisher')}} },
  softwareStacks: COLLECT { MATCH (c)-[p:PROGRAMMED_WITH]->(st:Entity) WHERE ${LIVE('p')} RETURN st{.id, .name} },
  sources: ${listedSources('c.sources', '.id, .publisher, .title, .url')}}} AS data`,

  'model-hardware': `
MATCH (m:Model {id: $id})
RETURN {model: m{.id, .name, developer: ${developerOf('m')},
  hardware: COLLECT { MATCH (m)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE ${HW('r')}
    RETURN {id: r.id, role: ${ROLE('r')}, chipCount: r.chipCount, confidence: ${UPPER('r.confidence')},
            chip: c{.id, .name, vendor: ${vendorOf('c')}}, sources: ${factSources('r', '.id, .publisher')}} }}} AS data`,

  'chip-dependents': `
MATCH (c:Chip {id: $id})
RETURN {chip: c{.id, .name,
  models: COLLECT { MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c) WHERE ${HW('r')}
    RETURN {id: r.id, role: ${ROLE('r')}, chipCount: r.chipCount, confidence: ${UPPER('r.confidence')},
            model: m{.id, .name, developer: ${developerOf('m')}}, sources: ${factSources('r', '.id, .publisher')}} }}} AS data`,

  // Anchored on the country: designers there (or under a parent there), their chips, the facts on those chips.
  'deps-by-vendor-country': `
CALL { MATCH ${UNDER_COUNTRY('dc')}-[d:DESIGNS]->(c:Chip) WHERE ${LIVE('hq')} AND ${LIVE('d')}
       WITH DISTINCT c MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c) WHERE ${HW('r')}
       RETURN count(r) AS total }
CALL { MATCH ${UNDER_COUNTRY('dc')}-[d:DESIGNS]->(c:Chip) WHERE ${LIVE('hq')} AND ${LIVE('d')}
       WITH DISTINCT c MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c) WHERE ${HW('r')}
       WITH m, r, c ORDER BY coalesce(m.released, '') DESC, m.id, r.id LIMIT 21
       RETURN collect({id: r.id, role: ${ROLE('r')}, chipCount: r.chipCount, confidence: ${UPPER('r.confidence')},
         model: m{.id, .name, .released}, chip: c{.id, .name, vendor: ${vendorOf('c')}},
         sources: ${factSources('r', '.id, .publisher')}}) AS rows }
RETURN {hardwareDependencies: {totalCount: total,
  pageInfo: {hasNextPage: size(rows) > 20, endCursor: CASE WHEN size(rows) = 0 THEN null ELSE 'floor:' + rows[..20][-1].id END},
  nodes: rows[..20]}} AS data`,

  'exposure-vendor': `
MATCH (t:Company {id: $id})
WITH t, COLLECT { MATCH (t)<-[:SUBSIDIARY_OF*0..2]-(:Company)-[d:DESIGNS]->(c:Chip)
                  WHERE ${LIVE('d')} AND d.confidence IN $confidences RETURN DISTINCT c } AS chips
CALL (chips) {
  UNWIND chips AS c
  MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c) WHERE ${HW('r')}
  WITH m, collect({id: r.id, role: ${ROLE('r')}, confidence: ${UPPER('r.confidence')}, chip: {id: c.id}}) AS via
  CALL (m, chips) {
    MATCH (m)-[a:TRAINED_ON|RUNS_ON]->(o:Chip) WHERE NOT o IN chips AND ${HW('a')}
    RETURN collect({id: a.id, role: ${ROLE('a')}, chip: {id: o.id}}) AS alternatives
  }
  RETURN collect({model: m{.id, .name}, via: via, alternatives: alternatives}) AS models
}
RETURN {exposure: {target: t{.id, .name}, chips: [c IN chips | c{.id, .name}], models: models}} AS data`,

  connections: `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL (a, b) {
  MATCH p = allShortestPaths((a)-[*..4]-(b)) WHERE all(r IN relationships(p) WHERE ${LIVE('r')})
  WITH p, [r IN relationships(p) | ${RANK('r.confidence').replace('ELSE 3', 'ELSE 2')}] AS ranks
  WITH p, reduce(m = 0, x IN ranks | CASE WHEN x > m THEN x ELSE m END) AS weakest,
       reduce(t = 0, x IN ranks | t + x) AS total, reduce(k = '', n IN nodes(p) | k + n.id + '|') AS key
  ORDER BY weakest, total, key LIMIT 10
  RETURN collect({length: length(p), nodes: [n IN nodes(p) | n{.id, .name, kind: ${KIND('n')}}],
    edges: [r IN relationships(p) | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id,
                                     confidence: ${UPPER('r.confidence')}}]}) AS paths
}
RETURN {connections: paths} AS data`,

  search: `
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node AS n, score
WHERE n.retracted IS NULL
WITH n, score ORDER BY score DESC, n.id LIMIT 10
RETURN {search: collect({score: score, entity: n{.id, .name, kind: ${KIND('n')}}})} AS data`,

  'models-page': `
CALL { MATCH ${UNDER_COUNTRY('dc')}-[d:DEVELOPS]->(n:Model)
       WHERE ${LIVE('hq')} AND ${LIVE('d')} AND n.openWeights = true RETURN count(DISTINCT n) AS total }
CALL { MATCH ${UNDER_COUNTRY('dc')}-[d:DEVELOPS]->(n:Model)
       WHERE ${LIVE('hq')} AND ${LIVE('d')} AND n.openWeights = true
       WITH DISTINCT n ORDER BY coalesce(n.released, '') DESC, n.id LIMIT 21
       RETURN collect(n{.id, .name, .released, .parameters, developer: ${developerOf('n')}}) AS rows }
RETURN {models: {totalCount: total,
  pageInfo: {hasNextPage: size(rows) > 20, endCursor: CASE WHEN size(rows) = 0 THEN null ELSE 'floor:' + rows[..20][-1].id END},
  edges: [n IN rows[..20] | {cursor: 'floor:' + n.id, node: n}]}} AS data`,

  // Entity and source counts from the count store; live relationships per type and the unsourced ones need the
  // relationship store (chipgraph counts without retracted facts).
  stats: `
${ENTITY_SPECS.map((s) => `CALL { MATCH (n:${s.label}) RETURN count(n) AS ${s.label}_count }`).join('\n')}
CALL { MATCH (s:Source) RETURN count(s) AS sources }
CALL { MATCH ()-[r]->() WHERE type(r) IN $types AND ${LIVE('r')}
       WITH type(r) AS type, count(r) AS count, sum(CASE WHEN size(coalesce(r.sources, [])) = 0 THEN 1 ELSE 0 END) AS unsourced
       ORDER BY type RETURN collect({type: type, count: count}) AS relationships, sum(unsourced) AS unsourced }
RETURN {stats: {entities: [${ENTITY_SPECS.map((s) => `{kind: '${s.kind}', count: ${s.label}_count}`).join(', ')}],
  relationships: relationships, sources: sources, unsourcedRelationships: unsourced}} AS data`,
};

/** Parameters of one floor request: the workload's input plus the constants every statement may use. */
export function floorParams(input: Record<string, unknown>): Record<string, unknown> {
  const lucene = typeof input.text === 'string' ? luceneQuery(input.text) : null;
  return { ...input, lucene, confidences: CONFIDENCES, types: RELATIONSHIP_TYPES };
}
