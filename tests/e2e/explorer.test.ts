// End to end in headless Chromium (Debian's, never a downloaded one): search "Ascend", open a chip, see its graph,
// click through to a model, open the exposure view for Nvidia; screenshots go to tests/artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, startServer, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let base: string;
const pageErrors: string[] = [];
const external: string[] = [];

beforeAll(async () => {
  server = await startServer();
  base = server.base;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // The page must work offline: a request that leaves the server (a CDN, a web font) is recorded and refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || /^(data|blob):/.test(url)) return route.continue();
    external.push(url);
    return route.abort();
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

/** Ids and kinds of the nodes Cytoscape has drawn. */
function drawnNodes(): Promise<{ id: string; kind: string }[]> {
  return page.evaluate(() => {
    const cy = (window as any).chipgraph.cy;
    return cy.nodes().map((n: any) => ({ id: n.id(), kind: n.data('kind') }));
  });
}

async function waitForView(view: string) {
  await page.waitForSelector(`.view-${view}[data-ready="true"]`, { timeout: 20_000 });
}

/** Clicks a node where it is drawn on the canvas, as a user would. */
async function clickNode(id: string) {
  const pos = await page.evaluate((nodeId) => {
    const n = (window as any).chipgraph.cy.$id(nodeId);
    return n.nonempty() ? n.renderedPosition() : null;
  }, id);
  expect(pos, `node ${id} is drawn`).not.toBeNull();
  const box = await page.locator('#graph').boundingBox();
  await page.mouse.click(box!.x + pos.x, box!.y + pos.y);
}

describe('the explorer in a browser', () => {
  it('search → chip → graph → model → exposure', async () => {
    await page.goto(`${base}/`);
    await page.fill('input[name="q"]', 'Ascend');
    await page.waitForSelector('ul.suggestions li[data-id="huawei-ascend-910c"]', { timeout: 20_000 });
    const offered = await page.$$eval('ul.suggestions li', (lis) =>
      lis.map((li) => li.getAttribute('data-id')),
    );
    expect(offered.every((id) => id?.startsWith('huawei-ascend'))).toBe(true);
    await shot('01-search-ascend');

    await page.click('ul.suggestions li[data-id="huawei-ascend-910c"]');
    await waitForView('entity');
    expect(new URL(page.url()).hash).toBe('#/entity/huawei-ascend-910c');
    await expect.poll(() => page.textContent('h2')).toContain('Huawei Ascend 910C');
    const nodes = await drawnNodes();
    const ids = nodes.map((n) => n.id);
    expect(ids).toContain('huawei'); // its vendor
    const models = nodes.filter((n) => n.kind === 'MODEL').map((n) => n.id);
    expect(models).toEqual(expect.arrayContaining(['deepseek-v4-pro', 'glm-4-5']));
    // Drawn, not just loaded: the canvas has a size and the facts table lists the sources.
    const canvas = await page.locator('#graph canvas').first().boundingBox();
    expect(canvas!.width).toBeGreaterThan(300);
    expect(await page.locator('table.facts a[href^="http"]').count()).toBeGreaterThan(0);
    await shot('02-chip-huawei-ascend-910c');

    // Clicking an edge shows its sources.
    const mid = await page.evaluate(() => {
      const e = (window as any).chipgraph.cy.$id('e:DESIGNS|huawei|huawei-ascend-910c');
      return e.nonempty() ? e.renderedMidpoint() : null;
    });
    expect(mid).not.toBeNull();
    const box = await page.locator('#graph').boundingBox();
    await page.mouse.click(box!.x + mid.x, box!.y + mid.y);
    await page.waitForSelector('aside .edge-details ul.sources li a[href^="http"]', { timeout: 10_000 });

    await clickNode('deepseek-v4-pro');
    await page.waitForFunction(() => location.hash === '#/entity/deepseek-v4-pro');
    await waitForView('entity');
    await expect.poll(() => page.textContent('h2')).toContain('DeepSeek-V4-Pro');
    expect((await drawnNodes()).map((n) => n.id)).toContain('huawei-ascend-910c');
    await shot('03-model-deepseek-v4-pro');

    await page.click('nav.views a[data-view="exposure"]');
    await waitForView('exposure');
    await page.fill('input[name="target"]', 'Nvidia');
    await page.waitForSelector('ul.suggestions li[data-id="nvidia"]', { timeout: 20_000 });
    await page.click('ul.suggestions li[data-id="nvidia"]');
    await page.waitForSelector('[data-testid="exposure-summary"]', { timeout: 20_000 });
    expect(new URL(page.url()).hash).toBe('#/exposure?vendorId=nvidia');
    await expect
      .poll(() => page.textContent('[data-testid="exposure-summary"]'))
      .toMatch(/\d+ models depend on \d+ exposed chips of/);
    expect(await page.locator('tr[data-model="deepseek-v3"]').count()).toBe(1);
    expect(await page.locator('tr[data-model="deepseek-v3"]').textContent()).toContain('Nvidia H800');
    // The link to GraphiQL carries the same question.
    const graphiql = new URL((await page.getAttribute('a.graphiql', 'href')) ?? '', base);
    expect(graphiql.pathname).toBe('/graphql');
    expect(graphiql.searchParams.get('query')).toContain('exposure(target: $target');
    expect(JSON.parse(graphiql.searchParams.get('variables')!)).toEqual({ target: { vendorId: 'nvidia' } });
    await shot('04-exposure-nvidia');

    // ...and GraphiQL opens with that query and its variables filled in.
    await page.goto(graphiql.toString());
    await page.waitForFunction(
      () =>
        // The editors draw spaces as no-break spaces.
        document.body.innerText.replace(/\u00a0/g, ' ').includes('exposure(target: $target') &&
        document.body.innerText.includes('"vendorId"'),
      undefined,
      { timeout: 20_000 },
    );

    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('the timeline slider redraws the graph as it stood on that date; the URL keeps the date', async () => {
    await page.goto(`${base}/#/timeline/huawei?asOf=2019-06-01`);
    await waitForView('timeline');
    await page.waitForSelector('#graph[data-asof="2019-06-01"]');
    const early = Number(await page.getAttribute('#graph', 'data-nodes'));
    await page.focus('input[name="asOf"]');
    await page.keyboard.press('End');
    const today = new Date().toISOString().slice(0, 10);
    await page.waitForSelector(`#graph[data-asof="${today}"]`, { timeout: 20_000 });
    const now = Number(await page.getAttribute('#graph', 'data-nodes'));
    expect(early).toBeGreaterThan(0);
    expect(now).toBeGreaterThan(early);
    expect(new URL(page.url()).hash).toBe(`#/timeline/huawei?asOf=${today}`);
    await shot('05-timeline-huawei');
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('the embed page draws one entity compactly, without the explorer frame', async () => {
    await page.goto(`${base}/embed/entity/huawei-ascend-910c`);
    await page.waitForFunction(() => (window as any).chipgraph?.cy?.nodes().length > 5);
    expect(await page.locator('header.top').count()).toBe(0);
    expect(await page.locator('.embed-head a').getAttribute('href')).toBe('/#/entity/huawei-ascend-910c');
    await shot('06-embed-huawei-ascend-910c');
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });
});
