// The layer rule of eslint.config.js, exercised: a wrong-way import fails lint, a downward one passes. Uses the
// project's own lint configuration (its layer entries), so a change there shows here.
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ROOT } from '../helpers/paths.js';

type Entry = { files?: string[]; rules?: Record<string, unknown> };
// eslint.config.js is plain JavaScript (no types): loaded as data.
const config = ((await import(path.join(ROOT, 'eslint.config.js'))) as { default: Entry[] }).default;
const layerEntries = config.filter((c) => c.rules && 'no-restricted-imports' in c.rules);

function lint(filename: string, code: string) {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    layerEntries.map((c) => ({ ...c, languageOptions: { parser: tseslint.parser } })) as Linter.Config[],
    filename,
  );
}

describe('layer boundaries (npm run lint)', () => {
  it('covers every layer of src/', () => {
    const layers = layerEntries.flatMap((c) => c.files ?? []).map((f) => f.split('/')[1]);
    expect(layers).toEqual(
      expect.arrayContaining(['db', 'auth', 'request', 'domain', 'observability', 'graphql', 'http', 'web']),
    );
  });

  it('fails an import from a layer above', () => {
    const wrong = [
      ['src/db/repositories/x.ts', "import { createContext } from '../../graphql/context.js';"],
      ['src/domain/x.ts', "import { createServer } from '../server.js';"],
      ['src/graphql/plugins/x.ts', "import { handleExport } from '../../http/exports.js';"],
      ['src/web/views/x.ts', "import { Executor } from '../../db/executor.js';"],
    ];
    for (const [file, code] of wrong) {
      const messages = lint(file!, code!);
      expect(
        messages.map((m) => m.ruleId),
        file,
      ).toEqual(['no-restricted-imports']);
      expect(messages[0]!.message).toMatch(/may not import from a layer above it/);
    }
  });

  it('passes imports from its own layer and the layers below', () => {
    const right = [
      ['src/graphql/resolvers/x.ts', "import { listEntities } from '../../domain/lists.js';"],
      ['src/domain/x.ts', "import { LIVE } from '../db/cypher-rules.js';"],
      ['src/http/x.ts', "import { currentRequest } from '../request/request-context.js';"],
      ['src/db/compiler/x.ts', "import { LIVE } from '../cypher-rules.js';"],
    ];
    for (const [file, code] of right) expect(lint(file!, code!), file).toEqual([]);
  });
});
