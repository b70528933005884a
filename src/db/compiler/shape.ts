// Reading a compiled answer back into the views the resolvers already serve (EntityView, fact objects,
// DependencyRow, SourceView), with each rule-backed field's value under PRELOADED by its response key, so the
// resolvers answer it without another round trip.
import type { EntityLabel } from '../ontology.js';
import type { DependencyRow } from '../repositories/dependency-repository.js';
import { entityView, type EntityView, type FactView, type SourceView } from '../repositories/records.js';
import { fieldsOf, type FieldSelection, type TypeSelection } from './plan.js';
import { ENTITY_FIELDS, FACT_FIELDS, isEntityType, SOURCE_FIELDS, type FieldRule } from './rules.js';

/** Where a compiled value keeps its rule-backed fields' answers, by response key. */
export const PRELOADED = Symbol('chipgraph.preloaded');

export type Preloaded = Record<string, unknown>;
type Raw = Record<string, unknown> & { __pre?: Record<string, unknown> };

/** A fact object as the resolvers take it (see src/graphql/resolvers/helpers.ts, FactObject). */
export interface CompiledFact {
  fact: FactView;
  from: string;
  to: string;
  sources?: SourceView[];
  [PRELOADED]?: Preloaded;
}

function preload(
  raw: Raw,
  fields: FieldSelection[],
  rules: Record<string, FieldRule>,
  shapeRule: (rule: FieldRule, f: FieldSelection, value: unknown) => unknown,
): Preloaded {
  const out: Preloaded = {};
  for (const f of fields) {
    const rule = rules[f.field];
    if (rule) out[f.key] = shapeRule(rule, f, raw.__pre?.[f.key] ?? null);
  }
  return out;
}

/** One rule-backed value, by what the rule yields (an entity, entities, facts, sources). */
export function shapeValueOf(rule: FieldRule, f: FieldSelection, value: unknown): unknown {
  switch (rule.kind) {
    case 'one':
    case 'end':
    case 'byId':
    case 'orderVendor':
      return value === null ? null : shapeEntity(value as Raw, f.sub);
    case 'many':
    case 'designs':
      return (value as Raw[]).map((e) => shapeEntity(e, f.sub));
    case 'objects':
    case 'partners':
      return (value as Raw[]).map((o) => shapeFact(o, Object.keys(f.sub ?? {})[0] ?? '', f.sub));
    case 'hardware':
      return (value as Raw[]).map((o) => shapeDependency(o, f.sub));
    case 'sources':
      return (value as Raw[]).map((s) => shapeSource(s, f.sub));
  }
}

/** A compiled node as an EntityView (only the selected properties are present). */
export function shapeEntity(raw: Raw, sel: TypeSelection | null, known?: EntityLabel): EntityView {
  const types = Object.keys(sel ?? {}).filter(isEntityType);
  const label = (raw.__t as EntityLabel | undefined) ?? known ?? types[0]!;
  const { __pre: _pre, __t: _t, ...p } = raw;
  const view: EntityView & { [PRELOADED]?: Preloaded } = entityView(p, label);
  view[PRELOADED] = preload(raw, fieldsOf(sel, label), ENTITY_FIELDS[label], shapeValueOf);
  return view;
}

function factView(raw: Raw): FactView {
  const p = raw.__f as Record<string, unknown>;
  return {
    id: p.id as string,
    type: raw.__type as string,
    from: raw.__from as string,
    to: raw.__to as string,
    confidence: p.confidence as string,
    sourceIds: (p.sources as string[] | null | undefined) ?? [],
    props: p,
  };
}

export function shapeFact(raw: Raw, type: string, sel: TypeSelection | null): CompiledFact {
  const fact = factView(raw);
  const out: CompiledFact = { fact, from: fact.from, to: fact.to };
  out[PRELOADED] = preload(raw, fieldsOf(sel, type), FACT_FIELDS[type] ?? {}, shapeValueOf);
  return out;
}

/** A hardware dependency; model and chip are ids-only views unless selected (then under PRELOADED). */
export function shapeDependency(
  raw: Raw,
  sel: TypeSelection | null,
): DependencyRow & { [PRELOADED]?: Preloaded } {
  const fact = factView(raw);
  const stub = (id: string, label: EntityLabel) => shapeEntity({ id }, null, label);
  const row: DependencyRow & { [PRELOADED]?: Preloaded } = {
    fact,
    model: stub(fact.from, 'Model'),
    chip: stub(fact.to, 'Chip'),
    sources: [],
  };
  const pre = preload(
    raw,
    fieldsOf(sel, 'HardwareDependency'),
    FACT_FIELDS.HardwareDependency!,
    shapeValueOf,
  );
  // The resolvers read a dependency's sources from the row itself.
  const sources = fieldsOf(sel, 'HardwareDependency').find((f) => f.field === 'sources');
  if (sources) row.sources = pre[sources.key] as SourceView[];
  row[PRELOADED] = pre;
  return row;
}

export function shapeSource(raw: Raw, sel: TypeSelection | null): SourceView & { [PRELOADED]?: Preloaded } {
  const s: SourceView & { [PRELOADED]?: Preloaded } = {
    id: raw.id as string,
    publisher: raw.publisher as string,
    title: raw.title as string,
    url: (raw.url as string | null) ?? null,
    published: (raw.published as string | null) ?? null,
    kind: raw.kind as string,
    publisherId: (raw.publisherId as string | null) ?? null,
    undated: raw.undated === true,
  };
  s[PRELOADED] = preload(raw, fieldsOf(sel, 'Source'), SOURCE_FIELDS, shapeValueOf);
  return s;
}
