// The explorer's files as served by Yoga (no browser): the page, its bundle, caching, and nothing outside the folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../src/cli/build-web.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { testDriver, testExecutor } from '../helpers/db.js';

let driver: Driver;
let publicDir: string;
let yoga: ReturnType<typeof createServer>;

beforeAll(async () => {
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-static-'));
  await buildWeb(publicDir);
  driver = testDriver();
  yoga = createServer({ executor: testExecutor(driver), logger: createLogger('silent'), publicDir });
});

afterAll(async () => {
  await driver.close();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => yoga.fetch(`http://test${p}`, { headers });

describe('serving the explorer', () => {
  it('answers the page at / and at the embed paths', async () => {
    for (const p of ['/', '/embed/entity/huawei-ascend-910c']) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<script defer src="/explorer.js"></script>');
      // No CDN: every script and stylesheet comes from this server.
      expect(html).not.toMatch(/(src|href)="https?:/);
    }
  });

  it('serves the bundle with Cytoscape in it, and revalidates with an ETag', async () => {
    const res = await get('/explorer.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const js = await res.text();
    expect(js.length).toBeGreaterThan(100_000);
    expect(js).toContain('cytoscape');
    const again = await get('/explorer.js', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect((await get('/explorer.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves nothing outside the built folder', async () => {
    for (const p of [
      '/package.json',
      '/../package.json',
      '/%2e%2e/package.json',
      '/.env',
      '/src/web/main.ts',
    ]) {
      expect((await get(p)).status, p).toBe(404);
    }
  });

  it('leaves /graphql to GraphQL', async () => {
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
