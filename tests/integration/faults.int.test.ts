// Faults with a real Neo4j of our own that is stopped and started again during the test (same folder, same port):
// readiness follows it, queries fail fast with SERVICE_UNAVAILABLE while it is down, and the same server instance
// recovers by itself when it is back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDriver, Executor } from '../../src/db/executor.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { applyConstraints } from '../../src/db/migrations.js';
import { runSeed } from '../../src/db/seed/run.js';
import { FIXTURES, gql, testServer } from '../helpers/db.js';

const home = loadConfig().neo4j.local.home;
const instanceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-faults-'));
let port = 0;
let db: LocalNeo4j | undefined;
let driver: ReturnType<typeof createDriver>;
let yoga: ReturnType<typeof testServer>;

const start = async () => {
  db = await startLocalNeo4j({ home, instanceDir, boltPort: port, heap: '512m', pageCache: '64m' });
};

beforeAll(async () => {
  port = await freePort();
  await start();
  driver = createDriver({ uri: db!.uri, user: 'neo4j', password: '' });
  const executor = new Executor(driver, 'neo4j', 5_000);
  await applyConstraints(executor);
  await runSeed(executor, [path.join(FIXTURES, 'seed-min')]);
  yoga = testServer(executor);
}, 240_000);

afterAll(async () => {
  await driver?.close();
  await db?.stop();
  fs.rmSync(instanceDir, { recursive: true, force: true });
}, 120_000);

const CHIP = '{ chip(id: "nvidia-h100") { id vendor { id } } }';

async function readyz() {
  const res = await yoga.fetch('http://test/readyz');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Seconds a call took, for the "within seconds" bounds (generous: they guard against hangs, not for speed). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; s: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, s: (performance.now() - t0) / 1000 };
}

describe('Neo4j stopped and started under a running server', () => {
  it('answers while the database is up', async () => {
    expect((await readyz()).status).toBe(200);
    const res = await gql(yoga, CHIP);
    expect(res.data).toEqual({ chip: { id: 'nvidia-h100', vendor: { id: 'nvidia' } } });
  });

  it('when the database stops: /readyz 503 within seconds, queries SERVICE_UNAVAILABLE, liveness unaffected', async () => {
    await db!.stop();

    const ready = await timed(readyz);
    expect(ready.value.status).toBe(503);
    expect(ready.value.body).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/^neo4j: /),
    });
    expect(ready.s).toBeLessThan(10);

    const query = await timed(() => gql(yoga, CHIP));
    expect(query.value.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(query.value.data).toEqual({ chip: null });
    expect(query.s).toBeLessThan(15);

    // Several at once fail alike (no pile-up, no masked error).
    const many = await Promise.all(Array.from({ length: 5 }, () => gql(yoga, CHIP)));
    for (const res of many)
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    expect((await yoga.fetch('http://test/healthz')).status).toBe(200);
  }, 120_000);

  it('when the database is back: the same server recovers by itself', async () => {
    await start();
    await expect.poll(async () => (await readyz()).status, { timeout: 60_000, interval: 500 }).toBe(200);
    // The data written before the restart is still there, read through the same driver and pool.
    const res = await gql(yoga, CHIP);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ chip: { id: 'nvidia-h100', vendor: { id: 'nvidia' } } });
  }, 240_000);
});
