// CSV / JSON / GraphML exports: rows, headers, filters, RFC 4180 escaping (commas, quotes, newlines, 昇腾), 400s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/executor.js';
import { seedWith, SHIPPED_SEED, testDriver, testExecutor, testServer } from '../helpers/db.js';

let driver: Driver;
let executor: Executor;
let yoga: ReturnType<typeof testServer>;
let extraSeed: string;

// Awkward but valid data, added to the shipped seed: every character a CSV writer can get wrong.
const TRICKY_NAME = 'Test 昇腾 X, "Special" edition';
const TRICKY_NOTE = 'first line, with a comma\nsecond line with "quotes"';
const FORMULA_ALIAS = '=HYPERLINK("http://evil.example")';

function writeJson(dir: string, file: string, records: unknown[]) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), JSON.stringify(records, null, 2));
}

beforeAll(async () => {
  extraSeed = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-export-seed-'));
  const src = ['test-2025-01-01-tricky'];
  writeJson(extraSeed, 'sources/test.json', [
    {
      id: 'test-2025-01-01-tricky',
      publisher: 'Test, Publisher',
      title: 'A title with "quotes", commas\nand a newline',
      url: 'https://example.org/report?a=1&b=2',
      published: '2025-01-01',
      kind: 'official',
      publisherId: 'test-vendor',
    },
  ]);
  writeJson(extraSeed, 'companies/test.json', [
    {
      id: 'test-vendor',
      name: 'Test "Vendor", Inc.',
      roles: ['chip-designer'],
      domains: ['example.org'],
      sources: src,
    },
    // A designer does not order its own chips (Format 2): the buyer is another company.
    { id: 'test-buyer', name: 'Test Buyer', roles: ['buyer'], sources: src },
  ]);
  writeJson(extraSeed, 'chips/test.json', [
    {
      id: 'test-ascend-x',
      name: TRICKY_NAME,
      aliases: ['昇腾X', FORMULA_ALIAS],
      family: FORMULA_ALIAS,
      description: 'line one\r\nline two',
      released: '2025-02',
      memoryGb: 96,
      sources: src,
    },
  ]);
  writeJson(extraSeed, 'models/test.json', [
    { id: 'test-model', name: 'Test Model', released: '2025-03', sources: src },
  ]);
  writeJson(extraSeed, 'relationships/test.json', [
    { type: 'HEADQUARTERED_IN', from: 'test-vendor', to: 'cn', confidence: 'confirmed', sources: src },
    { type: 'DESIGNS', from: 'test-vendor', to: 'test-ascend-x', confidence: 'confirmed', sources: src },
    { type: 'DEVELOPS', from: 'test-vendor', to: 'test-model', confidence: 'confirmed', sources: src },
    {
      type: 'TRAINED_ON',
      from: 'test-model',
      to: 'test-ascend-x',
      confidence: 'reported',
      sources: src,
      chipCount: 8,
      note: TRICKY_NOTE,
    },
    {
      type: 'ORDERED',
      from: 'test-buyer',
      to: 'test-ascend-x',
      confidence: 'rumored',
      sources: src,
      units: 1000,
      date: '2025-04-01',
      status: 'ordered',
      note: TRICKY_NOTE,
    },
  ]);
  driver = testDriver();
  executor = testExecutor(driver);
  await seedWith(executor, [SHIPPED_SEED, extraSeed]);
  yoga = testServer(executor);
});

afterAll(async () => {
  // Leave the shipped seed behind for the next file.
  await seedWith(executor);
  await driver.close();
  fs.rmSync(extraSeed, { recursive: true, force: true });
});

async function get(url: string) {
  const res = await yoga.fetch(`http://test${url}`);
  // Response.text() would drop the byte-order mark we want to see.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text };
}

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length)
    throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

function table(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  for (const r of rows) expect(r).toHaveLength(header!.length);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe('CSV exports', () => {
  it('hardware dependencies: header, one row per fact, source URLs, filters as in the API', async () => {
    const res = await get('/export/hardware-dependencies.csv?vendorIds=huawei&minConfidence=REPORTED');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    // The download names the dataset version (a header too: a CSV file has no place for it that readers skip).
    const version = JSON.parse(fs.readFileSync(path.join(SHIPPED_SEED, 'dataset.json'), 'utf8')).version;
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-hardware-dependencies-${version}.csv"`,
    );
    expect(res.headers.get('x-chipgraph-dataset-version')).toBe(version);
    const rows = table(res.text);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['model_id', 'chip_id', 'vendor_id', 'role', 'confidence', 'source_urls']),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.vendor_id).toBe('huawei');
      expect(['CONFIRMED', 'REPORTED']).toContain(r.confidence);
      expect(r.source_urls).toMatch(/^https?:\/\//);
    }
    expect(rows.map((r) => `${r.model_id}>${r.chip_id}`)).toContain('deepseek-v4-pro>huawei-ascend-910c');

    // The same filter through GraphQL gives the same facts.
    const api = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ hardwareDependencies(where: { vendorIds: ["huawei"], minConfidence: REPORTED }, first: 100) {
          totalCount nodes { id } } }`,
      }),
    });
    const body = await api.json();
    expect(rows.map((r) => r.id).sort()).toEqual(
      body.data.hardwareDependencies.nodes.map((n: any) => n.id).sort(),
    );
  });

  it('escapes commas, quotes, newlines and keeps Chinese names intact', async () => {
    const res = await get('/export/chips.csv?ids=test-ascend-x');
    const raw = res.text;
    expect(raw).toContain('"Test 昇腾 X, ""Special"" edition"');
    expect(raw).toContain(',"line one\r\nline two",');
    const [row] = table(raw);
    expect(row!.name).toBe(TRICKY_NAME);
    expect(row!.description).toBe('line one\r\nline two');
    expect(row!.vendor_name).toBe('Test "Vendor", Inc.');
    expect(row!.vendor_country).toBe('CN');
    expect(row!.memory_gb).toBe('96');
    expect(row!.released).toBe('2025-02');
    // A cell that would run as a spreadsheet formula is turned into text; inside a cell it is harmless.
    expect(row!.family).toBe(`'${FORMULA_ALIAS}`);
    expect(row!.aliases).toBe(`昇腾X | ${FORMULA_ALIAS}`);
    expect(row!.source_titles).toBe('A title with "quotes", commas\nand a newline');
    expect(row!.source_urls).toBe('https://example.org/report?a=1&b=2');

    const deps = table((await get('/export/hardware-dependencies.csv?chipIds=test-ascend-x')).text);
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatchObject({
      model_id: 'test-model',
      role: 'TRAINING',
      chip_count: '8',
      note: TRICKY_NOTE,
    });
  });

  it('chips carry their specs; models and export controls their attributes', async () => {
    const chips = table((await get('/export/chips.csv?vendorIds=nvidia')).text);
    const h100 = chips.find((c) => c.id === 'nvidia-h100');
    expect(h100).toMatchObject({ vendor_id: 'nvidia', vendor_country: 'US' });
    expect(Number(h100!.bf16_dense_tflops)).toBeGreaterThan(500);
    expect(Number(h100!.memory_gb)).toBe(80);
    expect(chips.every((c) => c.vendor_id === 'nvidia')).toBe(true);

    const models = table((await get('/export/models.csv?developerIds=deepseek')).text);
    const v3 = models.find((m) => m.id === 'deepseek-v3');
    expect(v3).toMatchObject({
      developer_id: 'deepseek',
      developer_country: 'CN',
      parameters: '671000000000',
    });

    const controls = table(
      (await get('/export/export-controls.csv?issuerCountries=US&measureTypes=entity-list')).text,
    );
    expect(controls.length).toBeGreaterThan(0);
    for (const c of controls) expect(c).toMatchObject({ issuer_country: 'US', measure_type: 'ENTITY_LIST' });
    expect(controls.some((c) => c.target_ids!.split(' | ').includes('huawei'))).toBe(true);
  });

  it('orders: newest first, with chip, buyer and confidence filters', async () => {
    const all = table((await get('/export/orders.csv')).text);
    expect(all.length).toBeGreaterThan(20);
    const dated = all.map((o) => o.date).filter(Boolean);
    expect(dated).toEqual([...dated].sort().reverse());
    const mine = table((await get('/export/orders.csv?buyerIds=test-buyer')).text);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      chip_name: TRICKY_NAME,
      vendor_id: 'test-vendor',
      units: '1000',
      note: TRICKY_NOTE,
      confidence: 'RUMORED',
    });
    const reported = table((await get('/export/orders.csv?buyerIds=test-buyer&minConfidence=reported')).text);
    expect(reported).toHaveLength(0);
  });
});

describe('JSON exports', () => {
  it('answer the same rows as an array of objects in an envelope naming the dataset, lists as arrays', async () => {
    const res = await get('/export/chips.json?ids=test-ascend-x,nvidia-h100');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(res.text) as { dataset: Record<string, unknown>; rows: any[] };
    const version = JSON.parse(fs.readFileSync(path.join(SHIPPED_SEED, 'dataset.json'), 'utf8')).version;
    expect(body.dataset).toMatchObject({ version, license: expect.any(String) });
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-chips-${version}.json"`,
    );
    const rows = body.rows;
    expect(rows.map((r) => r.id).sort()).toEqual(['nvidia-h100', 'test-ascend-x']);
    const x = rows.find((r) => r.id === 'test-ascend-x');
    expect(x.name).toBe(TRICKY_NAME);
    expect(x.aliases).toEqual(['昇腾X', FORMULA_ALIAS]);
    expect(x.family).toBe(FORMULA_ALIAS); // JSON is data, not a spreadsheet: unchanged
    expect(x.memory_gb).toBe(96);
    expect(x.source_urls).toEqual(['https://example.org/report?a=1&b=2']);
  });

  it("companies: one row each, filtered by the API's own CompanyWhere", async () => {
    const all = JSON.parse((await get('/export/companies.json')).text).rows as any[];
    const api = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ companies(first: 1) { totalCount } }' }),
    });
    expect(all).toHaveLength((await api.json()).data.companies.totalCount as number);
    const hisilicon = all.find((r) => r.id === 'hisilicon');
    expect(hisilicon).toMatchObject({ country: 'CN', parent_id: 'huawei' });
    expect(hisilicon.source_urls.length).toBeGreaterThan(0);
    const cn = JSON.parse(
      (await get('/export/companies.json?countryCodes=CN&roles=chip-designer')).text,
    ).rows;
    expect(cn.length).toBeGreaterThan(3);
    for (const r of cn)
      expect(r).toMatchObject({ country: 'CN', roles: expect.arrayContaining(['chip-designer']) });
  });

  it('pages through everything: the export has as many rows as the API counts', async () => {
    const rows = JSON.parse((await get('/export/hardware-dependencies.json')).text).rows as any[];
    const api = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hardwareDependencies(first: 1) { totalCount } }' }),
    });
    const total = (await api.json()).data.hardwareDependencies.totalCount as number;
    expect(total).toBeGreaterThan(20);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
  });
});

describe('bad requests', () => {
  it.each([
    ['/export/hardware-dependencies.csv?minConfidence=SURE', 'minConfidence'],
    ['/export/hardware-dependencies.csv?asOf=2025-13', 'asOf'],
    ['/export/chips.csv?colour=red', 'colour'],
    ['/export/chips.json?minMemoryGb=lots', 'minMemoryGb'],
    ['/export/models.csv?openWeights=maybe', 'openWeights'],
    ['/export/graph.graphml', 'id'],
    ['/export/graph.graphml?id=huawei&depth=9', 'depth'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
    expect(body.error.message).toContain(parameter);
  });

  it('an unknown table is a 404 listing the exports', async () => {
    const res = await get('/export/secrets.csv');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error.message).toContain('/export/chips.csv');
  });
});

describe('GraphML', () => {
  it('exports a neighbourhood with labelled nodes and typed, sourced edges', async () => {
    const res = await get('/export/graph.graphml?id=test-ascend-x&depth=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/graphml/);
    const xml = res.text;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml /);
    expect(xml).toContain(
      '<node id="test-ascend-x"><data key="label">Test 昇腾 X, &quot;Special&quot; edition</data>',
    );
    expect(xml).toContain('<node id="test-vendor"><data key="label">Test &quot;Vendor&quot;, Inc.</data>');
    expect(xml).toMatch(
      /<edge id="DESIGNS\|test-vendor\|test-ascend-x" source="test-vendor" target="test-ascend-x">/,
    );
    expect(xml).toContain('<data key="source_urls">https://example.org/report?a=1&amp;b=2</data>');
    const nodes = xml.match(/<node /g)?.length ?? 0;
    const edges = xml.match(/<edge /g)?.length ?? 0;
    expect(nodes).toBe(4); // the chip, its vendor, the model trained on it, the buyer that ordered it
    expect(edges).toBeGreaterThanOrEqual(3);
  });

  it('an unknown id is a 404 with suggestions', async () => {
    const res = await get('/export/graph.graphml?id=test-ascend-y');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
