// Two API instances (two Yoga servers, each with its own Redis connection) and one real Redis: a client gets one
// budget across both, not one per instance. With Redis gone, each falls back to its local buckets and says so in
// /readyz, the log and the metrics; with Redis back, the budget is shared again.
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SharedRateLimiter } from '../../src/request/shared-rate-limit.js';
import { Metrics } from '../../src/observability/metrics.js';
import { createServer } from '../../src/server.js';
import { FIXTURES, testDriver, testExecutor } from '../helpers/db.js';
import { resetGraph } from '../helpers/curation.js';
import { TestRedis } from '../helpers/redis.js';

const POINTS = 6;
const redis = new TestRedis();
const driver = testDriver();
const executor = testExecutor(driver);
const logLines: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  }),
);
let limiters: SharedRateLimiter[] = [];
let metrics: Metrics;
let a: ReturnType<typeof createServer>;
let b: ReturnType<typeof createServer>;

function instance(limiter: SharedRateLimiter, m?: Metrics) {
  return createServer({ executor, logger, http: { rateLimiter: limiter }, ...(m ? { metrics: m } : {}) });
}

beforeAll(async () => {
  await redis.start();
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
  // A key prefix of this run's own: budgets left by another run never count here.
  const keyPrefix = `test:${process.pid}:${Date.now()}`;
  limiters = [0, 1].map(
    () => new SharedRateLimiter({ points: POINTS, windowMs: 60_000, redisUrl: redis.url, logger, keyPrefix }),
  );
  metrics = new Metrics({ defaults: false });
  a = instance(limiters[0]!, metrics);
  b = instance(limiters[1]!);
  await waitFor(() => limiters.every((l) => l.status().store === 'redis'));
});
afterAll(async () => {
  await Promise.all(limiters.map((l) => l.close()));
  await redis.stop();
  await driver.close();
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  await vi.waitFor(async () => expect(await check(), 'condition not met in time').toBe(true), {
    timeout: ms,
    interval: 100,
  });
}

// Costs 1 point (one object): every request spends exactly one point from the client's budget.
const ask = async (server: typeof a) => {
  const res = await server.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ chip(id: "nvidia-h100") { id } }' }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
};
const readyz = async (server: typeof a) => await (await server.fetch('http://test/readyz')).json();

describe('a rate limit shared through Redis', () => {
  it('gives one client one budget across two instances', async () => {
    const statuses: number[] = [];
    // Alternate instances: with per-instance budgets all ten would pass.
    for (let i = 0; i < 10; i++) statuses.push((await ask(i % 2 ? b : a)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(POINTS);
    expect(statuses.slice(POINTS)).toEqual([429, 429, 429, 429]);
    const refused = await ask(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(await readyz(a)).toEqual({ status: 'ready', rateLimit: { store: 'redis' } });
    const text = await metrics.text();
    expect(text).toMatch(/chipgraph_rate_limit_refusals_total\{client="ip",store="redis"\} [1-9]/);
    expect(text).toMatch(/chipgraph_rate_limit_local_fallback 0/);
  });

  it('falls back to local budgets when Redis is unreachable, says so, and shares again when it is back', async () => {
    await redis.stop();
    await waitFor(async () => (await readyz(a)).rateLimit.store === 'local');
    const ready = await readyz(a);
    // Still serving (the database answers): the fallback is a detail, not a reason to leave the load balancer.
    expect(ready).toMatchObject({
      status: 'ready',
      rateLimit: { store: 'local', fallback: expect.any(String) },
    });
    expect(await metrics.text()).toMatch(/chipgraph_rate_limit_local_fallback 1/);
    const warned = logLines.filter((l) => l.level === 40 && l.rateLimit === 'local');
    expect(warned.length).toBeGreaterThanOrEqual(1);
    expect(String(warned[0]!.msg)).toMatch(/Redis unreachable/);

    // Never open: each instance now counts the client's budget in its own memory.
    const statuses: number[] = [];
    for (let i = 0; i < POINTS + 2; i++) statuses.push((await ask(a)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(POINTS);
    expect(statuses.at(-1)).toBe(429);

    await redis.start();
    await waitFor(async () => (await readyz(a)).rateLimit.store === 'redis');
    expect(await readyz(b)).toEqual({ status: 'ready', rateLimit: { store: 'redis' } });
    expect(logLines.some((l) => l.rateLimit === 'redis')).toBe(true);
  });
});
