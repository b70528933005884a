// A database that dies in the middle of writes: on its own throw-away Neo4j, writes run in a loop while the JVM
// is killed (SIGKILL, no clean shutdown). After Neo4j recovers, every write is all there or not there at all,
// and every write the API acknowledged is there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDriver, Executor } from '../../src/db/executor.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { applyConstraints } from '../../src/db/migrations.js';
import { runSeed } from '../../src/db/seed/run.js';
import { FIXTURES, testServer } from '../helpers/db.js';
import { ASSERT_FACT, UPDATE_ENTITY, createKey, gqlAs } from '../helpers/curation.js';

const home = loadConfig().neo4j.local.home;
const instanceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-faults-'));
const start = () => startLocalNeo4j({ home, instanceDir, boltPort: 0, heap: '512m', pageCache: '64m' });
let db: LocalNeo4j | undefined;

afterAll(async () => {
  await db?.stop();
  fs.rmSync(instanceDir, { recursive: true, force: true });
});

interface Attempt {
  kind: 'assert' | 'update';
  factId?: string;
  acknowledged: boolean;
  codes: string[];
}

describe('a write interrupted by the database going away', () => {
  it('leaves no partial fact, and loses no acknowledged write', { timeout: 600_000 }, async () => {
    db = await start();
    let driver = createDriver({ uri: db.uri, user: 'neo4j', password: '' });
    let executor = new Executor(driver, 'neo4j', 10_000);
    await applyConstraints(executor);
    await runSeed(executor, [path.join(FIXTURES, 'seed-min')]);
    const key = await createKey(executor, 'editor', 'fault-writer');
    const yoga = testServer(executor);

    const attempts: Attempt[] = [];
    let stop = false;
    let acknowledged = 0;
    let inFlight = 0;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const kind = i % 3 === 2 ? 'update' : 'assert';
        const factId = `ORDERED|deepseek|nvidia-h800|w${w}-${i}`;
        const attempt: Attempt = {
          kind,
          acknowledged: false,
          codes: [],
          ...(kind === 'assert' ? { factId } : {}),
        };
        attempts.push(attempt);
        inFlight += 1;
        const res =
          kind === 'assert'
            ? await gqlAs(yoga, key, ASSERT_FACT, {
                input: {
                  type: 'ORDERED',
                  from: 'deepseek',
                  to: 'nvidia-h800',
                  key: `w${w}-${i}`,
                  confidence: 'RUMORED',
                  sources: ['deepseek-2024-12-26-v3-report'],
                  note: `writer ${w} write ${i}`,
                  properties: { units: 1000 + i, valueUsd: 5_000_000, currency: 'USD', status: 'ordered' },
                },
              })
            : await gqlAs(yoga, key, UPDATE_ENTITY, {
                input: { id: 'nvidia-h800', kind: 'CHIP', description: `writer ${w} write ${i}` },
              });
        inFlight -= 1;
        const payload = res.data?.assertFact ?? res.data?.updateEntity;
        attempt.acknowledged = res.status === 200 && !res.errors && payload?.errors.length === 0;
        attempt.codes = (res.errors ?? []).map((e) => String(e.extensions?.code));
        if (attempt.acknowledged) acknowledged += 1;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await vi.waitFor(() => expect(acknowledged).toBeGreaterThanOrEqual(20), {
      timeout: 300_000,
      interval: 20,
    });
    const inFlightAtKill = inFlight;
    const sentBeforeKill = attempts.length;
    process.kill(db.pid, 'SIGKILL');
    // Let the writers hit the dead database until a write sent after the kill has been refused, then stop them.
    await vi.waitFor(
      () => expect(attempts.slice(sentBeforeKill).some((a) => a.codes.length > 0)).toBe(true),
      { timeout: 60_000, interval: 20 },
    );
    stop = true;
    await Promise.all(writers);
    await driver.close();
    await db.stop();

    expect(inFlightAtKill).toBeGreaterThan(0);
    const failed = attempts.filter((a) => !a.acknowledged);
    expect(failed.length).toBeGreaterThan(0);
    // A failed write says why, with a code: never an unexplained 5xx.
    for (const f of failed) expect(f.codes).toEqual(['SERVICE_UNAVAILABLE']);

    db = await start();
    driver = createDriver({ uri: db.uri, user: 'neo4j', password: '' });
    executor = new Executor(driver, 'neo4j', 10_000);
    try {
      const facts = await executor.read<{ id: string; props: Record<string, unknown> }>(
        `MATCH (:Company {id: 'deepseek'})-[r:ORDERED]->(:Chip {id: 'nvidia-h800'})
         WHERE r.origin = 'api' RETURN r.id AS id, properties(r) AS props`,
      );
      const audits = await executor.read<{ target: string; action: string; seq: number }>(
        'MATCH (a:AuditRecord) RETURN a.targetId AS target, a.action AS action, a.seq AS seq ORDER BY seq',
      );
      const chip = await executor.read<{ version: number; seq: number }>(
        `MATCH (n:Chip {id: 'nvidia-h800'}), (s:AuditSequence) RETURN n.version AS version, s.value AS seq`,
      );
      const factIds = new Set(facts.records.map((r) => r.get('id')));
      const assertAudits = new Set(
        audits.records.filter((r) => r.get('action') === 'ASSERT_FACT').map((r) => r.get('target')),
      );
      const updateAudits = audits.records.filter((r) => r.get('action') === 'UPDATE_ENTITY').length;

      // Every fact is whole (all its properties) and has its audit record; every audit record has its fact.
      for (const r of facts.records) {
        expect(r.get('props')).toMatchObject({
          units: expect.any(Number),
          valueUsd: 5_000_000,
          sources: expect.any(Array),
        });
      }
      expect([...factIds].sort()).toEqual([...assertAudits].sort());
      // The version counts exactly the updates that committed, each with its record; the sequence has no gaps.
      expect(chip.records[0]!.get('version')).toBe(updateAudits);
      expect(audits.records.map((r) => r.get('seq'))).toEqual(audits.records.map((_, i) => i + 1));
      expect(chip.records[0]!.get('seq')).toBe(audits.records.length);
      // Every acknowledged write survived the crash.
      for (const a of attempts.filter((x) => x.acknowledged && x.kind === 'assert')) {
        expect(factIds.has(a.factId!)).toBe(true);
      }
      expect(updateAudits).toBeGreaterThanOrEqual(
        attempts.filter((x) => x.acknowledged && x.kind === 'update').length,
      );
    } finally {
      await driver.close();
    }
  });
});
