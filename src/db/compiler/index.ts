// The compiled questions' entry points: projections the list and dependency repositories splice into their one
// statement, and the statements for one entity by id and for a field over many parents (the batched fallback for
// values that did not come from a compiled statement).
import type { Executor } from '../executor.js';
import type { EntityLabel } from '../ontology.js';
import type { DependencyRow } from '../repositories/dependency-repository.js';
import type { EntityView } from '../repositories/records.js';
import { CypherBuilder, entityProjection, factProjection, ruleExpression } from './compile.js';
import type { FieldSelection, TypeSelection } from './plan.js';
import { ENTITY_FIELDS } from './rules.js';
import { shapeDependency, shapeEntity, shapeFact, shapeValueOf, type CompiledFact } from './shape.js';

export { PRELOADED, type CompiledFact, type Preloaded } from './shape.js';
export { fieldsOf, mergeSelections, type FieldSelection, type TypeSelection } from './plan.js';
export { ENTITY_FIELDS, FACT_FIELDS, SOURCE_FIELDS, type FieldRule } from './rules.js';

/** A Cypher expression over a variable, its parameters, and how to read its value back. */
export interface Projection<T> {
  cypher: string;
  params: Record<string, unknown>;
  shape: (raw: unknown) => T;
}

/** The projection of entity variable `v` for a selection (a list's nodes, a lookup's root). */
export function entityProjectionOf(
  sel: TypeSelection | null,
  v: string,
  prefix?: string,
): Projection<EntityView> {
  const b = new CypherBuilder(prefix);
  const cypher = entityProjection(b, sel, v);
  return { cypher, params: b.params, shape: (raw) => shapeEntity(raw as Record<string, unknown>, sel) };
}

/** The projection of a hardware fact `r` between model `m` and chip `c`. */
export function dependencyProjectionOf(
  sel: TypeSelection | null,
  r: string,
  m: string,
  c: string,
  prefix?: string,
): Projection<DependencyRow> {
  const b = new CypherBuilder(prefix);
  const cypher = factProjection(b, 'HardwareDependency', sel, r, m, c);
  return { cypher, params: b.params, shape: (raw) => shapeDependency(raw as Record<string, unknown>, sel) };
}

/** Rules whose value is one entity (or null); the others are lists. */
const SINGLE = new Set(['one', 'end', 'byId', 'orderVendor']);

/** The projection of a fact `r` presented as an object of `type` (Order, Foundry...), between `from` and `to`. */
export function factProjectionOf(
  type: string,
  sel: TypeSelection | null,
  r: string,
  from: string,
  to: string,
): Projection<CompiledFact> {
  const b = new CypherBuilder();
  const cypher = factProjection(b, type, sel, r, from, to);
  return { cypher, params: b.params, shape: (raw) => shapeFact(raw as Record<string, unknown>, type, sel) };
}

export class CompiledRepository {
  constructor(private readonly executor: Executor) {}

  /** One entity by id (of `label`, or of any kind), with everything the selection asks for: one statement. */
  async entity(id: string, label: EntityLabel | null, sel: TypeSelection | null): Promise<EntityView | null> {
    const p = entityProjectionOf(sel, 'n');
    const res = await this.executor.read(`MATCH (n:${label ?? 'Entity'} {id: $id}) RETURN ${p.cypher} AS n`, {
      ...p.params,
      id,
    });
    const rec = res.records[0];
    return rec ? p.shape(rec.get('n')) : null;
  }

  /** One rule-backed field of many entities of one label (the fallback for values not compiled with it). */
  async field(label: EntityLabel, f: FieldSelection, ids: readonly string[]): Promise<Map<string, unknown>> {
    const rule = ENTITY_FIELDS[label][f.field];
    if (!rule) throw new Error(`${label}.${f.field} is not a relationship-backed field`);
    const b = new CypherBuilder();
    const expr = ruleExpression(b, rule, f, { self: 'n' });
    const res = await this.executor.read(
      `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN id, ${expr} AS value`,
      { ...b.params, ids: [...new Set(ids)] },
    );
    const found = new Map(
      res.records.map((r) => [r.get('id') as string, shapeValueOf(rule, f, r.get('value'))]),
    );
    // An id with no node (deleted meanwhile) answers like a node with no such facts.
    for (const id of ids) if (!found.has(id)) found.set(id, SINGLE.has(rule.kind) ? null : []);
    return found;
  }
}
