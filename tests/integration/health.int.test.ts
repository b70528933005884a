// /healthz and /readyz: readiness follows the database, through a proxy that can cut the path to Neo4j.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDriver, Executor } from '../../src/db/executor.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { testServer } from '../helpers/db.js';

const { uri, user, password } = inject('neo4j');
const target = new URL(uri.replace(/^[a-z+]+:/, 'http:'));
const proxy = new TcpProxy(target.hostname, Number(target.port || 7687));
let driver: ReturnType<typeof createDriver>;
let yoga: ReturnType<typeof testServer>;

beforeAll(async () => {
  await proxy.start();
  driver = createDriver({ uri: `bolt://127.0.0.1:${proxy.port}`, user, password });
  yoga = testServer(new Executor(driver, 'neo4j', 5_000));
});
afterAll(async () => {
  await driver.close();
  await proxy.cut();
});

async function get(path: string) {
  const res = await yoga.fetch(`http://test${path}`);
  return { status: res.status, body: await res.text() };
}

describe('health endpoints', () => {
  it('/healthz answers 200 while the process lives', async () => {
    expect((await get('/healthz')).status).toBe(200);
  });

  it('/readyz is 200 with Neo4j, 503 with a JSON reason without it, and 200 again when it returns', async () => {
    // Polled: on a cold Neo4j under a loaded machine the first 2 s ping can miss (that is a true 503, not a bug).
    let ready = { status: 0, body: '' };
    await expect
      .poll(async () => (ready = await get('/readyz')).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' });

    await proxy.cut();
    const started = Date.now();
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/^neo4j: /),
    });
    expect(Date.now() - started).toBeLessThan(6_000);
    // Liveness does not depend on the database.
    expect((await get('/healthz')).status).toBe(200);

    await proxy.restore();
    await expect
      .poll(async () => (await get('/readyz')).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
  });
});
