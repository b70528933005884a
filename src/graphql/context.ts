// Per-request context: an executor that counts this request's round trips, and DataLoaders that batch lookups.
import DataLoader from 'dataloader';
import type { Executor } from '../db/executor.js';
import { EntityRepository } from '../db/repositories/entity-repository.js';
import type { EntityView, FactView, SourceView } from '../db/repositories/records.js';
import type { Logger } from '../logger.js';

export interface FactWithOther {
  fact: FactView;
  other: EntityView;
}

export function createLoaders(repo: EntityRepository) {
  const factLoaders = new Map<string, DataLoader<string, FactWithOther[]>>();
  return {
    entity: new DataLoader<string, EntityView | null>(async (ids) => {
      const found = await repo.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    source: new DataLoader<string, SourceView | null>(async (ids) => {
      const found = await repo.sourcesByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** Facts of one type around many entities, batched per (type, direction). */
    facts(type: string, direction: 'out' | 'in'): DataLoader<string, FactWithOther[]> {
      const key = `${type}:${direction}`;
      let loader = factLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const found = await repo.factsOf(type, direction, ids);
          return ids.map((id) => found.get(id) ?? []);
        });
        factLoaders.set(key, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  executor: Executor;
  loaders: Loaders;
  logger: Logger;
}

export function createContext(base: Executor, logger: Logger): Context {
  const executor = base.forRequest();
  return { executor, loaders: createLoaders(new EntityRepository(executor)), logger };
}
