// The committed generated types (codegen.ts) are what the SDL and the explorer's queries generate now: a schema or
// query change without `npm run codegen` fails here, before the resolvers or the explorer drift from the API.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedGenerated, generate } from '../../codegen.js';
import { readTypeDefs } from '../../src/graphql/schema.js';
import { ROOT } from '../helpers/paths.js';

/** The first line where two texts differ (1-based), with both versions of it. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const at = i === -1 ? x.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(x[at] ?? '<end>')}, generated ${JSON.stringify(y[at] ?? '<end>')}`;
}

describe('generated GraphQL types', () => {
  it('are up to date with schema/*.graphql and src/web/queries.ts', async () => {
    const files = await generate();
    const names = files.map((f) => f.file);
    // Each generated module is an index re-exporting its parts (at most 400 lines each: the repository's limit).
    for (const index of ['src/graphql/generated/resolvers.ts', 'src/web/generated/operations.ts']) {
      expect(names).toContain(index);
      expect(names.some((n) => n.startsWith(index.replace(/\.ts$/, '-')))).toBe(true);
    }
    expect(files.every((f) => f.content.split('\n').length <= 400)).toBe(true);
    // No part is left over from a larger output.
    expect(committedGenerated().sort()).toEqual([...names].sort());
    for (const { file, content } of files) {
      const full = path.join(ROOT, file);
      const committed = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
      const stale = committed === content ? null : firstDifference(committed, content);
      expect(stale, `${file} is stale (${stale}): run \`npm run codegen\` and commit the result`).toBeNull();
    }
  });

  it('change with the schema: a new field shows up in the resolver types', async () => {
    const extra =
      'extend type Query {\n  "A field that is not in the API."\n  notInTheApi(id: ID!): Int\n}\n';
    const resolvers = (await generate([...readTypeDefs(), extra]))
      .filter((f) => f.file.startsWith('src/graphql/generated/resolvers'))
      .map((f) => f.content)
      .join('\n');
    expect(resolvers).toContain('export type QueryNotInTheApiArgs = {');
    expect(resolvers).toMatch(/notInTheApi\?: Resolver<\s*Maybe<ResolversTypes\['Int'\]>/);
  });
});
