// Overload on a real Neo4j: work whose client has gone is stopped in the database, and past the admission queue the
// answer is SERVICE_OVERLOADED (HTTP 503, Retry-After) at once. Writes are made to wait on a lock the test holds
// (the audit sequence every curation write takes first), so "still running" and "refused" are facts, not timings;
// for that, these servers queue mutations as well as queries (the gate is the same, only what enters it differs).
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { ADD_SOURCE, createKey, gqlAs, resetGraph } from '../helpers/curation.js';
import { FIXTURES, testDriver, testExecutor } from '../helpers/db.js';

type Answer = Awaited<ReturnType<typeof gqlAs<Record<string, any>>>>;
const QUEUED = ['query', 'mutation'] as const;

const driver = testDriver();
const executor = testExecutor(driver);
const logger = createLogger('silent');
let key: string;

beforeAll(async () => {
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
  key = await createKey(executor, 'editor', 'overload');
});
afterAll(() => driver.close());

/** Holds the write lock of the audit sequence until released: every curation write waits behind it. */
async function holdWriteLock(d: Driver): Promise<() => Promise<void>> {
  const session = d.session();
  const tx = session.beginTransaction();
  await tx.run("MERGE (s:AuditSequence {name: 'audit'}) SET s.value = coalesce(s.value, 0)");
  return async () => {
    await tx.rollback();
    await session.close();
  };
}

/** Transactions of the API's curation writes that wait for the lock (the holder's own is idle, not listed). */
async function blockedWrites(): Promise<number> {
  const res = await executor.read<{ n: number }>(
    `SHOW TRANSACTIONS YIELD currentQuery, status
     WHERE currentQuery CONTAINS $needle AND status STARTS WITH 'Blocked'
     RETURN count(*) AS n`,
    { needle: 'AuditSequence' },
  );
  return res.records[0]!.get('n');
}

const source = (id: string) => ({
  id,
  publisher: 'Reuters',
  title: `Overload ${id}`,
  url: `https://www.reuters.com/technology/${id}`,
  published: '2026-01-05',
  kind: 'PRESS',
});

async function sourceExists(id: string): Promise<boolean> {
  const res = await executor.read<{ n: number }>('MATCH (s:Source {id: $id}) RETURN count(s) AS n', { id });
  return res.records[0]!.get('n') > 0;
}

describe('a client that goes away', () => {
  it('has its running query stopped in Neo4j (executor view with the request signal)', async () => {
    const controller = new AbortController();
    const view = executor.forRequest(controller.signal);
    const slow = view.read('UNWIND range(1, 2000000000) AS x RETURN count(x) AS n');
    const running = async () => {
      const res = await executor.read<{ n: number }>(
        // The needle is a parameter: this statement's own text must not match it.
        'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $needle RETURN count(*) AS n',
        { needle: 'range(1, 2000000000)' },
      );
      return res.records[0]!.get('n');
    };
    await vi.waitFor(async () => expect(await running()).toBe(1), { timeout: 10_000, interval: 50 });
    controller.abort();
    await expect(slow).rejects.toMatchObject({ extensions: { code: 'REQUEST_CANCELLED' } });
    await vi.waitFor(async () => expect(await running()).toBe(0), { timeout: 10_000, interval: 50 });
    // A view whose request is already gone does not start anything.
    await expect(view.read('RETURN 1')).rejects.toMatchObject({ extensions: { code: 'REQUEST_CANCELLED' } });
  });

  it('over HTTP: closing the connection rolls the write back while it waits, and frees its slot', async () => {
    const yoga = createServer({ executor, logger });
    const http: Server = createHttpServer((req, res) => void yoga.handle(req, res));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
    const release = await holdWriteLock(driver);
    try {
      const controller = new AbortController();
      const sent = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: ADD_SOURCE, variables: { input: source('abandoned-write') } }),
        signal: controller.signal,
      }).catch((err: unknown) => err);
      await vi.waitFor(async () => expect(await blockedWrites()).toBe(1), { timeout: 10_000, interval: 50 });
      controller.abort();
      // Stopped in Neo4j while the lock is still held: the transaction was reset, not left waiting.
      await vi.waitFor(async () => expect(await blockedWrites()).toBe(0), { timeout: 10_000, interval: 50 });
      expect(await sent).toBeInstanceOf(Error);
    } finally {
      await release();
    }
    expect(await sourceExists('abandoned-write')).toBe(false);
    // The server still answers, and writes go through again.
    const ok = await gqlAs(yoga, key, ADD_SOURCE, { input: source('after-abandoned-write') });
    expect(ok.data!.addSource.errors).toEqual([]);
    await new Promise((r) => http.close(r));
  });
});

describe('past the admission queue', () => {
  it('answers SERVICE_OVERLOADED (503, Retry-After) while admitted work still runs; the rest answer correctly', async () => {
    const yoga = createServer({
      executor,
      logger,
      http: { admission: { maxConcurrent: 2, maxQueued: 2, maxWaitMs: 60_000, operations: QUEUED } },
    });
    const release = await holdWriteLock(driver);
    const ids = Array.from({ length: 10 }, (_, i) => `overload-${i}`);
    const settled: { id: string; res: Answer }[] = [];
    let done: Promise<unknown>;
    try {
      done = Promise.all(
        ids.map(async (id) => {
          const res = await gqlAs(yoga, key, ADD_SOURCE, { input: source(id) });
          settled.push({ id, res });
        }),
      );
      // Six refused while the two admitted writes wait on the lock and two more wait for a slot.
      await vi.waitFor(() => expect(settled).toHaveLength(6), { timeout: 10_000, interval: 20 });
      await vi.waitFor(async () => expect(await blockedWrites()).toBe(2), { timeout: 10_000, interval: 50 });
      for (const { res } of settled) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(res.errors?.[0]?.extensions).toMatchObject({
          code: 'SERVICE_OVERLOADED',
          reason: 'queue-full',
          retryAfter: 1,
        });
      }
      // Operations below the admission cost (introspection costs 0) are not held up.
      const cheap = await gqlAs(yoga, null, '{ __typename }');
      expect(cheap.data).toEqual({ __typename: 'Query' });
      expect(settled).toHaveLength(6);
    } finally {
      await release();
    }
    await done;
    const answered = settled.slice(6);
    expect(answered).toHaveLength(4);
    for (const { id, res } of answered) {
      expect(res.status).toBe(200);
      expect(res.data!.addSource).toMatchObject({ errors: [], source: { id } });
      expect(await sourceExists(id)).toBe(true);
    }
    for (const { id } of settled.slice(0, 6)) expect(await sourceExists(id)).toBe(false);
  });

  it('refuses a question that waited longer than ADMISSION_MAX_WAIT_MS', async () => {
    const yoga = createServer({
      executor,
      logger,
      http: { admission: { maxConcurrent: 1, maxQueued: 1, maxWaitMs: 200, operations: QUEUED } },
    });
    const release = await holdWriteLock(driver);
    let all: Promise<Answer[]>;
    let answered = 0;
    try {
      all = Promise.all(
        ['wait-0', 'wait-1', 'wait-2'].map((id) =>
          gqlAs(yoga, key, ADD_SOURCE, { input: source(id) }).finally(() => (answered += 1)),
        ),
      );
      await vi.waitFor(async () => expect(await blockedWrites()).toBe(1), { timeout: 10_000, interval: 50 });
      // The queued one gives up (maxWaitMs) while the admitted one is still held; the third was refused at once.
      await vi.waitFor(() => expect(answered).toBe(2), { timeout: 10_000, interval: 20 });
    } finally {
      await release();
    }
    const results = await all;
    const reasons = results.map((r) => r.errors?.[0]?.extensions?.reason ?? 'answered').sort();
    expect(reasons).toEqual(['answered', 'queue-full', 'waited-too-long']);
  });
});
