// The compiler: a selection (plan.ts) becomes one Cypher map expression per node, relationship-backed fields as
// COLLECT { } subqueries under `__pre`, each over live facts only, best fact chosen in Cypher, sources inline and
// only when selected, and only the properties the selection serves. Labels and relationship types come from
// rules.ts (constants), every value from a parameter. shape.ts reads the answer back.
import { CONFIDENCE_RANK, IN_FORCE, LIVE } from '../cypher-rules.js';
import type { EntityLabel } from '../ontology.js';
import { fieldsOf, type FieldSelection, type TypeSelection } from './plan.js';
import {
  ENTITY_FIELDS,
  FACT_FIELDS,
  isEntityType,
  PROPERTY_DEPS,
  SOURCE_FIELDS,
  SOURCE_PROPERTIES,
  type FieldRule,
} from './rules.js';

/** Parameters and fresh variable names for one statement. */
export class CypherBuilder {
  readonly params: Record<string, unknown> = {};
  /** `prefix` keeps the parameters of several projections in one statement apart. */
  constructor(private readonly prefix = 'cp') {}
  // Names carry a number (cp0, x3...), so they never meet the hand-written parts' $limit, n, r or m.
  private next = 0;

  /** A new parameter holding `value`; returns its name without `$`. */
  param(value: unknown): string {
    const name = `${this.prefix}${this.next++}`;
    this.params[name] = value;
    return name;
  }

  variable(prefix: string): string {
    return `${prefix}${this.next++}`;
  }
}

const key = (k: string) => `\`${k}\``;
const props = (list: Iterable<string>) => [...new Set(list)].map((p) => `.${key(p)}`);

/** The properties scalar fields need (PROPERTY_DEPS for derived ones, else the field's own name). */
function scalarProperties(fields: FieldSelection[], rules: Record<string, FieldRule>): string[] {
  return fields.filter((f) => !rules[f.field]).flatMap((f) => PROPERTY_DEPS[f.field] ?? [f.field]);
}

/** `__pre: {key: expr, ...}` for the rule-backed fields (empty string when there are none). */
function preloaded(entries: [string, string][]): string[] {
  return entries.length ? [`__pre: {${entries.map(([k, e]) => `${key(k)}: ${e}`).join(', ')}}`] : [];
}

/** A node of one of the selection's types (a CASE over labels when several are possible), or its id only. */
export function entityProjection(b: CypherBuilder, sel: TypeSelection | null, v: string): string {
  const types = Object.keys(sel ?? {}).filter(isEntityType);
  if (types.length === 0) return `${v}{.id, .name}`;
  if (types.length === 1) return concreteEntity(b, sel!, types[0]!, v, false);
  const branches = types.map((t) => `WHEN ${v}:${t} THEN ${concreteEntity(b, sel!, t, v, true)}`);
  return `CASE ${branches.join(' ')} END`;
}

function concreteEntity(
  b: CypherBuilder,
  sel: TypeSelection,
  label: EntityLabel,
  v: string,
  tagged: boolean,
) {
  const fields = fieldsOf(sel, label);
  const rules = ENTITY_FIELDS[label];
  const entries = fields.flatMap((f): [string, string][] => {
    const rule = rules[f.field];
    return rule ? [[f.key, ruleExpression(b, rule, f, { self: v })]] : [];
  });
  const parts = [
    // id and name always: fallbacks load by id, and some answers are sorted by name in TypeScript.
    ...props(['id', 'name', ...scalarProperties(fields, rules)]),
    ...(tagged ? [`__t: '${label}'`] : []),
    ...preloaded(entries),
  ];
  return `${v}{${parts.join(', ')}}`;
}

/** A Source node: the SourceView properties plus its publisher when selected. */
function sourceProjection(b: CypherBuilder, sel: TypeSelection | null, s: string): string {
  const fields = fieldsOf(sel, 'Source');
  const entries = fields.flatMap((f): [string, string][] => {
    const rule = SOURCE_FIELDS[f.field];
    return rule ? [[f.key, ruleExpression(b, rule, f, { self: s })]] : [];
  });
  return `${s}{${[...props(SOURCE_PROPERTIES), ...preloaded(entries)].join(', ')}}`;
}

/** The Source nodes a `sources` id list names, in its order. */
function sourcesOf(b: CypherBuilder, owner: string, f: FieldSelection): string {
  const [sid, s] = [b.variable('sid'), b.variable('s')];
  return `COLLECT { UNWIND coalesce(${owner}.sources, []) AS ${sid} MATCH (${s}:Source {id: ${sid}}) RETURN ${sourceProjection(b, f.sub, s)} }`;
}

/** Where a rule is evaluated: the node it hangs off, or a fact with its two ends. */
interface Scope {
  self: string;
  fact?: { r: string; from: string; to: string };
}

/**
 * A relationship presented as an object (Order, Foundry, HardwareDependency...): the fact's served properties,
 * its type and the ids of both ends, and its rule-backed fields under `__pre`.
 */
export function factProjection(
  b: CypherBuilder,
  type: string,
  sel: TypeSelection | null,
  r: string,
  from: string,
  to: string,
): string {
  const fields = fieldsOf(sel, type);
  const rules = FACT_FIELDS[type] ?? {};
  const entries = fields.flatMap((f): [string, string][] => {
    const rule = rules[f.field];
    return rule ? [[f.key, ruleExpression(b, rule, f, { self: r, fact: { r, from, to } })]] : [];
  });
  const parts = [
    `__f: ${r}{${props(['id', 'confidence', 'sources', ...scalarProperties(fields, rules)]).join(', ')}}`,
    `__type: type(${r})`,
    `__from: ${from}.id`,
    `__to: ${to}.id`,
    ...preloaded(entries),
  ];
  return `{${parts.join(', ')}}`;
}

const arrow = (self: string, r: string, rel: string, dir: 'out' | 'in', other: string) =>
  dir === 'out' ? `(${self})-[${r}:${rel}]->(${other}:Entity)` : `(${self})<-[${r}:${rel}]-(${other}:Entity)`;

/** The object type a field's selection is on (fact objects have exactly one). */
const objectType = (f: FieldSelection) => Object.keys(f.sub ?? {})[0] ?? '';

/** One relationship-backed field as a Cypher expression, evaluated where `scope` says. */
export function ruleExpression(b: CypherBuilder, rule: FieldRule, f: FieldSelection, scope: Scope): string {
  const v = scope.self;
  switch (rule.kind) {
    case 'one': {
      const [r, x] = [b.variable('r'), b.variable('x')];
      return `COLLECT { MATCH ${arrow(v, r, rule.rel, rule.dir, x)} WHERE ${LIVE(r)}
        WITH ${r}, ${x} ORDER BY ${CONFIDENCE_RANK(r)}, ${x}.name LIMIT 1 RETURN ${entityProjection(b, f.sub, x)} }[0]`;
    }
    case 'many': {
      const [r, x] = [b.variable('r'), b.variable('x')];
      return `COLLECT { MATCH ${arrow(v, r, rule.rel, rule.dir, x)} WHERE ${LIVE(r)}
        WITH ${x} ORDER BY ${x}.name RETURN ${entityProjection(b, f.sub, x)} }`;
    }
    case 'objects': {
      const [r, x] = [b.variable('r'), b.variable('x')];
      const asOf = rule.inForceArg ? f.args[rule.inForceArg] : null;
      const inForce = typeof asOf === 'string' ? ` AND ${IN_FORCE(x, b.param(asOf))}` : '';
      const order = rule.newestFirst
        ? `coalesce(${r}.date, ${r}.validFrom, '') DESC, ${x}.name`
        : `${x}.name`;
      const [from, to] = rule.dir === 'out' ? [v, x] : [x, v];
      return `COLLECT { MATCH ${arrow(v, r, rule.rel, rule.dir, x)} WHERE ${LIVE(r)}${inForce}
        WITH ${r}, ${x} ORDER BY ${order} RETURN ${factProjection(b, objectType(f), f.sub, r, from, to)} }`;
    }
    case 'partners': {
      const [r, x, g] = [b.variable('r'), b.variable('x'), b.variable('g')];
      return `COLLECT { CALL (${v}) {
          MATCH (${v})-[${r}:PARTNERS_WITH]->(${x}:Entity) WHERE ${LIVE(r)} RETURN ${r}, ${x}, 0 AS ${g}
          UNION ALL
          MATCH (${v})<-[${r}:PARTNERS_WITH]-(${x}:Entity) WHERE ${LIVE(r)} RETURN ${r}, ${x}, 1 AS ${g} }
        WITH ${r}, ${x}, ${g} ORDER BY ${g}, ${x}.name
        RETURN ${factProjection(b, objectType(f), f.sub, r, v, x)} }`;
    }
    case 'designs': {
      // Own designs first, then each direct subsidiary's by its name; each chip once, at its first place. No
      // aggregate function: the expression may sit inside a list page's collect().
      const [s1, o1, d1, x, s2, o2, d2, first] = ['s', 'o', 'd', 'x', 's', 'o', 'd', 'k'].map((p) =>
        b.variable(p),
      ) as [string, string, string, string, string, string, string, string];
      const designers = (s: string, o: string, d: string, chip: string) =>
        `MATCH (${v})<-[${s}:SUBSIDIARY_OF*0..1]-(${o}:Company)-[${d}:DESIGNS]->(${chip}) WHERE all(q IN ${s} WHERE ${LIVE('q')}) AND ${LIVE(d)}`;
      return `COLLECT { ${designers(s1, o1, d1, `${x}:Chip`)}
        WITH DISTINCT ${x}
        WITH ${x}, COLLECT { ${designers(s2, o2, d2, x)}
          WITH ${o2} ORDER BY ${o2} = ${v} DESC, ${o2}.name LIMIT 1
          RETURN [CASE WHEN ${o2} = ${v} THEN 0 ELSE 1 END, ${o2}.name] }[0] AS ${first}
        ORDER BY ${first}[0], ${first}[1], ${x}.name
        RETURN ${entityProjection(b, f.sub, x)} }`;
    }
    case 'hardware': {
      const [r, x] = [b.variable('r'), b.variable('x')];
      const types = b.param(f.args.relTypes);
      const confidences = b.param(f.args.confidences);
      const [m, c] = rule.side === 'model' ? [v, x] : [x, v];
      const pattern =
        rule.side === 'model'
          ? `(${v})-[${r}:TRAINED_ON|RUNS_ON]->(${x}:Chip)`
          : `(${x}:Model)-[${r}:TRAINED_ON|RUNS_ON]->(${v})`;
      return `COLLECT { MATCH ${pattern}
          WHERE ${LIVE(r)} AND type(${r}) IN $${types} AND ${r}.confidence IN $${confidences}
        WITH ${r}, ${x} ORDER BY ${m}.released DESC, ${r}.id
        RETURN ${factProjection(b, 'HardwareDependency', f.sub, r, m, c)} }`;
    }
    case 'sources':
      return sourcesOf(b, v, f);
    case 'end': {
      const end = rule.side === 'from' ? scope.fact!.from : scope.fact!.to;
      const projection = entityProjection(b, f.sub, end);
      return rule.label ? `CASE WHEN ${end}:${rule.label} THEN ${projection} END` : projection;
    }
    case 'byId': {
      const p = b.variable('p');
      return `COLLECT { MATCH (${p}:Entity {id: ${v}.${rule.prop}}) RETURN ${entityProjection(b, f.sub, p)} }[0]`;
    }
    case 'orderVendor': {
      const to = scope.fact!.to;
      const [d, y] = [b.variable('d'), b.variable('y')];
      return `CASE WHEN ${to}:Company THEN ${entityProjection(b, f.sub, to)} ELSE COLLECT {
          MATCH (${to})<-[${d}:DESIGNS]-(${y}:Entity) WHERE ${LIVE(d)}
          WITH ${d}, ${y} ORDER BY ${CONFIDENCE_RANK(d)}, ${y}.name LIMIT 1
          RETURN ${entityProjection(b, f.sub, y)} }[0] END`;
    }
  }
}
