// Builds the executable schema from the SDL files in schema/ (the source of truth) and the resolver map.
import fs from 'node:fs';
import path from 'node:path';
import { createSchema } from 'graphql-yoga';
import { SCHEMA_DIR } from '../db/migrations.js';
import type { Context } from './context.js';
import { resolvers } from './resolvers/index.js';

export function readTypeDefs(dir = SCHEMA_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

export function buildSchema() {
  return createSchema<Context>({ typeDefs: readTypeDefs(), resolvers });
}

/** The saved analyst questions GraphiQL opens with (schema/examples; a test runs every one on the seed). */
export function exampleOperations(dir = SCHEMA_DIR): string {
  return fs.readFileSync(path.join(dir, 'examples', 'analyst-questions.graphql'), 'utf8');
}
