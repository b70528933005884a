// The analyst's desk in headless Chromium, on the shipped seed: the home page, every table (rendered from the API,
// sorted, filtered, paged, downloaded) and every chart (drawn, its data equal to the API's numbers, downloaded).
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
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (err) => pageErrors.push(err.message));
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

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

async function api(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function open(hash: string, view: string) {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector(`.view-${view}[data-ready]`, { timeout: 30_000 });
  expect(await page.getAttribute(`.view-${view}`, 'data-ready')).toBe('true');
}

/** The visible rows: id, and the raw value of each column. */
function visibleRows(): Promise<{ id: string; cells: Record<string, string> }[]> {
  return page.$$eval('table.data tbody tr[data-id]', (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-id')!,
      cells: Object.fromEntries(
        [...tr.querySelectorAll('td[data-col]')].map((td) => [
          td.getAttribute('data-col')!,
          td.getAttribute('data-value')!,
        ]),
      ),
    })),
  );
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  const [header = [], ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

async function download(selector: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(selector)]);
  return fs.readFileSync(await dl.path());
}

/** The export JSON is `{ dataset, rows }` (or, from older servers, a bare array). */
const exportRows = (body: any): Record<string, unknown>[] => (Array.isArray(body) ? body : body.rows);

describe('the home page', () => {
  it('shows the dataset version, the counts per kind, the guided questions and small charts', async () => {
    const { stats } = await api(
      '{ stats { entities { kind count } relationships { type count } dataset { version recordEnds } } }',
    );
    await open('', 'home');
    expect(await page.textContent('[data-field="version"]')).toBe(stats.dataset.version);
    expect(await page.textContent('[data-field="recordEnds"]')).toBe(stats.dataset.recordEnds);
    for (const kind of ['CHIP', 'MODEL', 'COMPANY', 'EXPORT_CONTROL']) {
      const count = stats.entities.find((e: any) => e.kind === kind).count;
      expect(await page.textContent(`[data-count="${kind}"] strong`)).toBe(count.toLocaleString('en-US'));
    }
    const ordered = stats.relationships.find((r: any) => r.type === 'ORDERED').count;
    expect(await page.textContent('[data-count="ORDERED"] strong')).toBe(ordered.toLocaleString('en-US'));
    expect(await page.locator('[data-testid="questions"] li').count()).toBe(5);
    await page.waitForFunction(() => document.querySelectorAll('.chart svg path').length > 20, undefined, {
      timeout: 30_000,
    });
    expect(await page.locator('.chart-panel.compact .chart svg').count()).toBe(4);
    // "Latest changes" appears only once the API serves `changes`; search stays in the header.
    const { __schema } = await api('{ __schema { queryType { fields { name } } } }');
    const hasChanges = __schema.queryType.fields.some((f: any) => f.name === 'changes');
    expect(await page.locator('[data-testid="latest-changes"]').count()).toBe(hasChanges ? 1 : 0);
    expect(await page.locator('header input[name="q"]').count()).toBe(1);
    await shot('10-home');
  });
});

describe('the tables', () => {
  const TABLES = ['chips', 'models', 'companies', 'orders', 'export-controls', 'hardware-dependencies'];
  const ROOTS: Record<string, string> = {
    chips: 'chips',
    models: 'models',
    companies: 'companies',
    orders: 'orders',
    'export-controls': 'exportControls',
    'hardware-dependencies': 'hardwareDependencies',
  };

  it('render every kind from the API, each row linking to its entity page', async () => {
    for (const name of TABLES) {
      const root = ROOTS[name]!;
      const data = await api(`{ ${root}(first: 50) { totalCount nodes { id } } }`);
      await open(`#/table/${name}`, 'table');
      const rows = await visibleRows();
      expect(
        rows.map((r) => r.id),
        name,
      ).toEqual(data[root].nodes.map((n: any) => n.id));
      expect(await page.textContent('[data-testid="table-summary"]')).toContain(`${data[root].totalCount} `);
      const firstLink = await page.getAttribute('table.data tbody tr td.open a', 'href');
      expect(firstLink).toMatch(/^#\/entity\//);
      await shot(`11-table-${name}`);
    }
  });

  it('sort by the API (chips by BF16 compute) and on the page (orders by units); page with cursors', async () => {
    await open('#/table/chips', 'table');
    await page.click('th[data-col="bf16DenseTflops"] button');
    await page.waitForFunction(() => location.hash.includes('orderBy=BF16_DENSE_TFLOPS%3AASC'));
    await page.waitForSelector('.view-table[data-ready="true"]');
    await page.click('th[data-col="bf16DenseTflops"] button');
    await page.waitForFunction(() => location.hash.includes('orderBy=BF16_DENSE_TFLOPS%3ADESC'));
    await page.waitForSelector('.view-table[data-ready="true"] th[data-col="bf16DenseTflops"] button.active');
    const sorted = await api(
      '{ chips(first: 50, orderBy: [{ field: BF16_DENSE_TFLOPS, direction: DESC }]) { nodes { id bf16DenseTflops } } }',
    );
    const rows = await visibleRows();
    expect(rows.map((r) => r.id)).toEqual(sorted.chips.nodes.map((n: any) => n.id));
    const tflops = rows
      .map((r) => r.cells.bf16DenseTflops)
      .filter(Boolean)
      .map(Number);
    expect(tflops).toEqual([...tflops].sort((a, b) => b - a));

    await open('#/table/orders', 'table');
    const before = await visibleRows();
    await page.click('th[data-col="units"] button');
    await page.waitForFunction(() => location.hash.includes('sort=units%3AASC'));
    await page.waitForSelector('.view-table[data-ready="true"] th[data-col="units"] button.active');
    const after = await visibleRows();
    expect(new Set(after.map((r) => r.id))).toEqual(new Set(before.map((r) => r.id)));
    expect(after.map((r) => r.id)).not.toEqual(before.map((r) => r.id));
    const units = after.map((r) => r.cells.units);
    const known = units.filter(Boolean).map(Number);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(units.slice(known.length).every((u) => u === '')).toBe(true); // unknown last
    expect(await page.textContent('[data-testid="table-summary"]')).toContain('on this page only');

    // Next page through the API's cursor, and back.
    await open('#/table/orders?first=20', 'table');
    const page1 = (await visibleRows()).map((r) => r.id);
    await page.click('button[data-page="next"]');
    await page.waitForFunction(() => location.hash.includes('after='));
    await page.waitForSelector('.view-table[data-ready="true"]');
    const page2 = (await visibleRows()).map((r) => r.id);
    const two = await api('{ orders(first: 40) { nodes { id } } }');
    expect(page2).toEqual(two.orders.nodes.slice(20).map((n: any) => n.id));
    expect(await page.textContent('[data-testid="table-summary"]')).toContain('rows 21–40');
    await page.click('button[data-page="prev"]');
    await page.waitForFunction(() => !location.hash.includes('after='));
    await page.waitForSelector('.view-table[data-ready="true"]');
    expect((await visibleRows()).map((r) => r.id)).toEqual(page1);
  });

  it('filter with the API’s own where fields; the URL keeps them', async () => {
    await open('#/table/chips', 'table');
    const all = (await visibleRows()).length;
    await page.fill('input[name="vendorCountries"]', 'CN');
    await page.press('input[name="vendorCountries"]', 'Enter');
    await page.waitForFunction(() => location.hash.includes('vendorCountries=CN'));
    await page.waitForSelector('.view-table[data-ready="true"]');
    const cn = await api(
      '{ chips(first: 50, where: { vendorCountries: ["CN"] }) { totalCount nodes { id } } }',
    );
    const rows = await visibleRows();
    expect(rows.map((r) => r.id)).toEqual(cn.chips.nodes.map((n: any) => n.id));
    expect(rows.length).toBeLessThan(all);
    expect(rows.every((r) => r.cells.vendorCountry === 'CN')).toBe(true);

    await open('#/table/orders', 'table');
    await page.selectOption('select[name="minConfidence"]', 'CONFIRMED');
    await page.waitForFunction(() => location.hash.includes('minConfidence=CONFIRMED'));
    await page.waitForSelector('.view-table[data-ready="true"]');
    const orders = await visibleRows();
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((r) => r.cells.confidence === 'CONFIRMED')).toBe(true);
    await shot('12-table-orders-confirmed');
  });

  it('download this view: the CSV and JSON hold exactly the rows on screen for the same filters', async () => {
    await open('#/table/chips?vendorCountries=CN&orderBy=MEMORY_GB:DESC&first=100', 'table');
    const shown = await visibleRows();
    expect(shown.length).toBeGreaterThan(5);
    const csv = parseCsv((await download('a[data-download="csv"]')).toString('utf8'));
    expect(new Set(csv.map((r) => r.id))).toEqual(new Set(shown.map((r) => r.id)));
    for (const r of shown) {
      const row = csv.find((c) => c.id === r.id)!;
      expect(row.memory_gb, r.id).toBe(r.cells.memoryGb);
      expect(row.vendor_country).toBe('CN');
    }
    const jsonHref = await page.getAttribute('a[data-download="json"]', 'href');
    expect(jsonHref).toBe('/export/chips.json?vendorCountries=CN');
    const json = exportRows(await (await fetch(`${base}${jsonHref}`)).json());
    expect(json.map((r) => r.id).sort()).toEqual(shown.map((r) => r.id).sort());

    await open('#/table/orders?buyerIds=bytedance', 'table');
    const orders = await visibleRows();
    const ordersJson = exportRows(
      await (await fetch(`${base}${await page.getAttribute('a[data-download="json"]', 'href')}`)).json(),
    );
    expect(ordersJson.map((r) => r.id)).toEqual(orders.map((r) => r.id));
    expect(ordersJson.map((r) => r.units ?? '')).toEqual(
      orders.map((r) => (r.cells.units ? Number(r.cells.units) : '')),
    );

    // Companies download from their /export route with the same filter.
    await open('#/table/companies?countryCodes=CN', 'table');
    const companies = await visibleRows();
    expect(await page.getAttribute('a[data-download="csv"]', 'href')).toBe(
      '/export/companies.csv?countryCodes=CN',
    );
    const exported = parseCsv((await download('a[data-download="csv"]')).toString('utf8'));
    expect(new Set(exported.map((r) => r.id))).toEqual(new Set(companies.map((r) => r.id)));
    for (const r of companies) expect(exported.find((c) => c.id === r.id)!.country).toBe(r.cells.country);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });
});

describe('the charts', () => {
  it('draw all four from the API, honour asOf and minConfidence, and download as PNG, SVG and CSV', async () => {
    await open('#/charts', 'charts');
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length === 4, undefined, {
      timeout: 30_000,
    });
    for (const id of ['accelerators', 'models-by-chip-country', 'orders-by-country', 'exposure']) {
      const paths = await page.locator(`.chart[data-chart="${id}"] svg path`).count();
      expect(paths, id).toBeGreaterThan(5);
      expect(Number(await page.getAttribute(`.chart[data-chart="${id}"]`, 'data-rows'))).toBeGreaterThan(0);
    }
    expect(await page.locator('.chart-panel .error').count()).toBe(0);
    await shot('13-charts');

    // The exposure chart's data is the API's exposure report, counted per developer.
    await open('#/charts/exposure?vendorId=nvidia&minConfidence=REPORTED&asOf=2026-04-01', 'charts');
    const panel = '[data-chart-panel="exposure"]';
    await page.click(`${panel} button[data-action="table"]`);
    const table = await page.$$eval(`${panel} .chart-table tbody tr`, (trs) =>
      trs.map((tr) => ({
        developer: tr.querySelector('[data-col="developer_id"]')!.textContent,
        models: Number(tr.querySelector('[data-col="models"]')!.textContent),
      })),
    );
    const { exposure } = await api(
      `{ exposure(target: { vendorId: "nvidia" }, asOf: "2026-04-01", minConfidence: REPORTED) {
          models { model { developer { id } } } } }`,
    );
    const expected = new Map<string, number>();
    for (const m of exposure.models) {
      const id = m.model.developer?.id ?? '';
      expected.set(id, (expected.get(id) ?? 0) + 1);
    }
    expect(new Map(table.map((r) => [r.developer ?? '', r.models]))).toEqual(expected);
    const { exposure: now } = await api(
      '{ exposure(target: { vendorId: "nvidia" }) { models { model { id } } } }',
    );
    expect(table.reduce((s, r) => s + r.models, 0)).toBeLessThan(now.models.length); // asOf and confidence apply
    await shot('14-chart-exposure');

    const csv = parseCsv((await download(`${panel} button[data-download="csv"]`)).toString('utf8'));
    expect(csv.map((r) => [r.developer_id, Number(r.models)])).toEqual(
      table.map((r) => [r.developer, r.models]),
    );
    const svg = (await download(`${panel} button[data-download="svg"]`)).toString('utf8');
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const png = await download(`${panel} button[data-download="png"]`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    // The models-per-quarter chart counts what the API's hardware dependencies say, as of a date.
    await open('#/charts/models-by-chip-country?asOf=2025-01-01&minConfidence=CONFIRMED', 'charts');
    await page.click('[data-chart-panel="models-by-chip-country"] button[data-action="table"]');
    const quarters = await page.$$eval(
      '[data-chart-panel="models-by-chip-country"] .chart-table tbody tr',
      (trs) => trs.map((tr) => tr.querySelector('[data-col="quarter"]')!.textContent),
    );
    expect(quarters.length).toBeGreaterThan(0);
    expect(quarters.every((q) => q < '2025-Q2')).toBe(true);

    // Every chart's data stops at asOf.
    await open('#/charts?asOf=2024-06-30&minConfidence=REPORTED', 'charts');
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length === 4);
    const column = (chart: string, col: string) =>
      page.$$eval(`[data-chart-panel="${chart}"] .chart-table td[data-col="${col}"]`, (tds) =>
        tds.map((td) => td.textContent ?? ''),
      );
    const chipDates = await column('accelerators', 'date');
    expect(chipDates.length).toBeGreaterThan(10);
    expect(chipDates.every((d) => d <= '2024-06-30')).toBe(true);
    const years = await column('orders-by-country', 'year');
    expect(years.length).toBeGreaterThan(0);
    expect(years.every((y) => y <= '2024')).toBe(true);
    expect((await column('models-by-chip-country', 'quarter')).every((q) => q <= '2024-Q2')).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });
});
