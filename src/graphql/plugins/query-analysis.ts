// Static analysis of one operation before it runs: nesting depth, alias count and a GitHub-style cost estimate.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostModel {
  /** Page size assumed for a paged field (one with a `first` argument) when `first` is not given. */
  defaultPageSize: number;
  /** Length assumed for a list field that cannot be paged (e.g. `Chip.sources`). */
  defaultListSize: number;
  /** Page sizes the resolvers use when `first` is absent and the SDL has no default, by `Type.field`. */
  assumedPageSizes: Record<string, number>;
}

export const DEFAULT_COST_MODEL: CostModel = {
  defaultPageSize: 20,
  defaultListSize: 10,
  assumedPageSizes: { 'Query.timeline': 100 },
};

export interface OperationAnalysis {
  /** Deepest chain of nested fields, leaves included: `{ chip { name } }` is 2. Introspection is not counted. */
  depth: number;
  /** Fields requested under an alias. */
  aliases: number;
  /**
   * The most objects the query can ask for: every field that returns an object (or a list of them) costs the
   * product of the sizes of the lists it sits in; scalars are free. `chips(first: 100) { nodes { vendor { id } } }`
   * costs 1 (chips) + 100 (nodes) + 100 (vendor) = 201.
   */
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  model: CostModel;
  aliases: number;
}

/** The operation a request runs: the named one, else the only one. */
export function selectOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName);
  return ops.length === 1 ? ops[0] : undefined;
}

export function analyzeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  model: CostModel = DEFAULT_COST_MODEL,
): OperationAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  // Variables the request leaves out take the operation's defaults (`query($n: Int = 50)`).
  const values: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) values[v.variable.name.value] = literal(v.defaultValue);
  }
  Object.assign(values, variables ?? {});
  const walk: Walk = { schema, fragments, variables: values, model, aliases: 0 };
  if (!root) return { depth: 0, aliases: 0, cost: 0 };
  const { depth, cost } = selectionSet(walk, operation.selectionSet, root, 1, undefined, new Set());
  return { depth, aliases: walk.aliases, cost };
}

/** Returns the depth below (and including) this selection set and the cost of its fields. */
function selectionSet(
  walk: Walk,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  multiplier: number,
  pageSize: number | undefined,
  seenFragments: Set<string>,
): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const r = field(walk, sel, parent, multiplier, pageSize, seenFragments);
      depth = Math.max(depth, r.depth);
      cost += r.cost;
      continue;
    }
    let type: GraphQLCompositeType = parent;
    let inner: SelectionSetNode;
    let seen = seenFragments;
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      inner = sel.selectionSet;
      if (sel.typeCondition) type = compositeType(walk, sel.typeCondition.name.value) ?? parent;
    } else {
      const name = sel.name.value;
      const frag = walk.fragments.get(name);
      // A missing or cyclic fragment is a validation error; validation runs before this, but stay total.
      if (!frag || seenFragments.has(name)) continue;
      inner = frag.selectionSet;
      type = compositeType(walk, frag.typeCondition.name.value) ?? parent;
      seen = new Set(seenFragments).add(name);
    }
    const r = selectionSet(walk, inner, type, multiplier, pageSize, seen);
    depth = Math.max(depth, r.depth);
    cost += r.cost;
  }
  return { depth, cost };
}

function field(
  walk: Walk,
  node: FieldNode,
  parent: GraphQLCompositeType,
  multiplier: number,
  pageSize: number | undefined,
  seenFragments: Set<string>,
): { depth: number; cost: number } {
  if (node.alias) walk.aliases += 1;
  const name = node.name.value;
  // Introspection reads the in-memory schema, never the database; the token limit bounds it.
  if (name.startsWith('__')) return { depth: 0, cost: 0 };
  const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  if (!def) return { depth: 1, cost: 0 };
  const named = getNamedType(def.type);
  if (!isCompositeType(named) || !node.selectionSet) return { depth: 1, cost: 0 };

  const first = firstArgument(walk, node, def);
  const isList = isListType(getNullableType(def.type));
  let size = 1;
  let childPage: number | undefined;
  if (isList) {
    size =
      first ??
      walk.model.assumedPageSizes[`${parent.name}.${name}`] ??
      pageSize ??
      walk.model.defaultListSize;
  } else if (def.args.some((a) => a.name === 'first')) {
    // A connection: its `first` sizes the `edges` / `nodes` lists inside it.
    childPage = first ?? walk.model.assumedPageSizes[`${parent.name}.${name}`] ?? walk.model.defaultPageSize;
  }
  const own = multiplier * size;
  const inner = selectionSet(walk, node.selectionSet, named, own, childPage, seenFragments);
  return { depth: 1 + inner.depth, cost: own + inner.cost };
}

function compositeType(walk: Walk, name: string): GraphQLCompositeType | undefined {
  const t = walk.schema.getType(name);
  return t && isCompositeType(t) ? t : undefined;
}

/** The `first` argument as a non-negative number: literal, variable, or the SDL default; undefined if absent. */
function firstArgument(walk: Walk, node: FieldNode, def: GraphQLField<unknown, unknown>): number | undefined {
  const argDef = def.args.find((a) => a.name === 'first');
  if (!argDef) return undefined;
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  const value = arg ? valueOf(walk, arg.value) : argDef.defaultValue;
  // Anything that is not a finite number fails argument coercion later; estimate as if it were absent.
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.max(0, Math.floor(value));
}

function valueOf(walk: Walk, value: ValueNode): unknown {
  return value.kind === Kind.VARIABLE ? walk.variables[value.name.value] : literal(value);
}

function literal(value: ValueNode): unknown {
  return value.kind === Kind.INT || value.kind === Kind.FLOAT ? Number(value.value) : undefined;
}
