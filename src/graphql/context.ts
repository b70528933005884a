// Per-request context: an executor that counts this request's round trips, repositories over it, and
// DataLoaders that batch what a compiled statement did not fetch (one round trip per field and nesting level).
import DataLoader from 'dataloader';
import type { Executor } from '../db/executor.js';
import { CompiledRepository, type FieldSelection } from '../db/compiler/index.js';
import type { EntityLabel } from '../db/ontology.js';
import {
  ChipRepository,
  type AlternativeRow,
  type AlternativesQuery,
} from '../db/repositories/chip-repository.js';
import { ChangeRepository } from '../db/repositories/change-repository.js';
import { DependencyRepository } from '../db/repositories/dependency-repository.js';
import { EntityRepository } from '../db/repositories/entity-repository.js';
import { GraphRepository } from '../db/repositories/graph-repository.js';
import { ListRepository } from '../db/repositories/list-repository.js';
import { OrderRepository } from '../db/repositories/order-repository.js';
import type { EntityView, FactView, SourceView } from '../db/repositories/records.js';
import { SearchRepository } from '../db/repositories/search-repository.js';
import type { Logger } from '../logger.js';
import { ApiKeyStore } from '../auth/api-keys.js';
import { RequestAuth, type AuthSettings } from '../auth/request-auth.js';

export interface FactWithOther {
  fact: FactView;
  other: EntityView;
}

/** One DataLoader per distinct argument set, created on first use. */
function keyed<A, V>(make: (args: A) => DataLoader<string, V>) {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (args: A): DataLoader<string, V> => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}

export function createRepositories(executor: Executor) {
  return {
    entities: new EntityRepository(executor),
    lists: new ListRepository(executor),
    dependencies: new DependencyRepository(executor),
    graph: new GraphRepository(executor),
    search: new SearchRepository(executor),
    chips: new ChipRepository(executor),
    orders: new OrderRepository(executor),
    compiled: new CompiledRepository(executor),
    changes: new ChangeRepository(executor),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

export function createLoaders(repos: Repositories) {
  const loaders = {
    entity: new DataLoader<string, EntityView | null>(async (ids) => {
      const found = await repos.entities.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    source: new DataLoader<string, SourceView | null>(async (ids) => {
      const found = await repos.entities.sourcesByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** Facts of one type around many entities, batched per (type, direction). */
    facts: keyed(
      ({ type, direction }: { type: string; direction: 'out' | 'in' }) =>
        new DataLoader<string, FactWithOther[]>(async (ids) => {
          const found = await repos.entities.factsOf(type, direction, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    ),
    /** A relationship-backed entity field for every parent of one nesting level (compiled; see preloaded.ts). */
    field: keyed(
      ({ label, f }: { label: EntityLabel; f: FieldSelection }) =>
        new DataLoader<string, unknown>(async (ids) => {
          const found = await repos.compiled.field(label, f, ids);
          return ids.map((id) => found.get(id));
        }),
    ),
    alternatives: keyed(
      (q: AlternativesQuery) =>
        new DataLoader<string, AlternativeRow[]>(async (ids) => {
          const found = await repos.chips.alternatives(ids, q);
          return ids.map((id) => found.get(id) ?? []);
        }),
    ),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  executor: Executor;
  repos: Repositories;
  loaders: Loaders;
  logger: Logger;
  /** Who is calling (API key from the Authorization header), resolved lazily; see src/auth. */
  auth: RequestAuth;
}

export function createContext(
  base: Executor,
  logger: Logger,
  request?: Request,
  authSettings?: AuthSettings,
): Context {
  const executor = base.forRequest(request?.signal);
  const repos = createRepositories(executor);
  // Key lookups go through the base executor: they are not part of the question's round trips.
  const auth = new RequestAuth(
    new ApiKeyStore(base),
    request?.headers.get('authorization') ?? null,
    authSettings,
  );
  return { executor, repos, loaders: createLoaders(repos), logger, auth };
}
