// Applies schema/constraints.cypher: idempotent, so it runs at every start and before every seed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from './executor.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema');

export function constraintStatements(file = path.join(SCHEMA_DIR, 'constraints.cypher')): string[] {
  const text = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Schema statements cannot share a transaction with writes, so each runs on its own, then we wait for indexes. */
export async function applyConstraints(executor: Executor): Promise<number> {
  const statements = constraintStatements();
  for (const s of statements) await executor.write(s);
  await executor.write('CALL db.awaitIndexes(60)');
  return statements.length;
}
