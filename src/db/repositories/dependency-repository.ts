// Hardware dependencies (TRAINED_ON / RUNS_ON facts) and exposure: the headline questions, one round trip each,
// with each fact's sources fetched inline.
import type { Node, Relationship } from 'neo4j-driver';
import type { Projection } from '../compiler/index.js';
import type { Executor } from '../executor.js';
import { afterPredicate, keyListExpr, orderByClause, pageWithTotal, type SortKey } from './keyset.js';
import { FACT_AS_OF, IN_FORCE, LIVE, MODEL_AS_OF } from '../cypher-rules.js';
import { anchors, fragments } from './list-repository.js';

export { MODEL_AS_OF } from '../cypher-rules.js';
import { toEntity, toFact, toSource, type EntityView, type FactView, type SourceView } from './records.js';

export interface DependencyRow {
  fact: FactView;
  model: EntityView;
  chip: EntityView;
  sources: SourceView[];
}

export interface DependencyFilter {
  modelIds?: string[] | null;
  chipIds?: string[] | null;
  vendorIds?: string[] | null;
  vendorCountries?: string[] | null;
  developerIds?: string[] | null;
  developerCountries?: string[] | null;
  relTypes: string[];
  confidences: string[];
  asOf: string | null;
}

export const SOURCES_OF = (r: string) => `COLLECT { MATCH (s:Source) WHERE s.id IN ${r}.sources RETURN s }`;

const DEP_KEYS: SortKey[] = [
  { expr: 'm.released', type: 'string', direction: 'DESC' },
  { expr: 'm.id', type: 'string', direction: 'ASC' },
  { expr: 'r.id', type: 'string', direction: 'ASC' },
];

type RawRow = { r: Relationship; m: Node; c: Node; srcs: Node[] };

function toRow(raw: RawRow): DependencyRow {
  const model = toEntity(raw.m);
  const chip = toEntity(raw.c);
  return { fact: toFact(raw.r, model.id, chip.id), model, chip, sources: raw.srcs.map(toSource) };
}

/**
 * The filter as predicates, and where the MATCH starts: from the chips of the asked vendors or vendor countries,
 * or the models of the asked developers, when given (the anchors of list-repository.ts), else every hardware fact.
 */
function dependencyWhere(f: DependencyFilter): {
  where: string;
  params: Record<string, unknown>;
  start: string;
} {
  const preds = [
    LIVE('r'),
    'type(r) IN $relTypes',
    'r.confidence IN $confidences',
    FACT_AS_OF('r'),
    MODEL_AS_OF('m'),
  ];
  const params: Record<string, unknown> = { relTypes: f.relTypes, confidences: f.confidences, asOf: f.asOf };
  const add = (value: unknown, pred: string, p: Record<string, unknown>) => {
    if (value === null || value === undefined) return;
    preds.push(pred);
    Object.assign(params, p);
  };
  add(f.modelIds, 'm.id IN $modelIds', { modelIds: f.modelIds });
  add(f.chipIds, 'c.id IN $chipIds', { chipIds: f.chipIds });
  let start: string | null = null;
  const anchored = (value: unknown, pred: string, anchor: string, p: Record<string, unknown>) => {
    if (value === null || value === undefined) return;
    if (start === null) start = anchor;
    else preds.push(pred);
    Object.assign(params, p);
  };
  const HW = '(m:Model)-[r:TRAINED_ON|RUNS_ON]->(c:Chip)';
  anchored(f.vendorIds, fragments.vendorIds('c'), `${anchors.vendorIds('c')} MATCH ${HW}`, {
    vendorIds: f.vendorIds,
  });
  anchored(f.vendorCountries, fragments.vendorCountries('c'), `${anchors.vendorCountries('c')} MATCH ${HW}`, {
    vendorCountries: f.vendorCountries,
  });
  anchored(f.developerIds, fragments.developerIds('m'), `${anchors.developerIds('m')} MATCH ${HW}`, {
    developerIds: f.developerIds,
  });
  anchored(
    f.developerCountries,
    fragments.developerCountries('m'),
    `${anchors.developerCountries('m')} MATCH ${HW}`,
    { developerCountries: f.developerCountries },
  );
  return { where: preds.join(' AND '), params, start: start ?? `MATCH ${HW}` };
}

export interface ExposureQuery {
  target:
    | { vendorId: string }
    | { countryCode: string }
    | { exportControlId: string }
    | { softwareStackId: string };
  confidences: string[];
  asOf: string | null;
  /** The date controls are checked against: asOf, or today. */
  controlDate: string;
  /** What to return for each part (compiled selections); without them, whole nodes and facts with sources. */
  projections?: ExposureProjections;
}

export interface ExposureProjections {
  target: Projection<EntityView>;
  chip: Projection<EntityView>;
  model: Projection<EntityView>;
  via: Projection<DependencyRow>;
  alternatives: Projection<DependencyRow>;
}

export interface ExposureResult {
  target: EntityView | null;
  chips: EntityView[];
  models: { model: EntityView; via: DependencyRow[]; alternatives: DependencyRow[] }[];
}

// How each kind of target exposes chips. `t` is the target node; every fact on the way must be live and
// well-enough supported.
const EXPOSED_CHIPS = {
  vendorId: `
    MATCH (t:Company {id: $targetId})
    OPTIONAL MATCH (t)<-[:SUBSIDIARY_OF*0..2]-(:Company)-[d:DESIGNS]->(c:Chip)
    WHERE ${LIVE('d')} AND d.confidence IN $confidences`,
  countryCode: `
    MATCH (t:Country {code: $targetId})
    OPTIONAL MATCH (c:Chip)
    WHERE EXISTS { MATCH (c)<-[d:DESIGNS]-(:Company)-[:SUBSIDIARY_OF*0..2]->(:Company)-[h:HEADQUARTERED_IN]->(t)
                   WHERE ${LIVE('d')} AND ${LIVE('h')} AND d.confidence IN $confidences }
       OR EXISTS { MATCH (c)<-[f:FABRICATES|SUPPLIES]-(:Company)-[:SUBSIDIARY_OF*0..2]->(:Company)-[h:HEADQUARTERED_IN]->(t)
                   WHERE ${LIVE('f')} AND ${LIVE('h')} AND f.confidence IN $confidences }`,
  exportControlId: `
    MATCH (t:ExportControl {id: $targetId})
    OPTIONAL MATCH (t)-[x:RESTRICTS]->(c:Chip)
    WHERE ${LIVE('x')} AND x.confidence IN $confidences
      AND ${IN_FORCE('t', 'controlDate')}`,
  softwareStackId: `
    MATCH (t:SoftwareStack {id: $targetId})
    OPTIONAL MATCH (t)<-[p:PROGRAMMED_WITH]-(c:Chip)
    WHERE ${LIVE('p')} AND p.confidence IN $confidences`,
} as const;

const HW = `${LIVE('r')} AND r.confidence IN $confidences AND ${FACT_AS_OF('r')} AND ${MODEL_AS_OF('m')}`;

export class DependencyRepository {
  constructor(private readonly executor: Executor) {}

  async page(
    f: DependencyFilter,
    first: number,
    after: unknown[] | null,
    withTotal: boolean,
    projection?: Projection<DependencyRow>,
  ): Promise<{
    rows: { row: DependencyRow; keys: unknown[] }[];
    hasNextPage: boolean;
    total: number | null;
  }> {
    const { where, params, start } = dependencyWhere(f);
    const row = (m: string, r: string, c: string, keys: string) =>
      projection
        ? `{row: ${projection.cypher}, keys: ${keys}}`
        : `{m: ${m}, r: ${r}, c: ${c}, srcs: ${SOURCES_OF(r)}, keys: ${keys}}`;
    // The page is a top-k over the (anchored) matching facts; totalCount, when asked, a count over the same MATCH
    // (two anchored passes: one pass sorting every matching fact timed out at the large bench scale).
    const pageQuery = (
      total = '',
    ) => `${start} WITH m, r, c WHERE ${where}${after ? ` AND ${afterPredicate(DEP_KEYS)}` : ''}
  WITH m, r, c ORDER BY ${orderByClause(DEP_KEYS)} LIMIT toInteger($limit)
  RETURN ${total}collect(${row('m', 'r', 'c', keyListExpr(DEP_KEYS))}) AS page`;
    const cypher = pageWithTotal(
      withTotal ? `${start} WITH m, r, c WHERE ${where} RETURN count(r) AS total` : null,
      pageQuery,
    );
    const res = await this.executor.read<{ total: number | null; page: (RawRow & { keys: unknown[] })[] }>(
      cypher,
      {
        ...projection?.params,
        ...params,
        after,
        limit: first + 1,
      },
    );
    const rec = res.records[0];
    const page = rec?.get('page') ?? [];
    return {
      rows: page.slice(0, first).map((raw) => ({
        row: projection ? projection.shape((raw as unknown as { row: unknown }).row) : toRow(raw),
        keys: raw.keys,
      })),
      hasNextPage: page.length > first,
      total: rec?.get('total') ?? null,
    };
  }

  /** Hardware facts of many models (side 'model') or many chips (side 'chip') at once, for DataLoaders. */
  async bySide(
    side: 'model' | 'chip',
    ids: readonly string[],
    relTypes: string[],
    confidences: string[],
  ): Promise<Map<string, DependencyRow[]>> {
    const anchor = side === 'model' ? 'm' : 'c';
    const res = await this.executor.read<RawRow & { id: string }>(
      `UNWIND $ids AS id
       MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE ${anchor}.id = id
         AND ${LIVE('r')} AND type(r) IN $relTypes AND r.confidence IN $confidences
       RETURN id, m, r, c, ${SOURCES_OF('r')} AS srcs
       ORDER BY id, m.released DESC, r.id`,
      { ids: [...new Set(ids)], relTypes, confidences },
    );
    const out = new Map<string, DependencyRow[]>();
    for (const rec of res.records) {
      const id = rec.get('id');
      const list = out.get(id) ?? [];
      list.push(toRow(rec.toObject()));
      out.set(id, list);
    }
    return out;
  }

  async exposure(q: ExposureQuery): Promise<ExposureResult> {
    const [kind, targetId] = Object.entries(q.target)[0] as [keyof typeof EXPOSED_CHIPS, string];
    const p = q.projections;
    const dep = (proj: Projection<DependencyRow> | undefined) =>
      proj ? proj.cypher : `{m: m, r: r, c: c, srcs: ${SOURCES_OF('r')}}`;
    const cypher = `
${EXPOSED_CHIPS[kind]}
WITH t, collect(DISTINCT c) AS exposed
CALL (exposed) {
  UNWIND exposed AS c
  MATCH (m:Model)-[r:TRAINED_ON|RUNS_ON]->(c) WHERE ${HW}
  WITH m, collect(${dep(p?.via)}) AS via
  CALL (m, exposed) {
    MATCH (m)-[r:TRAINED_ON|RUNS_ON]->(c:Chip) WHERE NOT c IN exposed AND ${HW}
    RETURN collect(${dep(p?.alternatives)}) AS alternatives
  }
  WITH m, via, alternatives ORDER BY size(via) DESC, size(alternatives) ASC, m.name
  RETURN collect({m: ${p ? p.model.cypher : 'm'}, via: via, alternatives: alternatives}) AS models
}
RETURN ${p ? p.target.cypher : 't'} AS t, [c IN exposed | ${p ? p.chip.cypher : 'c'}] AS exposed, models`;
    const res = await this.executor.read<{
      t: Node;
      exposed: Node[];
      models: { m: Node; via: RawRow[]; alternatives: RawRow[] }[];
    }>(cypher, {
      ...p?.target.params,
      ...p?.chip.params,
      ...p?.model.params,
      ...p?.via.params,
      ...p?.alternatives.params,
      targetId,
      confidences: q.confidences,
      asOf: q.asOf,
      controlDate: q.controlDate,
    });
    const rec = res.records[0];
    if (!rec) return { target: null, chips: [], models: [] };
    const entity = (proj: Projection<EntityView> | undefined) => (raw: unknown) =>
      proj ? proj.shape(raw) : toEntity(raw as Node);
    const row = (proj: Projection<DependencyRow> | undefined) => (raw: unknown) =>
      proj ? proj.shape(raw) : toRow(raw as RawRow);
    return {
      target: entity(p?.target)(rec.get('t')),
      chips: rec
        .get('exposed')
        .map(entity(p?.chip))
        .sort((a, b) => a.name.localeCompare(b.name)),
      models: rec.get('models').map((x) => ({
        model: entity(p?.model)(x.m),
        via: x.via.map(row(p?.via)),
        alternatives: x.alternatives.map(row(p?.alternatives)),
      })),
    };
  }
}
