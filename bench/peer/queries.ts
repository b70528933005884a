// The peer's closest query per workload, and how its answer maps onto chipgraph's: field names, two connections
// (training, inference) merged into one list, relationship lists that chipgraph answers as one best-supported
// entity. What the peer cannot express stays visible: relationship sources are ids only (a @cypher field cannot
// sit on relationship properties), so chipgraph's answer is projected to source ids before comparing; it neither
// skips `retracted` facts nor picks the best-supported vendor, so where the data holds such facts the answers
// differ and bench/answers.ts drops the peer from that workload.
type J = Record<string, unknown>;

export interface PeerQuery {
  query: string;
  /** The peer's `data` as chipgraph's `data`. */
  toChipgraph(data: J): unknown;
  /** chipgraph's `data` reduced to what the peer can answer (source objects → ids). */
  project(data: J): unknown;
  note: string;
}

const arr = (v: unknown) => (Array.isArray(v) ? (v as J[]) : []);
const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase().replace(/-/g, '_') : null);
/** A relationship list where chipgraph answers one entity: equal only when there is exactly one. */
const one = (list: unknown): unknown => {
  const l = arr(list);
  return l.length === 0 ? null : l.length === 1 ? l[0] : { ambiguous: l.map((x) => x.id) };
};
const ids = (sources: unknown) => arr(sources).map((s) => s.id);

const hwEdges = (conn: unknown, role: string, other: (node: J) => J) =>
  arr((conn as J | null)?.edges).map((e) => {
    const p = e.properties as J;
    return {
      id: p.id,
      role,
      chipCount: p.chipCount,
      confidence: upper(p.confidence),
      ...other(e.node as J),
      sources: p.sources,
    };
  });
const withSourceIds = (facts: unknown) => arr(facts).map((f) => ({ ...f, sources: ids(f.sources) }));
const hwNote = 'two connections (training, inference) merged into one list; relationship sources as ids';
const facts = `properties { id chipCount confidence sources }`;

export const peerQueries: Record<string, PeerQuery> = {
  'entity-lookup': {
    query: `query ($id: ID!) { chips(where: { id: { eq: $id } }) {
      id name aliases family memoryGb bf16DenseTflops
      designedBy { id name country { code name } }
      fabricatedByConnection { edges { properties { processNode confidence sources } node { id name } } }
      programmedWith { id name }
      sourceNodes { id publisher title url } } }`,
    toChipgraph: (d) => {
      const c = arr(d.chips)[0];
      if (!c) return { chip: null };
      const v = one(c.designedBy) as J | null;
      return {
        chip: {
          ...c,
          designedBy: undefined,
          fabricatedByConnection: undefined,
          programmedWith: undefined,
          sourceNodes: undefined,
          vendor: v && !('ambiguous' in v) ? { ...v, country: one(v.country) } : v,
          foundries: arr((c.fabricatedByConnection as J).edges).map((e) => ({
            company: e.node,
            processNode: (e.properties as J).processNode,
            confidence: upper((e.properties as J).confidence),
            sources: (e.properties as J).sources,
          })),
          softwareStacks: c.programmedWith,
          sources: c.sourceNodes,
        },
      };
    },
    project: (d) => {
      const c = d.chip as J | null;
      return { chip: c && { ...c, foundries: withSourceIds(c.foundries) } };
    },
    note: 'relationship sources as ids (a @cypher field cannot sit on relationship properties)',
  },
  'model-hardware': {
    query: `query ($id: ID!) { models(where: { id: { eq: $id } }) {
      id name developedBy { id name }
      trainedOnConnection { edges { ${facts} node { id name designedBy { id name } } } }
      runsOnConnection { edges { ${facts} node { id name designedBy { id name } } } } } }`,
    toChipgraph: (d) => {
      const m = arr(d.models)[0];
      if (!m) return { model: null };
      const chip = (n: J) => ({ chip: { id: n.id, name: n.name, vendor: one(n.designedBy) } });
      return {
        model: {
          id: m.id,
          name: m.name,
          developer: one(m.developedBy),
          hardware: [
            ...hwEdges(m.trainedOnConnection, 'TRAINING', chip),
            ...hwEdges(m.runsOnConnection, 'INFERENCE', chip),
          ],
        },
      };
    },
    project: (d) => {
      const m = d.model as J | null;
      return { model: m && { ...m, hardware: withSourceIds(m.hardware) } };
    },
    note: hwNote,
  },
  'chip-dependents': {
    query: `query ($id: ID!) { chips(where: { id: { eq: $id } }) { id name
      trainedModelsConnection { edges { ${facts} node { id name developedBy { id name } } } }
      servedModelsConnection { edges { ${facts} node { id name developedBy { id name } } } } } }`,
    toChipgraph: (d) => {
      const c = arr(d.chips)[0];
      if (!c) return { chip: null };
      const model = (n: J) => ({ model: { id: n.id, name: n.name, developer: one(n.developedBy) } });
      return {
        chip: {
          id: c.id,
          name: c.name,
          models: [
            ...hwEdges(c.trainedModelsConnection, 'TRAINING', model),
            ...hwEdges(c.servedModelsConnection, 'INFERENCE', model),
          ],
        },
      };
    },
    project: (d) => {
      const c = d.chip as J | null;
      return { chip: c && { ...c, models: withSourceIds(c.models) } };
    },
    note: hwNote,
  },
  search: {
    query: `query ($lucene: String!) { chipsByName(phrase: $lucene, first: 10) { edges { score node { id name } } } }`,
    toChipgraph: (d) => ({
      search: arr((d.chipsByName as J).edges).map((e) => ({
        score: e.score,
        entity: { ...(e.node as J), kind: 'CHIP' },
      })),
    }),
    project: (d) => d,
    note: 'one kind per query (chips here; @fulltext gives no cross-kind search), no tie order',
  },
  'models-page': {
    query: `query ($cc: String!) { modelsConnection(first: 20, sort: [{ released: DESC }],
        where: { openWeights: { eq: true }, developedBy: { some: { country: { some: { code: { eq: $cc } } } } } }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id name released parameters developedBy { id name } } } } }`,
    toChipgraph: (d) => {
      const c = d.modelsConnection as J;
      return {
        models: {
          totalCount: c.totalCount,
          pageInfo: c.pageInfo,
          edges: arr(c.edges).map((e) => {
            const n = e.node as J;
            return {
              cursor: e.cursor,
              node: { ...n, developedBy: undefined, developer: one(n.developedBy) },
            };
          }),
        },
      };
    },
    project: (d) => d,
    note: 'no subsidiary walk (a developer whose parent is in the country is missed); nulls sort first; no tie order',
  },
};

/** Why the peer has no row for the other workloads. */
export const peerUnsupported: Record<string, string> = {
  'deps-by-vendor-country':
    'pages models (each with its matching facts), not facts: it cannot page relationships as rows',
  'exposure-vendor':
    'no transitive subsidiary traversal and no way to split a model\'s facts into "on exposed chips" and "elsewhere" without a @cypher field, i.e. hand-written Cypher',
  connections: 'no path queries: the generated API only follows declared relationship fields',
  stats:
    'entity and source counts only: relationship counts per type and unsourced relationships are not expressible',
};
