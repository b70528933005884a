// Lint config: type-aware typescript-eslint rules; formatting is prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md), bottom to top: base (config, errors, logger, progress) < db (ontology, Cypher,
// repositories, compiler, loader) < auth < domain < graphql < http; request/ and observability/ are cross-cutting
// below graphql; the wiring (main, startup, server, mcp, cli) sits on top; web/ is the browser and imports none
// of the server. A file may import its own layer and those below: a wrong-way import fails `npm run lint`.
const ABOVE = {
  db: ['auth', 'domain', 'graphql', 'http', 'request', 'observability', 'mcp', 'cli', 'web'],
  auth: ['domain', 'graphql', 'http', 'request', 'observability', 'mcp', 'cli', 'web'],
  request: ['db', 'auth', 'domain', 'graphql', 'http', 'observability', 'mcp', 'cli', 'web'],
  domain: ['graphql', 'http', 'request', 'observability', 'mcp', 'cli', 'web'],
  observability: ['domain', 'graphql', 'http', 'mcp', 'cli', 'web'],
  graphql: ['http', 'mcp', 'cli', 'web'],
  http: ['mcp', 'cli', 'web'],
  web: ['db', 'auth', 'request', 'domain', 'observability', 'graphql', 'http', 'mcp', 'cli'],
};
const WIRING = ['main', 'startup', 'server', 'observability-setup', 'process-guards'];
const layerRules = Object.entries(ABOVE).map(([layer, above]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...above.map((l) => `**/${l}/*`), ...WIRING.map((w) => `**/${w}.js`)],
            message: `src/${layer}/ may not import from a layer above it (docs/architecture.md).`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.neo4j/', 'tests/artifacts/', 'public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read untyped JSON responses; asserting on them is the point.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  ...layerRules,
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
