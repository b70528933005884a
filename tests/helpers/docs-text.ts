// The user-facing docs as one text: README.md, then every docs/*.md, so a tested snippet can live in either.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

export const DOC_FILES = 'README.md and docs/*.md';

export function docsText(): string {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(ROOT, 'docs', f));
  return [path.join(ROOT, 'README.md'), ...docs].map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}
