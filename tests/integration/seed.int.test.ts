// The loader on a real Neo4j: atomic (a failure in the last batch changes nothing), idempotent, incremental,
// removes what the files no longer hold, and layers an analyst's folder on top.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/db/seed/load.js';
import { validateSeed } from '../../src/db/seed/validate.js';
import { runSeed, SeedValidationError } from '../../src/db/seed/run.js';
import { seedWith, SHIPPED_SEED, testDriver, testExecutor } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
afterAll(() => driver.close());

/** Everything the loader owns, minus load timestamps: equal fingerprints mean an identical graph. */
async function fingerprint(): Promise<string> {
  const nodes = await executor.read(
    `MATCH (n) WHERE n.origin = 'seed'
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id`,
  );
  const rels = await executor.read(
    `MATCH (a)-[r]->(b) WHERE r.origin = 'seed'
     RETURN r.id AS id, type(r) AS type, a.id AS a, b.id AS b, properties(r) AS p ORDER BY id`,
  );
  const strip = (p: Record<string, unknown>) => {
    const { loadedAt: _l, ...rest } = p;
    return Object.fromEntries(Object.entries(rest).sort(([x], [y]) => x.localeCompare(y)));
  };
  return JSON.stringify([
    nodes.records.map((r) => [r.get('id'), [...r.get('labels')].sort(), strip(r.get('p'))]),
    rels.records.map((r) => [r.get('id'), r.get('type'), r.get('a'), r.get('b'), strip(r.get('p'))]),
  ]);
}

function copyOfSeed(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-seedcopy-'));
  fs.cpSync(SHIPPED_SEED, dir, { recursive: true });
  return dir;
}

function editJson(file: string, edit: (records: any[]) => any[]): void {
  fs.writeFileSync(file, JSON.stringify(edit(JSON.parse(fs.readFileSync(file, 'utf8')))));
}

beforeEach(async () => {
  await seedWith(executor);
});

describe('loadSeed', () => {
  it('is idempotent: a second load changes nothing', async () => {
    // A frozen copy: the shipped seed may be edited while the suite runs.
    const dir = copyOfSeed();
    await runSeed(executor, [dir]);
    const before = await fingerprint();
    const summary = await runSeed(executor, [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(summary.changes).toEqual({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
      propertiesSet: 0,
    });
    expect(await fingerprint()).toBe(before);
  });

  it('is atomic: a load that fails in its last batch leaves counts and properties as they were', async () => {
    const before = await fingerprint();
    const dir = copyOfSeed();
    editJson(path.join(dir, 'chips/chips.json'), (r) =>
      r.map((c) => (c.id === 'nvidia-h100' ? { ...c, name: 'CHANGED', memoryGb: 1 } : c)),
    );
    editJson(path.join(dir, 'models/models.json'), (r) => [
      ...r,
      { id: 'test-only-model', name: 'Test-only model', sources: [r[0].sources[0]] },
    ]);
    const { bundle, problems } = validateSeed([dir]);
    expect(problems).toEqual([]);
    let batches = 0;
    await expect(
      loadSeed(executor, bundle, {
        onBatch: (i, total) => {
          batches = total;
          if (i === total - 1) throw new Error('simulated failure in the last batch');
        },
      }),
    ).rejects.toThrow(/simulated failure/);
    expect(batches).toBeGreaterThan(10);
    expect(await fingerprint()).toBe(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('updates only what changed and removes records no longer in the files', async () => {
    const dir = copyOfSeed();
    const models = JSON.parse(fs.readFileSync(path.join(dir, 'models/models.json'), 'utf8')) as any[];
    const removed = models.find((m) => m.id !== 'deepseek-v3' && m.id !== 'deepseek-v4')!.id as string;
    editJson(path.join(dir, 'chips/chips.json'), (r) =>
      r.map((c) => (c.id === 'nvidia-h100' ? { ...c, description: 'Edited by the test.' } : c)),
    );
    // Remove the model and every fact about it, as an analyst would.
    editJson(path.join(dir, 'models/models.json'), (r) => r.filter((m) => m.id !== removed));
    for (const f of fs.readdirSync(path.join(dir, 'relationships'))) {
      editJson(path.join(dir, 'relationships', f), (r) =>
        r.filter((x) => x.from !== removed && x.to !== removed),
      );
    }
    const summary = await runSeed(executor, [dir]);
    expect(summary.changes.nodesCreated).toBe(0);
    expect(summary.changes.nodesDeleted).toBe(1);
    const h100 = await executor.read(`MATCH (c:Chip {id: 'nvidia-h100'}) RETURN c.description AS d`);
    expect(h100.records[0]?.get('d')).toBe('Edited by the test.');
    const gone = await executor.read(`MATCH (m:Model {id: $id}) RETURN count(m) AS n`, { id: removed });
    expect(gone.records[0]?.get('n')).toBe(0);
    // One node's properties were rewritten, not the graph's.
    const chipProps = Object.keys(
      JSON.parse(fs.readFileSync(path.join(dir, 'chips/chips.json'), 'utf8'))[0],
    ).length;
    expect(summary.changes.propertiesSet).toBeLessThan(chipProps + 10);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a retraction made through the API when the seed record changes, and moves the version on', async () => {
    const id = 'TRAINED_ON|deepseek-v3|nvidia-h800';
    await executor.write(
      `MATCH ()-[r:TRAINED_ON {id: $id}]->() SET r.retracted = true, r.retractionReason = 'test'
       WITH 1 AS x MATCH (c:Chip {id: 'nvidia-h800'}) SET c.version = 3`,
      { id },
    );
    const dir = copyOfSeed();
    for (const f of fs.readdirSync(path.join(dir, 'relationships'))) {
      editJson(path.join(dir, 'relationships', f), (r) =>
        r.map((x) =>
          x.type === 'TRAINED_ON' && x.from === 'deepseek-v3' && x.to === 'nvidia-h800'
            ? { ...x, note: 'changed' }
            : x,
        ),
      );
    }
    editJson(path.join(dir, 'chips/chips.json'), (r) =>
      r.map((c) => (c.id === 'nvidia-h800' ? { ...c, description: 'changed' } : c)),
    );
    await runSeed(executor, [dir]);
    const res = await executor.read(
      `MATCH ()-[r:TRAINED_ON {id: $id}]->(c:Chip) RETURN r.note AS note, r.retracted AS retracted, r.retractionReason AS why, c.version AS version`,
      { id },
    );
    expect(res.records[0]?.toObject()).toEqual({ note: 'changed', retracted: true, why: 'test', version: 4 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a folder that breaks the data-model rules, naming each, and writes nothing', async () => {
    const before = await fingerprint();
    const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-badrules-'));
    fs.mkdirSync(path.join(overlay, 'sources'));
    fs.mkdirSync(path.join(overlay, 'relationships'));
    fs.writeFileSync(
      path.join(overlay, 'sources/bad.json'),
      JSON.stringify([
        // A law firm's copy labelled official, and a blog.
        {
          id: 'copy-2025-04-09-h20',
          publisher: 'A law firm',
          title: 'H20 licence',
          url: 'https://lawfirm.example.com/h20',
          published: '2025-04-09',
          kind: 'official',
          publisherId: 'us',
        },
        {
          id: 'blog-2025-05-01-x',
          publisher: 'A blog',
          title: 'x',
          url: 'https://blog.example.com/x',
          published: '2025-05-01',
          kind: 'blog',
        },
      ]),
    );
    fs.writeFileSync(
      path.join(overlay, 'relationships/bad.json'),
      JSON.stringify([
        {
          type: 'ORDERED',
          from: 'nvidia',
          to: 'nvidia-h20',
          key: 'own',
          confidence: 'rumored',
          sources: ['blog-2025-05-01-x'],
        },
        {
          type: 'RUNS_ON',
          from: 'deepseek-v3',
          to: 'nvidia-h20',
          key: 'blog',
          confidence: 'reported',
          sources: ['blog-2025-05-01-x'],
        },
      ]),
    );
    const err = await runSeed(executor, [SHIPPED_SEED, overlay]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeedValidationError);
    const problems = (err as SeedValidationError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'copy-2025-04-09-h20',
          field: 'kind',
          message: expect.stringMatching(/not an official domain/),
        }),
        expect.objectContaining({
          id: 'ORDERED|nvidia|nvidia-h20|own',
          field: 'type',
          message: expect.stringMatching(/not a purchase/),
        }),
        expect.objectContaining({
          id: 'RUNS_ON|deepseek-v3|nvidia-h20|blog',
          field: 'confidence',
          message: expect.stringMatching(/rumored/),
        }),
      ]),
    );
    expect(await fingerprint()).toBe(before);
    fs.rmSync(overlay, { recursive: true, force: true });
  });

  it("loads an analyst's folder on top of the shipped seed", async () => {
    const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-overlay-'));
    fs.mkdirSync(path.join(overlay, 'sources'));
    fs.mkdirSync(path.join(overlay, 'relationships'));
    fs.writeFileSync(
      path.join(overlay, 'sources/mine.json'),
      JSON.stringify([
        {
          id: 'analyst-note-1',
          publisher: 'Our desk',
          title: 'Channel check',
          url: null,
          published: '2026-11',
          kind: 'blog',
        },
      ]),
    );
    fs.writeFileSync(
      path.join(overlay, 'relationships/mine.json'),
      JSON.stringify([
        {
          type: 'RUNS_ON',
          from: 'deepseek-v3',
          to: 'huawei-ascend-910b',
          key: 'channel-check',
          confidence: 'rumored',
          sources: ['analyst-note-1'],
        },
      ]),
    );
    await runSeed(executor, [SHIPPED_SEED, overlay]);
    const res = await executor.read(
      `MATCH (:Model {id: 'deepseek-v3'})-[r:RUNS_ON {id: 'RUNS_ON|deepseek-v3|huawei-ascend-910b|channel-check'}]->() RETURN r.confidence AS c`,
    );
    expect(res.records[0]?.get('c')).toBe('rumored');
    // The overlay has no dataset.json: the base's stays; its source moves the end of the record.
    const d = await executor.read('MATCH (d:Dataset) RETURN d.version AS v, d.recordEnds AS e');
    expect(d.records[0]?.get('v')).toBe(shippedDataset().version);
    expect(d.records[0]?.get('e')).toBe('2026-11' > latestPublished() ? '2026-11' : latestPublished());
    fs.rmSync(overlay, { recursive: true, force: true });
  });

  it('keeps one Dataset node: version from dataset.json, end of the record, a load time that moves with changes', async () => {
    const read = async () =>
      (await executor.read('MATCH (d:Dataset) RETURN d {.*} AS d')).records.map((r) => r.get('d'));
    const frozen = copyOfSeed();
    await runSeed(executor, [frozen]);
    const [first, ...more] = await read();
    expect(more).toEqual([]);
    expect(first).toMatchObject({
      id: 'dataset',
      version: shippedDataset(frozen).version,
      license: shippedDataset(frozen).license,
      recordEnds: latestPublished(frozen),
    });
    expect(Date.parse(first.loadedAt)).not.toBeNaN();
    // A load that changes nothing leaves the load time alone (the graph is exactly as it was).
    await runSeed(executor, [frozen]);
    expect((await read())[0].loadedAt).toBe(first.loadedAt);
    // A load that changes data moves it, in the same transaction.
    editJson(path.join(frozen, 'chips/chips.json'), (r) =>
      r.map((c) => (c.id === 'nvidia-h100' ? { ...c, description: 'Edited by the test.' } : c)),
    );
    // Not a wait for a state: the clock must move on, so that a new load time can be told from the first.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runSeed(executor, [frozen]);
    expect((await read())[0].loadedAt > first.loadedAt).toBe(true);
    fs.rmSync(frozen, { recursive: true, force: true });
  });
});

function shippedDataset(dir = SHIPPED_SEED): { version: string; license: string } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
}

function latestPublished(dir = SHIPPED_SEED): string {
  const { bundle } = validateSeed([dir]);
  return bundle.sources
    .map((s) => s.record.published)
    .filter((p): p is string => p !== null)
    .sort()
    .at(-1)!;
}
