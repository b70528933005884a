// Three tiers, each runnable on its own: `unit` (no database, no Java: seconds), `int` (a real Neo4j, obtained by
// globalSetup) and `e2e` (headless Chromium against a real Neo4j). Files run one at a time because Community has
// one database. `npm test` runs all three.
import { defineConfig } from 'vitest/config';

const withNeo4j = { globalSetup: ['tests/helpers/global-setup.ts'] };

export default defineConfig({
  // graphql ships CJS (index.js, what Node loads for graphql-yoga) and ESM (index.mjs, what Vite would pick for
  // src/): two realms, so its type predicates throw ("from another module or realm"). Load one, as Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
    projects: [
      // One tier after the other (groupOrder): never a browser and two databases competing for two cores.
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['tests/integration/**/*.test.ts'],
          ...withNeo4j,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], ...withNeo4j, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
