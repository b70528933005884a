// Checks a `graphql_query` document before it is sent: queries only (never a mutation or subscription, whatever
// key the caller holds), and introspection held to the same depth and cost limits as any query (the API leaves
// introspection out of both, since the token limit bounds it; an assistant has the SDL resource instead).
import {
  Kind,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ChipgraphError } from '../errors.js';
import type { QueryLimits } from '../graphql/plugins/limits.js';
import { countTokens, tooComplex } from '../graphql/plugins/query-limits.js';
import { DEFAULT_COST_MODEL } from '../graphql/plugins/query-analysis.js';
import { domainErrorRecord } from './answers.js';

export interface Refused {
  code: string;
  message: string;
  limit?: string;
  max?: number;
  found?: number;
}

// Introspection fields that return lists; they cost like any list that cannot be paged.
const INTROSPECTION_LISTS = new Set([
  'types',
  'fields',
  'args',
  'inputFields',
  'interfaces',
  'possibleTypes',
  'enumValues',
  'directives',
]);

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  cost: number;
}

/** Depth of every field (introspection included) and the cost of the introspection fields only. */
function walk(
  w: Walk,
  set: SelectionSetNode,
  multiplier: number,
  inIntrospection: boolean,
  seen: Set<string>,
): number {
  let depth = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      const introspection = inIntrospection || name === '__schema' || name === '__type';
      if (!sel.selectionSet) {
        // `__typename` outside introspection is free and adds no depth, as in the API's own analysis.
        depth = Math.max(depth, !introspection && name.startsWith('__') ? 0 : 1);
        continue;
      }
      const size = introspection && INTROSPECTION_LISTS.has(name) ? DEFAULT_COST_MODEL.defaultListSize : 1;
      const own = multiplier * size;
      if (introspection) w.cost += own;
      depth = Math.max(depth, 1 + walk(w, sel.selectionSet, introspection ? own : 1, introspection, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      depth = Math.max(depth, walk(w, sel.selectionSet, multiplier, inIntrospection, seen));
    } else {
      const frag = w.fragments.get(sel.name.value);
      if (!frag || seen.has(frag.name.value)) continue; // unknown or cyclic: the API's validation reports it
      depth = Math.max(
        depth,
        walk(w, frag.selectionSet, multiplier, inIntrospection, new Set(seen).add(frag.name.value)),
      );
    }
  }
  return depth;
}

const LIMIT_ERROR = (err: ChipgraphError): Refused => domainErrorRecord(err);

/** The parsed document if it may be sent to the API, else why not. */
export function checkQuery(
  query: string,
  operationName: string | undefined,
  limits: QueryLimits,
): { ok: true; document: DocumentNode } | { ok: false; refused: Refused } {
  const tokens = countTokens(query, limits.maxTokens);
  if (tokens > limits.maxTokens)
    return { ok: false, refused: LIMIT_ERROR(tooComplex('tokens', limits.maxTokens, tokens)) };
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, refused: { code: 'GRAPHQL_PARSE_FAILED', message } };
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const writing = operations.find((o) => o.operation !== OperationTypeNode.QUERY);
  if (writing) {
    const what = writing.operation === OperationTypeNode.MUTATION ? 'a mutation' : 'a subscription';
    return {
      ok: false,
      refused: {
        code: 'BAD_USER_INPUT',
        message:
          `Argument "query": graphql_query runs queries only, and this document holds ${what}` +
          `${writing.name ? ` (${writing.name.value})` : ''}. The assistant tools are read-only: curation ` +
          'goes through POST /graphql with an API key.',
      },
    };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const chosen = operationName ? operations.filter((o) => o.name?.value === operationName) : operations;
  for (const op of chosen) {
    const w: Walk = { fragments, cost: 0 };
    const depth = walk(w, op.selectionSet, 1, false, new Set());
    if (depth > limits.maxDepth) {
      return { ok: false, refused: LIMIT_ERROR(tooComplex('depth', limits.maxDepth, depth)) };
    }
    if (w.cost > limits.maxCost) {
      return { ok: false, refused: LIMIT_ERROR(tooComplex('cost', limits.maxCost, w.cost)) };
    }
  }
  return { ok: true, document };
}
