// No source file over 400 lines in src/, bench/ or tests/ (STYLE.md; issue 14): a file that grows past it is split
// along its seams. The generated GraphQL types (src/**/generated/) are held to it too: codegen.ts cuts them into parts.
// Test snapshots and build artifacts are written by tools and are exempt.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIMIT = 400;
const GENERATED = new Set(['__snapshots__', 'artifacts', 'node_modules']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return GENERATED.has(e.name) ? [] : sourceFiles(p);
    return /\.(ts|js|mjs|css|html)$/.test(e.name) ? [p] : [];
  });
}

describe('file size', () => {
  it(`keeps every hand-written file in src/, bench/ and tests/ at ${LIMIT} lines or fewer`, () => {
    const files = ['src', 'bench', 'tests'].flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(100);
    const over = files
      .map((f) => ({
        file: path.relative(ROOT, f),
        lines: fs.readFileSync(f, 'utf8').split('\n').length - 1,
      }))
      .filter((f) => f.lines > LIMIT);
    expect(over).toEqual([]);
  });
});
