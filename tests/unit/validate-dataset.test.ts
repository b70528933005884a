// The seed's dataset description and the validator's advisory warnings: dataset.json must exist with a semantic
// version; a warning (a mixture-of-experts model without active parameters) never fails validation.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSeed } from '../../src/db/seed/validate.js';
import { fixture, problemsOf } from '../helpers/seed-fixture.js';

describe('dataset.json and warnings', () => {
  it('requires dataset.json in the base folder with a semantic version', () => {
    const dir = fixture({});
    fs.writeFileSync(
      path.join(dir, 'dataset.json'),
      JSON.stringify({ version: '2', title: 't', license: 'CC-BY-4.0' }),
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ field: 'version', message: expect.stringMatching(/semantic version/) }),
    );
    fs.rmSync(path.join(dir, 'dataset.json'));
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/needs dataset\.json/) }),
    );
  });

  it('warns, without failing, about a mixture-of-experts model without active parameters', () => {
    const dir = fixture(
      {},
      { 'models/models.json': (r) => r.map((m) => ({ ...m, architecture: 'moe', activeParameters: null })) },
    );
    const { problems, warnings } = validateSeed([dir]);
    expect(problems).toEqual([]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ id: 'deepseek-v3', field: 'activeParameters' }),
    );
  });
});
