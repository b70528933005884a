// A copy of the minimal seed fixture with files appended or rewritten, removed after each test; and the sources
// and records the validator tests share.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { validateSeed, type Problem } from '../../src/db/seed/validate.js';
import { FIXTURES } from './paths.js';

export const MIN = path.join(FIXTURES, 'seed-min');
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

export type Records = Record<string, unknown>[];
/** A copy of the minimal fixture with files appended to (`extra`) or rewritten (`edit`). */
export function fixture(
  extra: Record<string, Records>,
  edit: Record<string, (r: Records) => Records> = {},
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-f2-'));
  temps.push(dir);
  fs.cpSync(MIN, dir, { recursive: true });
  for (const [file, records] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(records, null, 2));
  }
  for (const [file, fn] of Object.entries(edit)) {
    const full = path.join(dir, file);
    fs.writeFileSync(full, JSON.stringify(fn(JSON.parse(fs.readFileSync(full, 'utf8')) as Records), null, 2));
  }
  return dir;
}
export const problemsOf = (dir: string): Problem[] => validateSeed([dir]).problems;

export const PRESS = {
  id: 'reuters-2025-01-01-x',
  publisher: 'Reuters',
  title: 'x',
  url: 'https://www.reuters.com/x',
  published: '2025-01-01',
  kind: 'press',
};
export const BLOG = {
  id: 'blog-2025-01-01-x',
  publisher: 'A blog',
  title: 'x',
  url: 'https://someblog.example.com/x',
  published: '2025-01-01',
  kind: 'blog',
};
export const US_RULE = {
  id: 'bis-2025-01-01-rule',
  publisher: 'BIS',
  title: 'rule',
  url: 'https://www.bis.gov/press-release/x',
  published: '2025-01-01',
  kind: 'official',
  publisherId: 'us',
};
export const control = (extra: Record<string, unknown>) => ({
  id: 'us-rule',
  name: 'A rule',
  agency: 'US BIS',
  measureType: 'rule',
  announced: '2025-01-01',
  sources: [US_RULE.id],
  ...extra,
});
export const withUsDomains = (r: Records) =>
  r.map((c) => (c.id === 'us' ? { ...c, domains: ['bis.gov'] } : c));
export const fact = (extra: Record<string, unknown>) => ({
  confidence: 'reported',
  sources: [PRESS.id],
  ...extra,
});
