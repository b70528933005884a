// Seed validation without a database: the shipped seed passes; each kind of broken file is reported with
// file, record id and field, all problems at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { validateSeed, type Problem } from '../../src/db/seed/validate.js';
import { FIXTURES, ROOT, SHIPPED_SEED } from '../helpers/paths.js';

const MIN = path.join(FIXTURES, 'seed-min');
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

/** A copy of the minimal fixture with one file rewritten by `edit`. */
function broken(file: string, edit: (records: any[]) => any[] | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-seed-'));
  temps.push(dir);
  fs.cpSync(MIN, dir, { recursive: true });
  const full = path.join(dir, file);
  const out = edit(JSON.parse(fs.readFileSync(full, 'utf8')));
  fs.writeFileSync(full, typeof out === 'string' ? out : JSON.stringify(out, null, 2));
  return dir;
}

function problemsOf(dir: string): Problem[] {
  return validateSeed([dir]).problems;
}

describe('validateSeed', () => {
  it('passes the shipped seed and counts it', () => {
    const { problems, bundle } = validateSeed([SHIPPED_SEED]);
    expect(problems).toEqual([]);
    expect(bundle.entities.filter((e) => e.label === 'Chip').length).toBeGreaterThanOrEqual(50);
    expect(bundle.relationships.every((r) => r.record.sources.length > 0)).toBe(true);
  });

  it('passes the minimal fixture', () => {
    expect(problemsOf(MIN)).toEqual([]);
  });

  const cases: [string, string, (r: any[]) => any[] | string, Partial<Problem>][] = [
    [
      'invalid JSON',
      'chips/chips.json',
      () => '[{ "id": ',
      { file: expect.stringContaining('chips.json'), message: expect.stringMatching(/not valid JSON/) },
    ],
    [
      'an id that is not a slug',
      'chips/chips.json',
      (r) => [{ ...r[0], id: 'Nvidia H100' }, ...r.slice(1)],
      { id: 'Nvidia H100', field: 'id' },
    ],
    [
      'a bad date',
      'models/models.json',
      (r) => [{ ...r[0], released: '2024-13-01' }],
      { id: 'deepseek-v3', field: 'released' },
    ],
    [
      'an impossible day',
      'models/models.json',
      (r) => [{ ...r[0], released: '2025-02-30' }],
      { id: 'deepseek-v3', field: 'released' },
    ],
    [
      'a negative number',
      'chips/chips.json',
      (r) => [{ ...r[0], memoryGb: -80 }, ...r.slice(1)],
      { id: 'nvidia-h100', field: 'memoryGb' },
    ],
    [
      'an unknown enum value',
      'chips/chips.json',
      (r) => [{ ...r[0], status: 'selling' }, ...r.slice(1)],
      { id: 'nvidia-h100', field: 'status' },
    ],
    [
      'an unknown field',
      'chips/chips.json',
      (r) => [{ ...r[0], memoryGB: 80 }, ...r.slice(1)],
      { id: 'nvidia-h100' },
    ],
    [
      'a duplicate id',
      'chips/chips.json',
      (r) => [...r, r[0]],
      { id: 'nvidia-h100', field: 'id', message: expect.stringMatching(/duplicate/) },
    ],
    [
      'a relationship to an unknown id',
      'relationships/facts.json',
      (r) => [...r, { ...r[0], to: 'nvidia-h900' }],
      {
        id: 'DESIGNS|nvidia|nvidia-h900',
        field: 'to',
        message: expect.stringMatching(/unknown id "nvidia-h900"/),
      },
    ],
    [
      'a relationship without a source',
      'relationships/facts.json',
      (r) => r.map((x) => (x.type === 'TRAINED_ON' ? { ...x, sources: [] } : x)),
      { id: 'TRAINED_ON|deepseek-v3|nvidia-h800', field: 'sources' },
    ],
    [
      'an unknown source id',
      'relationships/facts.json',
      (r) => r.map((x) => (x.type === 'TRAINED_ON' ? { ...x, sources: ['no-such-source'] } : x)),
      {
        id: 'TRAINED_ON|deepseek-v3|nvidia-h800',
        field: 'sources.0',
        message: expect.stringMatching(/unknown source/),
      },
    ],
    [
      'a relationship between the wrong kinds',
      'relationships/facts.json',
      (r) => [
        ...r,
        {
          type: 'TRAINED_ON',
          from: 'nvidia',
          to: 'nvidia-h100',
          confidence: 'reported',
          sources: ['nvidia-h100-datasheet'],
        },
      ],
      {
        id: 'TRAINED_ON|nvidia|nvidia-h100',
        field: 'from',
        message: expect.stringMatching(/must be a Model/),
      },
    ],
    [
      'a bad confidence',
      'relationships/facts.json',
      (r) => r.map((x) => (x.type === 'TRAINED_ON' ? { ...x, confidence: 'likely' } : x)),
      { id: 'TRAINED_ON|deepseek-v3|nvidia-h800', field: 'confidence' },
    ],
    [
      'a confirmed fact resting only on press or blogs',
      'sources/sources.json',
      (r) => r.map((x) => (x.id === 'deepseek-2024-12-26-v3-report' ? { ...x, kind: 'blog' } : x)),
      {
        file: expect.stringContaining('facts.json'),
        id: 'TRAINED_ON|deepseek-v3|nvidia-h800',
        field: 'confidence',
        message: expect.stringMatching(/official or paper/),
      },
    ],
    [
      'two facts of one pair without a key',
      'relationships/facts.json',
      (r) => [...r, r.find((x) => x.type === 'TRAINED_ON')],
      { id: 'TRAINED_ON|deepseek-v3|nvidia-h800', field: 'key' },
    ],
  ];

  it.each(cases)('reports %s with file, id and field', (_name, file, edit, expected) => {
    const problems = problemsOf(broken(file, edit));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: expect.stringContaining(path.basename(file)), ...expected }),
    );
  });

  it('reports every problem at once', () => {
    const dir = broken('chips/chips.json', (r) => [
      { ...r[0], memoryGb: -1, status: 'x' },
      { ...r[1], id: 'Bad Id' },
      ...r.slice(2),
    ]);
    const problems = problemsOf(dir);
    expect(problems.map((p) => p.field).sort()).toEqual(expect.arrayContaining(['id', 'memoryGb', 'status']));
  });

  it('`npm run validate` exits non-zero and names file, id and field', () => {
    const dir = broken('chips/chips.json', (r) => [{ ...r[0], memoryGb: -80 }, ...r.slice(1)]);
    const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/validate.ts')], {
      cwd: ROOT,
      env: { ...process.env, SEED_DIR: dir },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/chips\.json: nvidia-h100: memoryGb: /);
  });

  it('an overlay folder may refer to the base seed and replace its records', () => {
    const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-overlay-'));
    temps.push(overlay);
    fs.mkdirSync(path.join(overlay, 'chips'));
    fs.mkdirSync(path.join(overlay, 'relationships'));
    fs.writeFileSync(
      path.join(overlay, 'chips/mine.json'),
      JSON.stringify([
        { id: 'nvidia-h100', name: 'H100 (analyst copy)', sources: ['nvidia-h100-datasheet'] },
      ]),
    );
    fs.writeFileSync(
      path.join(overlay, 'relationships/mine.json'),
      JSON.stringify([
        {
          type: 'RUNS_ON',
          from: 'deepseek-v3',
          to: 'nvidia-h100',
          confidence: 'rumored',
          sources: ['nvidia-h100-datasheet'],
        },
      ]),
    );
    const { problems, bundle } = validateSeed([MIN, overlay]);
    expect(problems).toEqual([]);
    expect(bundle.entities.find((e) => e.record.id === 'nvidia-h100')?.record.name).toBe(
      'H100 (analyst copy)',
    );
    expect(bundle.relationships.map((r) => r.id)).toContain('RUNS_ON|deepseek-v3|nvidia-h100');
  });
});
