// The analyst questions the bench asks: chipgraph's GraphQL (with variables), the floor's one statement
// (bench/floor/statements.ts, same name) and the closest @neo4j/graphql query mapped onto chipgraph's answer
// (bench/peer/queries.ts), or why there is none. Inputs (ids, codes, texts) are drawn from the graph with a
// popularity skew by bench/inputs.ts; every variant gets the same input sequence.
import { floorStatements } from './floor/statements.js';
import { peerQueries, peerUnsupported, type PeerQuery } from './peer/queries.js';

/** How a workload's inputs are drawn from the graph (bench/inputs.ts). */
export type InputKind =
  | 'chip'
  | 'model'
  | 'list-chip'
  | 'vendor'
  | 'pair'
  | 'text'
  | 'designer-country'
  | 'developer-country'
  | 'none';

export interface Workload {
  name: string;
  question: string;
  /** lookup: one entity and its neighbours; list: a filtered answer; global: reads the whole graph. */
  kind: 'lookup' | 'list' | 'global';
  /** Counted in the "≥ 2× @neo4j/graphql" target where the peer answers the same question. */
  peerTarget: boolean;
  inputs: InputKind;
  /** chipgraph's query; its variables are the input record. */
  chipgraph: string;
  /** The floor's statement (the same one in process and over HTTP). */
  floor: string;
  peer: PeerQuery | { unsupported: string };
  /** Lists whose order is part of the answer (dotted paths from `data`); other lists compare as sets. */
  ordered: string[];
}

const def = (w: Omit<Workload, 'floor' | 'peer'>): Workload => ({
  ...w,
  floor: floorStatements[w.name]!,
  peer: peerQueries[w.name] ?? { unsupported: peerUnsupported[w.name] ?? 'no query' },
});

export function workloads(): Workload[] {
  return [
    def({
      name: 'entity-lookup',
      question: 'A chip with its vendor (and its country), foundry claims with sources, stacks and sources',
      kind: 'lookup',
      peerTarget: true,
      inputs: 'chip',
      chipgraph: `query ($id: ID!) { chip(id: $id) {
          id name aliases family memoryGb bf16DenseTflops
          vendor { id name country { code name } }
          foundries { company { id name } processNode confidence sources { id publisher } }
          softwareStacks { id name }
          sources { id publisher title url } } }`,
      ordered: ['chip.aliases'],
    }),
    def({
      name: 'model-hardware',
      question: "A model's hardware dependencies (training and inference) with chip vendors and sources",
      kind: 'lookup',
      peerTarget: true,
      inputs: 'model',
      chipgraph: `query ($id: ID!) { model(id: $id) {
          id name developer { id name }
          hardware { id role chipCount confidence chip { id name vendor { id name } } sources { id publisher } } } }`,
      ordered: [],
    }),
    def({
      name: 'chip-dependents',
      question: "A popular chip's dependent models (10-150 facts) with their developers",
      kind: 'list',
      peerTarget: true,
      inputs: 'list-chip',
      chipgraph: `query ($id: ID!) { chip(id: $id) { id name
          models { id role chipCount confidence model { id name developer { id name } } sources { id publisher } } } }`,
      ordered: [],
    }),
    def({
      name: 'deps-by-vendor-country',
      question:
        'hardwareDependencies on chips whose vendor (or its parent) is in a country: first page of 20, newest model first, totalCount',
      kind: 'list',
      peerTarget: true,
      inputs: 'designer-country',
      chipgraph: `query ($cc: String!) { hardwareDependencies(where: { vendorCountries: [$cc] }, first: 20) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { id role chipCount confidence model { id name released } chip { id name vendor { id name } } sources { id publisher } } } }`,
      ordered: ['hardwareDependencies.nodes'],
    }),
    def({
      name: 'exposure-vendor',
      question:
        'exposure of a vendor (with subsidiaries): its chips, the models on them, each split into exposed and other facts',
      kind: 'list',
      peerTarget: false,
      inputs: 'vendor',
      chipgraph: `query ($id: ID!) { exposure(target: { vendorId: $id }) {
          target { id name } chips { id name }
          models { model { id name } via { id role confidence chip { id } } alternatives { id role chip { id } } } } }`,
      ordered: [],
    }),
    def({
      name: 'connections',
      question:
        'How a model and a chip vendor are connected: shortest paths up to 4 hops, in either direction',
      kind: 'list',
      peerTarget: false,
      inputs: 'pair',
      chipgraph: `query ($from: ID!, $to: ID!) { connections(from: $from, to: $to, maxHops: 4) {
          length nodes { id name kind } edges { id type from to confidence } } }`,
      // Paths compare as a set (ties in chipgraph's order are broken by node ids only); each path in order.
      ordered: ['connections.nodes', 'connections.edges'],
    }),
    def({
      name: 'search',
      question: 'Full-text search for an entity name (e.g. "ascend 910"), 10 hits',
      kind: 'global',
      peerTarget: false,
      inputs: 'text',
      chipgraph: `query ($text: String!) { search(text: $text, first: 10) { score entity { id name kind } } }`,
      ordered: ['search'],
    }),
    def({
      name: 'models-page',
      question:
        'Open-weights models from developers in a country, newest first: a page of 20 with totalCount and cursors',
      kind: 'list',
      peerTarget: false,
      inputs: 'developer-country',
      chipgraph: `query ($cc: String!) { models(where: { developerCountries: [$cc], openWeights: true }, orderBy: [{ field: RELEASED, direction: DESC }], first: 20) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id name released parameters developer { id name } } } } }`,
      ordered: ['models.edges'],
    }),
    def({
      name: 'stats',
      question:
        'What is in the graph: entities per kind, relationships per type, sources, unsourced relationships',
      kind: 'global',
      peerTarget: false,
      inputs: 'none',
      chipgraph: `query { stats { entities { kind count } relationships { type count } sources unsourcedRelationships } }`,
      ordered: [],
    }),
  ];
}
