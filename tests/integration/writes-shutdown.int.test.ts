// Graceful shutdown under load: an HTTP server wrapping Yoga is shut down by main.ts's own shutdown (src/shutdown.ts:
// stop accepting, finish in-flight requests, then close the driver) while writes pour in. Every write answered 2xx
// without errors is in the graph.
import { createServer as createHttpServer } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { shutDown } from '../../src/shutdown.js';
import { FIXTURES, testDriver, testExecutor, testServer } from '../helpers/db.js';
import { ASSERT_FACT, createKey, resetGraph } from '../helpers/curation.js';

const admin = testDriver();
const adminExecutor = testExecutor(admin);
afterAll(() => admin.close());

describe('graceful shutdown under load', () => {
  it('loses no acknowledged write', { timeout: 300_000 }, async () => {
    await resetGraph(adminExecutor, [path.join(FIXTURES, 'seed-min')]);
    const key = await createKey(adminExecutor, 'editor', 'shutdown-load');
    const driver = testDriver();
    const yoga = testServer(testExecutor(driver));
    // Which requests the server had received (headers read) when shutdown began: those must all be finished.
    const received = new Set<string>();
    const http = createHttpServer((req, res) => {
      received.add(String(req.headers['x-load-id']));
      void yoga.handle(req, res);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };

    let answered = 0;
    const send = async (i: number) => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${key}`,
            'x-load-id': String(i),
          },
          body: JSON.stringify({
            query: ASSERT_FACT,
            variables: {
              input: {
                type: 'ORDERED',
                from: 'deepseek',
                to: 'nvidia-h800',
                key: `load-${i}`,
                confidence: 'RUMORED',
                sources: ['deepseek-2024-12-26-v3-report'],
                properties: { units: i },
              },
            },
          }),
        });
        const body = (await res.json()) as {
          errors?: unknown[];
          data?: { assertFact?: { errors: unknown[] } };
        };
        answered += 1;
        const ok = res.status === 200 && !body.errors && body.data?.assertFact?.errors.length === 0;
        return { i, ok };
      } catch {
        // Refused or cut by the closing server: not acknowledged, so the client knows to retry.
        return { i, ok: false };
      }
    };

    const requests: Promise<{ i: number; ok: boolean }>[] = [];
    for (let i = 0; i < 30; i++) requests.push(send(i));
    // Shut down while those are in flight, then keep sending: those must be refused, not half-done.
    await vi.waitFor(() => expect(answered).toBeGreaterThanOrEqual(3), { timeout: 60_000, interval: 5 });
    const accepted = [...received].map(Number);
    const answeredBefore = answered;
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    const stopped = shutDown({ http, logger, signal: 'test', close: [() => driver.close()] });
    for (let i = 30; i < 40; i++) requests.push(send(i));
    const results = await Promise.all(requests);
    await stopped;

    // Shutdown began with requests in flight, and every request the server had accepted by then was finished.
    expect(accepted.length).toBeGreaterThan(answeredBefore);
    const ok = new Set(results.filter((r) => r.ok).map((r) => r.i));
    expect(accepted.filter((i) => !ok.has(i))).toEqual([]);
    const acknowledged = [...ok].map((i) => `ORDERED|deepseek|nvidia-h800|load-${i}`);
    const stored = await adminExecutor.read<{ id: string }>(
      `MATCH (:Company {id: 'deepseek'})-[r:ORDERED]->() WHERE r.origin = 'api'
       MATCH (a:AuditRecord {targetId: r.id})
       RETURN r.id AS id`,
    );
    const ids = new Set(stored.records.map((r) => r.get('id')));
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
  });
});
