// Tests share one real Neo4j (obtained by globalSetup); files run one at a time because Community has one database.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships CJS (index.js, what Node loads for graphql-yoga) and ESM (index.mjs, what Vite would pick for
  // src/): two realms, so its type predicates throw ("from another module or realm"). Load one, as Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
