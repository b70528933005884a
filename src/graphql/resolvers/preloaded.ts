// Every relationship-backed field answers from its compiled value when the root statement fetched it (PRELOADED,
// by response key). Entity fields otherwise run the same compiled traversal once for all parents of the level
// (a DataLoader over CompiledRepository.field); fact and source fields fall back to their own resolvers.
import type DataLoader from 'dataloader';
import type { FieldNode, GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import {
  ENTITY_FIELDS,
  FACT_FIELDS,
  PRELOADED,
  SOURCE_FIELDS,
  type Preloaded,
} from '../../db/compiler/index.js';
import type { EntityLabel } from '../../db/ontology.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { fieldSelectionOf } from '../selection.js';

type Resolver = GraphQLFieldResolver<unknown, Context, Record<string, unknown>>;
type ResolverMap = Record<string, Record<string, unknown>>;

/** The compiled value of this field on `parent`, when the parent came from a compiled statement. */
function compiled(parent: unknown, info: GraphQLResolveInfo): { value: unknown } | null {
  const pre = (parent as { [PRELOADED]?: Preloaded } | null)?.[PRELOADED];
  const key = info.path.key as string;
  return pre && Object.hasOwn(pre, key) ? { value: pre[key] } : null;
}

/**
 * The batched fallback of one field for this request: its plan and loader are built once per field node and parent
 * type (not once per parent row), so a list of N uncompiled parents plans the field once and loads it in one batch.
 */
const fallbacks = new WeakMap<object, Map<FieldNode, Map<string, DataLoader<string, unknown>>>>();
function fallbackLoader(
  ctx: Context,
  info: GraphQLResolveInfo,
  label: EntityLabel,
): DataLoader<string, unknown> {
  let byNode = fallbacks.get(ctx.loaders);
  if (!byNode)
    fallbacks.set(ctx.loaders, (byNode = new Map<FieldNode, Map<string, DataLoader<string, unknown>>>()));
  const node = info.fieldNodes[0]!;
  let byType = byNode.get(node);
  if (!byType) byNode.set(node, (byType = new Map<string, DataLoader<string, unknown>>()));
  let loader = byType.get(label);
  if (!loader) byType.set(label, (loader = ctx.loaders.field({ label, f: fieldSelectionOf(info) })));
  return loader;
}

/**
 * Resolvers for every relationship-backed entity field (rules.ts): compiled value, else one batched statement. Typed
 * as the schema's resolvers: what the compiled Cypher projects is the field's type by construction (rules.ts).
 */
export function entityRelationResolvers(): { [L in EntityLabel]: NonNullable<Resolvers[L]> } {
  const map: ResolverMap = Object.fromEntries(
    Object.entries(ENTITY_FIELDS).map(([label, rules]) => [
      label,
      Object.fromEntries(
        Object.keys(rules).map((field): [string, Resolver] => [
          field,
          (parent, _args, ctx, info) => {
            const hit = compiled(parent, info);
            if (hit) return hit.value;
            const id = (parent as { id: string }).id;
            return fallbackLoader(ctx, info, label as EntityLabel).load(id);
          },
        ]),
      ),
    ]),
  );
  return map as { [L in EntityLabel]: NonNullable<Resolvers[L]> };
}

/** Fact-object and source resolvers, answering from the compiled value first (the same signatures, wrapped). */
export function preferCompiled(resolvers: Resolvers): Resolvers {
  const out = { ...resolvers } as ResolverMap;
  const wrap = (type: string, fields: Record<string, unknown>) => {
    const own = { ...(out[type] ?? {}) };
    for (const field of Object.keys(fields)) {
      const fallback =
        (own[field] as Resolver | undefined) ?? ((p: unknown) => (p as Record<string, unknown>)[field]);
      own[field] = ((parent, args, ctx, info) => {
        const hit = compiled(parent, info);
        return hit ? hit.value : fallback(parent, args, ctx, info);
      }) satisfies Resolver;
    }
    out[type] = own;
  };
  for (const [type, fields] of Object.entries(FACT_FIELDS)) wrap(type, fields);
  wrap('Source', SOURCE_FIELDS);
  return out;
}
