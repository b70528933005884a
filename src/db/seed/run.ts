// The seed run shared by `npm run seed` and `npm start`: validate everything, apply constraints, load atomically.
import type { Executor } from '../executor.js';
import { applyConstraints } from '../migrations.js';
import { loadSeed, type LoadOptions, type LoadSummary } from './load.js';
import { formatProblems, validateSeed } from './validate.js';

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(readonly problems: ReturnType<typeof validateSeed>['problems']) {
    super(`${problems.length} problem(s) in the seed files; nothing was loaded:\n${formatProblems(problems)}`);
  }
}

export async function runSeed(executor: Executor, dirs: string[], opts: LoadOptions = {}): Promise<LoadSummary> {
  const { bundle, problems, dataset } = validateSeed(dirs);
  if (problems.length > 0) throw new SeedValidationError(problems);
  await applyConstraints(executor);
  return loadSeed(executor, bundle, { dataset, ...opts });
}

export async function graphIsEmpty(executor: Executor): Promise<boolean> {
  const res = await executor.read<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n');
  return (res.records[0]?.get('n') ?? 0) === 0;
}

export function formatSummary(s: LoadSummary): string {
  const kinds = Object.entries(s.entities).map(([k, n]) => `${k} ${n}`).join(', ');
  const types = Object.entries(s.relationships).map(([k, n]) => `${k} ${n}`).join(', ');
  const c = s.changes;
  return [
    `entities: ${kinds}`,
    `relationships: ${types}`,
    `sources: ${s.sources}`,
    `changes: +${c.nodesCreated}/-${c.nodesDeleted} nodes, +${c.relationshipsCreated}/-${c.relationshipsDeleted} relationships, ${c.propertiesSet} properties set`,
    `${s.batches} batches in one transaction, ${s.ms} ms`,
  ].join('\n');
}
