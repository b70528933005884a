// Obtains the test database once (NEO4J_URI, then Docker, then a throw-away local Neo4j) and hands it to tests.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { obtainDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { stderrProgress } from '../../src/progress.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; kind: string };
  }
}

// The `int` and `e2e` projects share one database (their files run one at a time); the last teardown stops it.
let db: Promise<DatabaseHandle> | undefined;
let users = 0;

export async function setup(project: TestProject): Promise<void> {
  users += 1;
  if (!db) {
    db = obtainDatabase(loadConfig(), { ephemeral: true, progress: stderrProgress });
    const h = await db;
    process.stderr.write(`[tests] using ${h.kind} Neo4j at ${h.uri}\n`);
  }
  const h = await db;
  project.provide('neo4j', { uri: h.uri, user: h.user, password: h.password, kind: h.kind });
}

export async function teardown(): Promise<void> {
  users -= 1;
  if (users === 0) await (await db)?.stop();
}
