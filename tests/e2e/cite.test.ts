// The cite button in headless Chromium on the shipped seed: on an entity page and on a fact row, each format
// shows the API's citation, copy puts it on the clipboard, download saves the same text under a named file.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServer, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const ENTITY = 'huawei-ascend-910c';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function api(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const shown = () => page.locator('dialog.cite-dialog pre.citation');

describe('cite', () => {
  it("cites an entity's sources in each format, copies and downloads them", async () => {
    await page.goto(`${server.base}/#/entity/${ENTITY}`);
    await page.click('header.entity-head button[data-action="cite"]');
    await page.waitForSelector('dialog.cite-dialog[open]');
    await expect.poll(() => shown().textContent(), { timeout: 15_000 }).toMatch(/^@\w+\{/);

    // The BibTeX shown is every source the entity cites, keyed by id.
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const d = await api(
        'query($after: String) { sources(where: { entityId: "huawei-ascend-910c" }, first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      ids.push(...d.sources.nodes.map((n: { id: string }) => n.id));
      if (!d.sources.pageInfo.hasNextPage) break;
      after = d.sources.pageInfo.endCursor;
    }
    const bib = (await shown().textContent())!;
    expect((await Cite.async(bib)).data.map((d) => d['citation-key'])).toEqual(ids);

    await page.click('dialog.cite-dialog button[data-action="copy"]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(bib);

    const saving = page.waitForEvent('download');
    await page.click('dialog.cite-dialog button[data-action="download"]');
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`chipgraph-${ENTITY}-sources.bib`);
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe(bib);

    await page.selectOption('dialog.cite-dialog select[name="format"]', 'CSL_JSON');
    await expect.poll(() => shown().textContent()).toMatch(/^\[/);
    const csl = JSON.parse((await shown().textContent())!);
    expect(csl.map((i: { id: string }) => i.id)).toEqual(ids);

    await page.selectOption('dialog.cite-dialog select[name="format"]', 'APA');
    await expect.poll(() => shown().textContent()).not.toMatch(/^\[/);
    expect((await shown().textContent())!.trim().split('\n')).toHaveLength(ids.length);
    await page.click('dialog.cite-dialog button[data-action="close"]');
    expect(await page.locator('dialog.cite-dialog').count()).toBe(0);
  });

  it("cites one fact's sources from its row", async () => {
    const row = page.locator('table.facts tr', { has: page.locator('button[data-action="cite"]') }).first();
    await row.locator('button[data-action="cite"]').click();
    await page.waitForSelector('dialog.cite-dialog[open]');
    await page.selectOption('dialog.cite-dialog select[name="format"]', 'RIS');
    await expect.poll(() => shown().textContent(), { timeout: 15_000 }).toMatch(/^TY {2}- /);
    const title = await page.locator('dialog.cite-dialog').getAttribute('aria-label');
    const [, type, from, to] = /^Sources of (\S+) (\S+) → (\S+)$/.exec(title!)!;
    const nb = await api(`{ neighborhood(id: "${ENTITY}", depth: 1) { edges { id type from to } } }`);
    const edge = nb.neighborhood.edges.find(
      (e: { type: string; from: string; to: string }) => e.type === type && e.from === from && e.to === to,
    );
    const d = await api('query($id: ID!) { fact(id: $id) { citation(format: RIS) } }', { id: edge.id });
    expect(await shown().textContent()).toBe(d.fact.citation);
    expect(pageErrors).toEqual([]);
  });
});
