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

let db: DatabaseHandle | undefined;

export async function setup(project: TestProject): Promise<void> {
  db = await obtainDatabase(loadConfig(), { ephemeral: true, progress: stderrProgress });
  process.stderr.write(`[tests] using ${db.kind} Neo4j at ${db.uri}\n`);
  project.provide('neo4j', { uri: db.uri, user: db.user, password: db.password, kind: db.kind });
}

export async function teardown(): Promise<void> {
  await db?.stop();
}
