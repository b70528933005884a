// Look-ahead: what a query selects under a field, as the compiler's plan (src/db/compiler/plan.ts): fields by
// response key per concrete type, through fragments and @skip/@include, with arguments validated and converted
// by the same functions the resolvers use.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { FieldSelection, TypeSelection } from '../db/compiler/index.js';
import { confidencesAtLeast, type ConfidenceLevel } from '../domain/arguments.js';
import { relTypes, type HardwareRole } from '../domain/dependencies.js';

type Info = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

/** A hardware field's arguments as the traversal takes them. */
export const hardwareArgs = (args: {
  role?: HardwareRole | null;
  minConfidence?: ConfidenceLevel | null;
}) => ({
  relTypes: relTypes(args.role),
  confidences: confidencesAtLeast(args.minConfidence),
});

/** Fields whose arguments the traversal takes converted (the same conversion their fallback resolvers use). */
const CONVERT: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
  'Chip.models': hardwareArgs,
  'Model.hardware': hardwareArgs,
};

function included(
  node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1],
  info: Info,
) {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** Field nodes under `sets` that apply to `type`, grouped by response key (fragments flattened). */
function fieldNodes(type: GraphQLObjectType, sets: readonly SelectionSetNode[], info: Info) {
  const byKey = new Map<string, FieldNode[]>();
  const applies = (cond: string | undefined) =>
    !cond || cond === type.name || type.getInterfaces().some((i) => i.name === cond);
  const visit = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!included(s, info)) continue;
      if (s.kind === Kind.FIELD) {
        const k = s.alias?.value ?? s.name.value;
        byKey.set(k, [...(byKey.get(k) ?? []), s]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(s.typeCondition?.name.value)) visit(s.selectionSet);
      } else {
        const frag = info.fragments[s.name.value];
        if (frag && applies(frag.typeCondition.name.value)) visit(frag.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return byKey;
}

/** What `nodes` (fields merged by key, all sharing one name) select, per concrete type of their named type. */
function subSelection(
  nodes: readonly FieldNode[],
  namedType: ReturnType<typeof getNamedType>,
  info: Info,
): TypeSelection | null {
  const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  if (sets.length === 0) return null;
  const types = isObjectType(namedType)
    ? [namedType]
    : isAbstractType(namedType)
      ? info.schema.getPossibleTypes(namedType)
      : [];
  return Object.fromEntries(types.map((t) => [t.name, fieldsOn(t, sets, info)]));
}

/** The fields selected on object type `type` by the selection sets `sets`. */
export function fieldsOn(
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  info: Info,
): FieldSelection[] {
  const out: FieldSelection[] = [];
  for (const [key, nodes] of fieldNodes(type, sets, info)) {
    const name = nodes[0]!.name.value;
    const def = type.getFields()[name];
    if (!def) {
      out.push({ key, field: name, args: {}, sub: null }); // __typename
      continue;
    }
    const raw = getArgumentValues(def, nodes[0]!, info.variableValues);
    const convert = CONVERT[`${type.name}.${name}`];
    out.push({
      key,
      field: name,
      args: convert ? convert(raw) : raw,
      sub: subSelection(nodes, getNamedType(def.type), info),
    });
  }
  return out;
}

/** What the resolving field selects, per concrete type of its return type. */
export function selectionOf(info: GraphQLResolveInfo): TypeSelection | null {
  return subSelection(info.fieldNodes, getNamedType(info.returnType), info);
}

/** The resolving field itself as the compiler's plan (its key, arguments and selection). */
export function fieldSelectionOf(info: GraphQLResolveInfo): FieldSelection {
  const node = info.fieldNodes[0]!;
  const def = info.parentType.getFields()[info.fieldName]!;
  const raw = getArgumentValues(def, node, info.variableValues);
  const convert = CONVERT[`${info.parentType.name}.${info.fieldName}`];
  return {
    key: info.path.key as string,
    field: info.fieldName,
    args: convert ? convert(raw) : raw,
    sub: selectionOf(info),
  };
}

/**
 * Under a connection field (`{ nodes {...} edges { node {...} } }`), what its nodes select: both paths merged,
 * per concrete type of the node type.
 */
export function connectionNodesOf(info: GraphQLResolveInfo): TypeSelection | null {
  const conn = getNamedType(info.returnType);
  if (!isObjectType(conn)) return null;
  const top = [
    ...fieldNodes(
      conn,
      info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])),
      info,
    ).values(),
  ].flat();
  const nodeType = getNamedType(conn.getFields().nodes!.type);
  const nodeFields = top.filter((n) => n.name.value === 'nodes');
  const edgeType = getNamedType(conn.getFields().edges!.type);
  if (isObjectType(edgeType))
    for (const edges of top.filter((n) => n.name.value === 'edges'))
      if (edges.selectionSet)
        nodeFields.push(
          ...[...fieldNodes(edgeType, [edges.selectionSet], info).values()]
            .flat()
            .filter((n) => n.name.value === 'node'),
        );
  // Keys under `nodes` and `edges.node` may coincide with different aliases' fields: grouped again by key below.
  return subSelection(nodeFields, nodeType, info);
}
