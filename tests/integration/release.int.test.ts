// The data release from a real load of the shipped seed: the same bytes from two builds and from a reload of
// the same seed (new load times), every table, the whole graph, sources, changelog, citation and licence inside.
import fs from 'node:fs';
import path from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { strFromU8, unzipSync } from 'fflate';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/executor.js';
import { EXPORT_TABLES } from '../../src/http/exports.js';
import { buildRelease, type Release } from '../../src/release/build.js';
import { gql, ROOT, seedWith, SHIPPED_SEED, testDriver, testExecutor, testServer } from '../helpers/db.js';

let driver: Driver;
let executor: Executor;

const build = () =>
  buildRelease({
    yoga: testServer(executor),
    executor,
    seedDir: SHIPPED_SEED,
    citationFile: path.join(ROOT, 'CITATION.cff'),
  });

beforeAll(async () => {
  driver = testDriver();
  executor = testExecutor(driver);
  await seedWith(executor);
});

afterAll(async () => {
  await driver.close();
});

describe('npm run release', () => {
  let first: Release;

  it('is the same bytes twice, and after reloading the same seed', async () => {
    first = await build();
    const again = await build();
    expect(again.zip.equals(first.zip)).toBe(true);
    // seedWith forgets every record's hash, so the loader rewrites them all with new load times.
    await seedWith(executor);
    const reloaded = await build();
    expect(reloaded.zip.equals(first.zip)).toBe(true);
    // Three builds of every table and a full reload: minutes on two shared cores, not seconds.
  }, 600_000);

  it('holds every table, the graph, the sources, the changelog, CITATION.cff and the licence', async () => {
    const version = JSON.parse(fs.readFileSync(path.join(SHIPPED_SEED, 'dataset.json'), 'utf8')).version;
    expect(first.fileName).toBe(`chipgraph-data-${version}.zip`);
    const files = unzipSync(new Uint8Array(first.zip));
    const dir = `chipgraph-data-${version}`;
    const names = Object.keys(files);
    expect(names).toEqual([...names].sort());
    expect(names.sort()).toEqual(
      [
        ...EXPORT_TABLES.flatMap((t) => [`tables/${t}.csv`, `tables/${t}.json`]),
        'graph.graphml',
        'sources.bib',
        'sources.json',
        'CHANGELOG.md',
        'CITATION.cff',
        'LICENSE.md',
      ]
        .map((n) => `${dir}/${n}`)
        .sort(),
    );
    const text = (n: string) => strFromU8(files[`${dir}/${n}`]!);
    expect(text('CHANGELOG.md')).toBe(fs.readFileSync(path.join(SHIPPED_SEED, 'CHANGELOG.md'), 'utf8'));
    expect(text('LICENSE.md')).toContain('CC BY 4.0');
    expect(text('CITATION.cff')).toBe(fs.readFileSync(path.join(ROOT, 'CITATION.cff'), 'utf8'));

    const chips = JSON.parse(text('tables/chips.json'));
    expect(chips.dataset).toMatchObject({ version });
    expect(chips.dataset).not.toHaveProperty('loadedAt');
    const stats = (await gql(testServer(executor), '{ stats { sources entities { count } } }')).data!.stats;
    expect(JSON.parse(text('sources.json'))).toHaveLength(stats.sources);
    expect((await Cite.async(text('sources.bib'))).data).toHaveLength(stats.sources);
    const graphml = text('graph.graphml');
    const entities = stats.entities.reduce((n: number, e: { count: number }) => n + e.count, 0);
    expect(graphml.match(/<node id=/g)).toHaveLength(entities);
    expect(graphml).toContain('<edge id="');
    for (const n of names) expect(strFromU8(files[n]!)).not.toMatch(/loadedAt/);
  });
});
