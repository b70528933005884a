// The analyst questions the bench asks, each three ways: chipgraph's GraphQL, hand-written Cypher (the floor) and
// the closest @neo4j/graphql query (or why there is none). Ids come from the real seed (mixed into every scale)
// or from the generator's picks.
import { ENTITY_SPECS } from '../src/db/ontology.js';

export interface GraphqlCall {
  query: string;
  variables: Record<string, unknown>;
}

export interface Workload {
  name: string;
  question: string;
  /** lookup: one entity and its neighbours; list: a filtered answer; global: reads the whole graph. */
  kind: 'lookup' | 'list' | 'global';
  /** Counted in the "≥ 1.5× @neo4j/graphql" target (nested and dependency questions). */
  peerTarget: boolean;
  chipgraph: GraphqlCall;
  rawCypher: { cypher: string; params: Record<string, unknown> };
  neo4jGraphql: GraphqlCall | { unsupported: string };
  /** How the peer's answer differs from chipgraph's, where it does. */
  peerNote?: string;
}

export interface WorkloadIds {
  /** A chip with ~100 hardware facts at every synthetic scale (a real chip at scale `seed`). */
  listChip: string;
}

/** A TRAINED_ON / RUNS_ON fact as a flat row, with extra entries appended. */
const hwFact = (rel: string, extra: string) => `{
  id: ${rel}.id, role: CASE type(${rel}) WHEN 'TRAINED_ON' THEN 'TRAINING' ELSE 'INFERENCE' END,
  chipCount: ${rel}.chipCount, confidence: ${rel}.confidence, ${extra} }`;

/** Source nodes for a list of ids (an index seek per id). */
const sourcesOf = (list: string, fields: string) =>
  `COLLECT { UNWIND coalesce(${list}, []) AS sid MATCH (s:Source {id: sid}) RETURN s{${fields}} }`;

/** Per-label and per-type counts come from Neo4j's count store; only the unsourced check has to scan. */
function statsCypher(): string {
  const kinds = ENTITY_SPECS.map((s) => `CALL { MATCH (n:${s.label}) RETURN count(n) AS ${s.label} }`);
  // Retracted facts do not count (chipgraph's semantics), so relationships are scanned, not read from the store.
  return [
    ...kinds,
    'CALL { MATCH (s:Source) RETURN count(s) AS sources }',
    'CALL { MATCH ()-[r]->() WHERE r.retracted IS NULL',
    '  WITH type(r) AS type, count(r) AS count, sum(CASE WHEN size(coalesce(r.sources, [])) = 0 THEN 1 ELSE 0 END) AS unsourced',
    '  RETURN collect({type: type, count: count}) AS relationships, sum(unsourced) AS unsourced }',
    `RETURN [${ENTITY_SPECS.map((s) => `{kind: '${s.kind}', count: ${s.label}}`).join(', ')}] AS entities,`,
    '  relationships, sources, unsourced',
  ].join('\n');
}

export function workloads(ids: WorkloadIds): Workload[] {
  return [
    {
      name: 'entity-lookup',
      question: 'A chip with its vendor (and its country), foundry claims with sources, stacks and sources',
      kind: 'lookup',
      peerTarget: true,
      chipgraph: {
        query: `query ($id: ID!) { chip(id: $id) {
          id name aliases family memoryGb bf16DenseTflops
          vendor { id name country { code name } }
          foundries { company { id name } processNode confidence sources { id publisher } }
          softwareStacks { id name }
          sources { id publisher title url } } }`,
        variables: { id: 'nvidia-h100' },
      },
      rawCypher: {
        cypher: `MATCH (c:Chip {id: $id})
          RETURN c{.id, .name, .aliases, .family, .memoryGb, .bf16DenseTflops,
            vendor: COLLECT { MATCH (v:Company)-[:DESIGNS]->(c)
              RETURN v{.id, .name, country: COLLECT { MATCH (v)-[:HEADQUARTERED_IN]->(k:Country) RETURN k{.code, .name} }[0]} }[0],
            foundries: COLLECT { MATCH (f:Company)-[r:FABRICATES]->(c)
              RETURN {company: f{.id, .name}, processNode: r.processNode, confidence: r.confidence,
                      sources: ${sourcesOf('r.sources', '.id, .publisher')}} },
            softwareStacks: COLLECT { MATCH (c)-[:PROGRAMMED_WITH]->(st:SoftwareStack) RETURN st{.id, .name} },
            sources: ${sourcesOf('c.sources', '.id, .publisher, .title, .url')}} AS chip`,
        params: { id: 'nvidia-h100' },
      },
      neo4jGraphql: {
        query: `query ($id: ID!) { chips(where: { id: { eq: $id } }) {
          id name aliases family memoryGb bf16DenseTflops
          designedBy { id name country { code name } }
          fabricatedByConnection { edges { properties { processNode confidence sources } node { id name } } }
          programmedWith { id name }
          sourceNodes { id publisher title url } } }`,
        variables: { id: 'nvidia-h100' },
      },
      peerNote: 'relationship sources as ids (a @cypher field cannot sit on relationship properties)',
    },
    {
      name: 'model-hardware',
      question: "A model's hardware dependencies (training and inference) with chip vendors and sources",
      kind: 'lookup',
      peerTarget: true,
      chipgraph: {
        query: `query ($id: ID!) { model(id: $id) {
          id name developer { id name }
          hardware { id role chipCount confidence chip { id name vendor { id name } } sources { id publisher } } } }`,
        variables: { id: 'deepseek-v3' },
      },
      rawCypher: {
        cypher: `MATCH (m:Model {id: $id})
          RETURN m{.id, .name,
            developer: COLLECT { MATCH (d:Company)-[:DEVELOPS]->(m) RETURN d{.id, .name} }[0],
            hardware: COLLECT { MATCH (m)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE r.retracted IS NULL
              RETURN ${hwFact(
                'r',
                `chip: c{.id, .name, vendor: COLLECT { MATCH (v:Company)-[:DESIGNS]->(c) RETURN v{.id, .name} }[0]},
                sources: ${sourcesOf('r.sources', '.id, .publisher')}`,
              )} }} AS model`,
        params: { id: 'deepseek-v3' },
      },
      neo4jGraphql: {
        query: `query ($id: ID!) { models(where: { id: { eq: $id } }) {
          id name developedBy { id name }
          trainedOnConnection { edges { properties { id chipCount confidence sources } node { id name designedBy { id name } } } }
          runsOnConnection { edges { properties { id chipCount confidence sources } node { id name designedBy { id name } } } } } }`,
        variables: { id: 'deepseek-v3' },
      },
      peerNote: 'two connections (training, inference) instead of one list; relationship sources as ids',
    },
    {
      name: 'chip-dependents',
      question: "A popular chip's dependent models (~100 facts) with their developers",
      kind: 'list',
      peerTarget: true,
      chipgraph: {
        query: `query ($id: ID!) { chip(id: $id) { id name
          models { id role chipCount confidence model { id name developer { id name } } sources { id publisher } } } }`,
        variables: { id: ids.listChip },
      },
      rawCypher: {
        cypher: `MATCH (c:Chip {id: $id})
          RETURN c{.id, .name, models: COLLECT { MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c) WHERE r.retracted IS NULL
            RETURN ${hwFact(
              'r',
              `model: m{.id, .name, developer: COLLECT { MATCH (d:Company)-[:DEVELOPS]->(m) RETURN d{.id, .name} }[0]},
              sources: ${sourcesOf('r.sources', '.id, .publisher')}`,
            )} }} AS chip`,
        params: { id: ids.listChip },
      },
      neo4jGraphql: {
        query: `query ($id: ID!) { chips(where: { id: { eq: $id } }) { id name
          trainedModelsConnection { edges { properties { id chipCount confidence sources } node { id name developedBy { id name } } } }
          servedModelsConnection { edges { properties { id chipCount confidence sources } node { id name developedBy { id name } } } } } }`,
        variables: { id: ids.listChip },
      },
      peerNote: 'two connections instead of one list; relationship sources as ids',
    },
    {
      name: 'deps-by-vendor-country',
      question:
        'hardwareDependencies on chips whose vendor is in CN: first page of 20, newest model first, totalCount',
      kind: 'list',
      peerTarget: true,
      chipgraph: {
        query: `query { hardwareDependencies(where: { vendorCountries: ["CN"] }, first: 20) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { id role chipCount confidence model { id name released } chip { id name vendor { id name } } sources { id publisher } } } }`,
        variables: {},
      },
      rawCypher: {
        cypher: `CALL { MATCH (:Country {code: $cc})<-[:HEADQUARTERED_IN]-(:Company)-[:DESIGNS]->(:Chip)<-[r:TRAINED_ON|RUNS_ON]-(:Model)
                 RETURN count(DISTINCT r) AS totalCount }
          CALL { MATCH (:Country {code: $cc})<-[:HEADQUARTERED_IN]-(v:Company)-[:DESIGNS]->(c:Chip)<-[r:TRAINED_ON|RUNS_ON]-(m:Model)
                 WITH DISTINCT v, c, r, m ORDER BY m.released DESC, r.id LIMIT 21
                 RETURN collect(${hwFact(
                   'r',
                   `model: m{.id, .name, .released}, chip: c{.id, .name, vendor: v{.id, .name}},
                   sources: ${sourcesOf('r.sources', '.id, .publisher')}`,
                 )}) AS nodes }
          RETURN totalCount, nodes`,
        params: { cc: 'CN' },
      },
      neo4jGraphql: {
        query: `query { modelsConnection(first: 20, sort: [{ released: DESC }], where: { OR: [
            { trainedOn: { some: { designedBy: { some: { country: { some: { code: { eq: "CN" } } } } } } } },
            { runsOn: { some: { designedBy: { some: { country: { some: { code: { eq: "CN" } } } } } } } } ] }) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { id name released
            trainedOnConnection(where: { node: { designedBy: { some: { country: { some: { code: { eq: "CN" } } } } } } }) {
              edges { properties { id chipCount confidence sources } node { id name designedBy { id name } } } }
            runsOnConnection(where: { node: { designedBy: { some: { country: { some: { code: { eq: "CN" } } } } } } }) {
              edges { properties { id chipCount confidence sources } node { id name designedBy { id name } } } } } } } }`,
        variables: {},
      },
      peerNote:
        'pages models (each with its matching facts), not facts: it cannot page relationships as rows',
    },
    {
      name: 'exposure-vendor',
      question:
        'exposure of Nvidia (with subsidiaries): its chips, the models on them, each split into exposed and other facts',
      kind: 'list',
      peerTarget: false,
      chipgraph: {
        query: `query { exposure(target: { vendorId: "nvidia" }) {
          target { id name } chips { id name }
          models { model { id name } via { id role confidence chip { id } } alternatives { id role chip { id } } } } }`,
        variables: {},
      },
      rawCypher: {
        cypher: `MATCH (t:Company {id: $vendor})
          WITH t, COLLECT { MATCH (co:Company)-[:SUBSIDIARY_OF*0..5]->(t) MATCH (co)-[:DESIGNS]->(c:Chip) RETURN DISTINCT c } AS chips
          CALL { WITH chips UNWIND chips AS c MATCH (m:Model)-[:TRAINED_ON|RUNS_ON]->(c) RETURN collect(DISTINCT m) AS models }
          RETURN t{.id, .name} AS target, [c IN chips | c{.id, .name}] AS chips,
            [m IN models | {model: m{.id, .name},
              via: COLLECT { MATCH (m)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE c IN chips RETURN {id: r.id, role: type(r), confidence: r.confidence, chip: c.id} },
              alternatives: COLLECT { MATCH (m)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE NOT c IN chips RETURN {id: r.id, role: type(r), chip: c.id} }}] AS models`,
        params: { vendor: 'nvidia' },
      },
      neo4jGraphql: {
        unsupported:
          'no transitive subsidiary traversal and no way to split a model\'s facts into "on exposed chips" and "elsewhere" without a @cypher field, i.e. hand-written Cypher',
      },
    },
    {
      name: 'connections',
      question: 'How DeepSeek V3 and Huawei are connected: shortest paths up to 4 hops, in either direction',
      kind: 'list',
      peerTarget: false,
      chipgraph: {
        query: `query { connections(from: "deepseek-v3", to: "huawei", maxHops: 4) {
          length nodes { id name kind } edges { id type from to confidence } } }`,
        variables: {},
      },
      rawCypher: {
        cypher: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
          MATCH p = allShortestPaths((a)-[*..4]-(b))
          WHERE all(r IN relationships(p) WHERE r.retracted IS NULL)
          WITH p LIMIT 10
          RETURN [n IN nodes(p) | n{.id, .name}] AS nodes,
            [r IN relationships(p) | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id, confidence: r.confidence}] AS edges`,
        params: { from: 'deepseek-v3', to: 'huawei' },
      },
      neo4jGraphql: {
        unsupported: 'no path queries: the generated API only follows declared relationship fields',
      },
    },
    {
      name: 'search',
      question: 'Full-text search for "ascend 910", 10 hits',
      kind: 'global',
      peerTarget: false,
      chipgraph: {
        query: `query { search(text: "ascend 910", first: 10) { score entity { id name kind } } }`,
        variables: {},
      },
      rawCypher: {
        cypher: `CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: 10}) YIELD node, score
          RETURN node{.id, .name, labels: labels(node)} AS entity, score`,
        // The Lucene query chipgraph builds for "ascend 910" (prefix, fuzzy, boosted exact), so both do the same work.
        params: { q: '(ascend^4 OR ascend*^2 OR ascend~1) AND (910^4 OR 910*^2)' },
      },
      neo4jGraphql: {
        query: `query { chipsByName(phrase: "(ascend^4 OR ascend*^2 OR ascend~1) AND (910^4 OR 910*^2)", first: 10) { edges { score node { id name } } } }`,
        variables: {},
      },
      peerNote: 'one kind per query (chips here); @fulltext gives no cross-kind search',
    },
    {
      name: 'models-page',
      question:
        'Open-weights models from CN developers, newest first: a page of 20 with totalCount and cursors',
      kind: 'list',
      peerTarget: false,
      chipgraph: {
        query: `query { models(where: { developerCountries: ["CN"], openWeights: true }, orderBy: [{ field: RELEASED, direction: DESC }], first: 20) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id name released parameters developer { id name } } } } }`,
        variables: {},
      },
      rawCypher: {
        cypher: `CALL { MATCH (:Country {code: $cc})<-[:HEADQUARTERED_IN]-(:Company)-[:DEVELOPS]->(m:Model) WHERE m.openWeights = true
                 RETURN count(DISTINCT m) AS totalCount }
          CALL { MATCH (:Country {code: $cc})<-[:HEADQUARTERED_IN]-(:Company)-[:DEVELOPS]->(m:Model) WHERE m.openWeights = true
                 WITH DISTINCT m ORDER BY m.released DESC, m.id LIMIT 21
                 RETURN collect(m{.id, .name, .released, .parameters,
                   developer: COLLECT { MATCH (d:Company)-[:DEVELOPS]->(m) RETURN d{.id, .name} }[0]}) AS nodes }
          RETURN totalCount, nodes`,
        params: { cc: 'CN' },
      },
      neo4jGraphql: {
        query: `query { modelsConnection(first: 20, sort: [{ released: DESC }],
            where: { openWeights: { eq: true }, developedBy: { some: { country: { some: { code: { eq: "CN" } } } } } }) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id name released parameters developedBy { id name } } } } }`,
        variables: {},
      },
    },
    {
      name: 'stats',
      question:
        'What is in the graph: entities per kind, relationships per type, sources, unsourced relationships',
      kind: 'global',
      peerTarget: false,
      chipgraph: {
        query: `query { stats { entities { kind count } relationships { type count } sources unsourcedRelationships } }`,
        variables: {},
      },
      rawCypher: {
        cypher: statsCypher(),
        params: {},
      },
      neo4jGraphql: {
        query: `query { companiesConnection { totalCount } countriesConnection { totalCount } chipsConnection { totalCount }
          softwareStacksConnection { totalCount } modelsConnection { totalCount } exportControlsConnection { totalCount }
          sourcesConnection { totalCount } }`,
        variables: {},
      },
      peerNote:
        'entity and source counts only: relationship counts per type and unsourced relationships are not expressible',
    },
  ];
}
