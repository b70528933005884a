// Format 2 on a real Neo4j (tests/fixtures/seed-format2 over seed-min; suspensions are in suspensions.int.test.ts):
// order kinds (chip model, vendor-level, seller, joint), deployments apart from orders, units, the dataset node.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSERT_FACT, createKey, gqlAs } from '../helpers/curation.js';
import { FIXTURES, gql, seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const DIRS = [path.join(FIXTURES, 'seed-min'), path.join(FIXTURES, 'seed-format2')];
const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);

beforeAll(async () => {
  await seedWith(executor, DIRS);
});
afterAll(async () => {
  // Leave the shipped seed behind for the next file.
  await seedWith(executor);
  await driver.close();
});

const RULE = 'test-suspended-rule';

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(yoga, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

async function get(url: string) {
  const res = await yoga.fetch(`http://test${url}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('orders and deployments', () => {
  it('a buyer sees its chip orders and its vendor-level orders, with seller, vendor, family and joint key', async () => {
    const d = await ok(`{ company(id: "bytedance") { orders {
      id chip { id } vendor { id } seller { id } chipFamily jointOrder units qualifier date } } }`);
    expect(d.company.orders).toEqual([
      {
        id: 'ORDERED|bytedance|huawei|2025-ascend',
        chip: null,
        vendor: { id: 'huawei' },
        seller: null,
        chipFamily: 'Ascend',
        jointOrder: 'cn-2025-ascend',
        units: 5000,
        qualifier: 'about',
        date: '2025-06',
      },
      {
        id: 'ORDERED|bytedance|nvidia-h800|2024',
        chip: { id: 'nvidia-h800' },
        vendor: { id: 'nvidia' },
        seller: { id: 'test-reseller' },
        chipFamily: null,
        jointOrder: null,
        units: 1000,
        qualifier: null,
        date: '2024-03',
      },
    ]);
  });

  it('orders for a vendor include the orders that name only the vendor; chip-only filters leave them out', async () => {
    const ids = async (where: Record<string, unknown>) => {
      const d = await ok('query($w: OrderWhere) { orders(where: $w) { totalCount nodes { id } } }', {
        w: where,
      });
      expect(d.orders.totalCount).toBe(d.orders.nodes.length);
      return d.orders.nodes.map((n: any) => n.id);
    };
    const joint = ['ORDERED|bytedance|huawei|2025-ascend', 'ORDERED|tencent|huawei|2025-ascend'];
    expect(await ids({ chip: { vendorIds: ['huawei'] } })).toEqual(joint);
    expect(await ids({ chip: { vendorCountries: ['CN'] } })).toEqual(joint);
    expect(await ids({ chip: { family: 'ascend' } })).toEqual(joint);
    expect(await ids({ chip: { ids: ['nvidia-h800'] } })).toEqual(['ORDERED|bytedance|nvidia-h800|2024']);
    expect(await ids({ chip: { vendorIds: ['nvidia'] } })).toEqual(['ORDERED|bytedance|nvidia-h800|2024']);
    expect(await ids({ buyerIds: ['tencent'] })).toEqual(['ORDERED|tencent|huawei|2025-ascend']);
    // Newest first across chip and vendor-level orders; a deployment is not an order.
    expect(await ids({})).toEqual([...joint, 'ORDERED|bytedance|nvidia-h800|2024']);
    expect(await ids({ buyerIds: ['huawei'] })).toEqual([]);
  });

  it('the orders question is one round trip, sources included', async () => {
    const before = executor.queryCount;
    await ok('{ orders(first: 10) { totalCount nodes { buyer { id } chip { id } sources { url } } } }');
    expect(executor.queryCount - before).toBe(1);
  });

  it('deployments are served on the company and the chip, and counted apart from orders', async () => {
    const d = await ok(`{
      company(id: "huawei") { orders { id } deployments { id chip { id } units qualifier date status cluster confidence sources { id } } }
      chip(id: "huawei-ascend-910b") { orders { id } deployments { company { id } units } }
      stats { relationships { type count } } }`);
    expect(d.company.orders).toEqual([]);
    expect(d.company.deployments).toEqual([
      {
        id: 'DEPLOYS|huawei|huawei-ascend-910b',
        chip: { id: 'huawei-ascend-910b' },
        units: 8000,
        qualifier: 'at-least',
        date: '2025-01',
        status: 'deployed',
        cluster: 'Test cluster',
        confidence: 'REPORTED',
        sources: [{ id: 'reuters-2025-06-15-test-orders' }],
      },
    ]);
    expect(d.chip).toEqual({ orders: [], deployments: [{ company: { id: 'huawei' }, units: 8000 }] });
    const count = (t: string) => d.stats.relationships.find((r: any) => r.type === t)?.count;
    expect(count('ORDERED')).toBe(3);
    expect(count('DEPLOYS')).toBe(1);
  });

  it('the timeline tells suspensions and when a measure applies again', async () => {
    const d = await ok(`{ timeline(entityId: "${RULE}") { date kind title } }`);
    const events = d.timeline.filter((e: any) => e.kind.startsWith('control-'));
    expect(events).toEqual([
      { date: '2024-01-10', kind: 'control-announced', title: 'Test suspended rule announced' },
      { date: '2024-02-01', kind: 'control-effective', title: 'Test suspended rule takes effect' },
      { date: '2025-01-01', kind: 'control-suspended', title: 'Test suspended rule suspended' },
      { date: '2025-07-01', kind: 'control-resumed', title: 'Test suspended rule applies again' },
      { date: '2026-01-01', kind: 'control-suspended', title: 'Test suspended rule suspended' },
    ]);
  });

  it('the timeline tells deployments and vendor-level orders', async () => {
    const d = await ok('{ timeline(entityId: "huawei") { date kind title } }');
    expect(d.timeline).toEqual(
      expect.arrayContaining([
        { date: '2025-01', kind: 'deployment', title: 'Huawei deployed 8000 Ascend 910B' },
        { date: '2025-06', kind: 'order', title: 'ByteDance ordered 5000 Huawei Ascend chips' },
        { date: '2025-06', kind: 'order', title: 'Tencent ordered Huawei Ascend chips' },
      ]),
    );
  });
});

describe('units, notes and sources', () => {
  it('chips carry GB/s, SRAM and link bandwidth; the TB/s field is derived; sorting by bandwidth works', async () => {
    const d =
      await ok(`{ chip(id: "nvidia-h100") { memoryBandwidthGbs memoryBandwidthTbs sramMb sramBandwidthGbs interconnect interconnectGbs }
      chips(orderBy: [{ field: MEMORY_BANDWIDTH_GBS, direction: DESC }, { field: NAME }]) { nodes { id } } }`);
    expect(d.chip).toEqual({
      memoryBandwidthGbs: 3350,
      memoryBandwidthTbs: 3.35,
      sramMb: 50,
      sramBandwidthGbs: null,
      interconnect: 'NVLink 4',
      interconnectGbs: 900,
    });
    expect(d.chips.nodes.map((n: any) => n.id)).toEqual(['nvidia-h100', 'nvidia-h800', 'huawei-ascend-910b']);
  });

  it('models carry a hardware note; sources their publisher entity and undated flag', async () => {
    const d = await ok(`{ model(id: "test-quiet-model") { hardwareNote }
      chip(id: "nvidia-h100") { sources { id undated publisherEntity { id kind } } } }`);
    expect(d.model.hardwareNote).toBe('no public source names the chips');
    expect(d.chip.sources).toEqual([
      { id: 'nvidia-h100-datasheet', undated: true, publisherEntity: { id: 'nvidia', kind: 'COMPANY' } },
    ]);
  });
});

/** The fixture's dataset record and the latest `published` of its sources, read from the files. */
function fixtureDataset() {
  const dataset = JSON.parse(fs.readFileSync(path.join(DIRS[0]!, 'dataset.json'), 'utf8'));
  const published = DIRS.flatMap((dir) => {
    const folder = path.join(dir, 'sources');
    return fs
      .readdirSync(folder)
      .flatMap(
        (f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as { published: string | null }[],
      )
      .map((s) => s.published)
      .filter((p): p is string => p !== null);
  });
  return { ...dataset, recordEnds: published.sort().at(-1) };
}

describe('the dataset', () => {
  it('stats.dataset names the version, licence, the end of the record and the load time', async () => {
    const want = fixtureDataset();
    const d = await ok('{ stats { dataset { version title license licenseUrl recordEnds loadedAt } } }');
    expect(d.stats.dataset).toMatchObject({
      version: want.version,
      title: want.title,
      license: want.license,
      licenseUrl: want.licenseUrl ?? null,
      recordEnds: want.recordEnds,
    });
    expect(Date.parse(d.stats.dataset.loadedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('every export names the version in its file name and header; JSON answers an envelope', async () => {
    const { version, recordEnds } = fixtureDataset();
    const csv = await get('/export/orders.csv?vendorIds=huawei');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-orders-${version}.csv"`,
    );
    expect(csv.headers.get('x-chipgraph-dataset-version')).toBe(version);
    const [header, ...lines] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = header!.split(',');
    expect(columns).toEqual(expect.arrayContaining(['seller_id', 'vendor_id', 'joint_order', 'chip_family']));
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])));
    expect(rows.map((r) => [r.buyer_id, r.chip_id, r.vendor_id, r.chip_family, r.joint_order])).toEqual([
      ['bytedance', '', 'huawei', 'Ascend', 'cn-2025-ascend'],
      ['tencent', '', 'huawei', 'Ascend', 'cn-2025-ascend'],
    ]);

    const json = await get('/export/orders.json?ids=nvidia-h800');
    expect(json.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-orders-${version}.json"`,
    );
    const body = JSON.parse(json.text);
    expect(body.dataset).toMatchObject({ version, recordEnds, license: 'CC-BY-4.0' });
    expect(body.rows).toEqual([
      expect.objectContaining({
        buyer_id: 'bytedance',
        chip_id: 'nvidia-h800',
        vendor_id: 'nvidia',
        seller_id: 'test-reseller',
      }),
    ]);

    const graphml = await get('/export/graph.graphml?id=huawei');
    expect(graphml.headers.get('content-disposition')).toBe(
      `attachment; filename="chipgraph-huawei-${version}.graphml"`,
    );
  });

  it('the export-controls export applies suspensions and says where each measure stands', async () => {
    const rows = async (asOf: string) =>
      JSON.parse((await get(`/export/export-controls.json?inForceAsOf=${asOf}`)).text).rows as any[];
    expect((await rows('2025-03-01')).map((r) => r.id)).not.toContain(RULE);
    const [rule] = (await rows('2025-08-01')).filter((r) => r.id === RULE);
    expect(rule).toMatchObject({
      in_force: true,
      status: 'IN_FORCE',
      suspensions: ['2025-01-01/2025-07-01', '2026-01-01/'],
    });
    const chips = JSON.parse((await get('/export/chips.json?ids=nvidia-h100')).text).rows as any[];
    expect(chips[0]).toMatchObject({ memory_bandwidth_gbs: 3350, sram_mb: 50, interconnect_gbs: 900 });
  });
});

describe('curation writes the same model', () => {
  it('a control created with suspensions is stored for the in-force rule; DEPLOYS and vendor-level orders are facts', async () => {
    const editor = await createKey(executor, 'editor');
    const created = await gqlAs(
      yoga,
      editor,
      `mutation($input: CreateEntityInput!) { createEntity(input: $input) { errors { field message } } }`,
      {
        input: {
          kind: 'EXPORT_CONTROL',
          id: 'test-curated-rule',
          name: 'Test curated rule',
          sources: ['reuters-2024-01-10-test-rule'],
          attributes: {
            announced: '2024-03-01',
            suspensions: [{ from: '2024-05-01', until: null, sources: ['reuters-2024-01-10-test-rule'] }],
          },
          reason: 'test',
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createEntity.errors).toEqual([]);
    const d =
      await ok(`{ exportControl(id: "test-curated-rule") { status(asOf: "2024-04-01") later: status(asOf: "2024-06-01") suspensions { from until } }
      listed: exportControls(where: { inForceAsOf: "2024-06-01" }) { nodes { id } } }`);
    expect(d.exportControl).toEqual({
      status: 'IN_FORCE',
      later: 'SUSPENDED',
      suspensions: [{ from: '2024-05-01', until: null }],
    });
    expect(d.listed.nodes.map((n: any) => n.id)).not.toContain('test-curated-rule');

    for (const input of [
      { type: 'DEPLOYS', from: 'tencent', to: 'nvidia-h100', properties: { units: 100, status: 'deployed' } },
      {
        type: 'ORDERED',
        from: 'tencent',
        to: 'nvidia',
        key: 'curated',
        properties: { chipFamily: 'Hopper', seller: 'test-reseller' },
      },
    ]) {
      const res = await gqlAs(yoga, editor, ASSERT_FACT, {
        input: {
          ...input,
          confidence: 'REPORTED',
          sources: ['reuters-2025-06-15-test-orders'],
          reason: 'test',
        },
      });
      expect(res.data!.assertFact.errors).toEqual([]);
    }
    const t = await ok(`{ company(id: "tencent") { deployments { chip { id } units }
      orders { id chip { id } vendor { id } seller { id } chipFamily } } }`);
    expect(t.company.deployments).toEqual([{ chip: { id: 'nvidia-h100' }, units: 100 }]);
    expect(t.company.orders).toContainEqual({
      id: 'ORDERED|tencent|nvidia|curated',
      chip: null,
      vendor: { id: 'nvidia' },
      seller: { id: 'test-reseller' },
      chipFamily: 'Hopper',
    });
    // Leave the fixture as the other tests expect it.
    await seedWith(executor, DIRS);
  });
});
