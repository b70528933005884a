// The four ways a workload is asked — the floor's statement in process (rawCypher) and over HTTP (httpFloor),
// chipgraph and the peer over HTTP — and how each is measured: latency at concurrency 1 (interleaved samples, the
// same input per round), throughput windows at concurrency 1, 8, 32 and 64 repeated (median and spread), and the
// CPU time of the serving process and of Neo4j per request over those windows.
import type { Driver } from 'neo4j-driver';
import { floorParams } from './floor/statements.js';
import type { Input } from './inputs.js';
import { classify, load1, median, poster, runWindow, type Caller, type Window } from './load.js';
import { cpuMs, percentiles, type Latency } from './measure.js';
import type { VariantResult } from './report.js';
import type { PeerQuery } from './peer/queries.js';
import type { Workload } from './workloads.js';

/** Samples per plan: `--quick` is a smoke run (< 5 minutes at small), the full plan is what gets committed. */
export const PLANS = {
  quick: {
    warmupMs: 500,
    c1Samples: 30,
    c1MaxMs: 1_500,
    windowMs: 300,
    repeats: 1,
    overloadS: 10,
    answerInputs: 3,
  },
  full: {
    warmupMs: 2_000,
    c1Samples: 300,
    c1MaxMs: 30_000,
    windowMs: 3_000,
    repeats: 3,
    overloadS: 60,
    answerInputs: 10,
  },
};
export type Plan = (typeof PLANS)['full'];
export const CONCURRENCIES = [1, 8, 32, 64] as const;

export type TargetKey = 'rawCypher' | 'httpFloor' | 'chipgraph' | 'neo4jGraphql';

export interface Target {
  key: TargetKey;
  /** A caller holding up to `concurrency` connections. */
  caller(concurrency: number): Caller;
  /** The answer's `data` for one input (answers are compared on it), chipgraph's shape. */
  data(input: Input): Promise<unknown>;
  /** The process doing the serving work (rawCypher: the bench itself, which runs the driver). */
  pid: number;
}

export function rawTarget(driver: Driver, w: Workload): Target {
  const run = async (input: Input) => {
    const session = driver.session({ defaultAccessMode: 'READ' });
    try {
      // The same 30 s limit as the HTTP clients' (a request past it counts as an error).
      const res = await session.executeRead((tx) => tx.run(w.floor, floorParams(input)), { timeout: 30_000 });
      return res.records[0]?.get('data') as unknown;
    } finally {
      await session.close();
    }
  };
  return {
    key: 'rawCypher',
    caller: () => ({ call: async (i) => (await run(i), 'ok'), close: () => {} }),
    data: run,
    pid: process.pid,
  };
}

/** An HTTP target: `path` and `body` per input, and how its `data` maps onto chipgraph's. */
function httpTarget(
  key: TargetKey,
  url: string,
  pid: number,
  path: (input: Input) => string,
  body: (input: Input) => string,
  map: (data: Record<string, unknown>) => unknown = (d) => d,
): Target {
  return {
    key,
    pid,
    caller: (concurrency) => {
      const p = poster(url, concurrency);
      return { call: async (i) => classify(await p.post(path(i), body(i))), close: p.close };
    },
    data: async (input) => {
      const p = poster(url, 1);
      try {
        const res = await p.post(path(input), body(input));
        const json = JSON.parse(res.text) as { data?: Record<string, unknown>; errors?: unknown };
        if (res.status !== 200 || json.errors)
          throw new Error(`${key} answered ${res.status}: ${res.text.slice(0, 300)}`);
        return map(json.data ?? {});
      } finally {
        p.close();
      }
    },
  };
}

export const floorTarget = (url: string, pid: number, w: Workload) =>
  httpTarget(
    'httpFloor',
    url,
    pid,
    () => `/${w.name}`,
    (i) => JSON.stringify(i),
  );

export const chipgraphTarget = (url: string, pid: number, w: Workload) =>
  httpTarget(
    'chipgraph',
    url,
    pid,
    () => new URL(url).pathname,
    (i) => JSON.stringify({ query: w.chipgraph, variables: i }),
  );

export const peerTarget = (url: string, pid: number, peer: PeerQuery) =>
  httpTarget(
    'neo4jGraphql',
    url,
    pid,
    () => new URL(url).pathname,
    (i) => JSON.stringify({ query: peer.query, variables: floorParams(i) }),
    (d) => peer.toChipgraph(d),
  );

export interface Measured {
  c1: Latency;
  windows: Window[];
  serverCpuMsPerReq: number | null;
  dbCpuMsPerReq: number | null;
}

/**
 * Measures the targets of one workload against each other on the same input sequence. Latency samples are
 * interleaved (one input per round, asked of every target) and throughput windows rotate the target order per
 * repeat, so load from elsewhere on the machine hits every target alike and the ratios stay fair.
 */
export async function measureTargets(
  targets: Target[],
  inputs: Input[],
  plan: Plan,
  dbPid: number | null,
): Promise<Map<TargetKey, Measured>> {
  const callers1 = new Map(targets.map((t) => [t.key, t.caller(1)]));
  // Warm-up: a few requests per target (at most plan.warmupMs each, at least two).
  for (const t of targets) {
    const until = performance.now() + plan.warmupMs;
    for (let i = 0; i < 10 && (i < 2 || performance.now() < until); i++)
      await callers1.get(t.key)!.call(inputs[i % inputs.length]!);
  }
  const samples = new Map(targets.map((t) => [t.key, [] as number[]]));
  const deadline = performance.now() + plan.c1MaxMs * targets.length;
  for (let i = 0; i < plan.c1Samples && (performance.now() < deadline || i < 2); i++) {
    const input = inputs[i % inputs.length]!;
    for (const t of targets) {
      const started = performance.now();
      await callers1.get(t.key)!.call(input);
      samples.get(t.key)!.push(performance.now() - started);
    }
  }
  for (const c of callers1.values()) c.close();

  const acc = new Map(
    targets.map((t) => [t.key, { windows: [] as Window[], cpu: 0, db: 0, n: 0, cursor: 0 }]),
  );
  for (let r = 0; r < plan.repeats; r++) {
    for (const concurrency of CONCURRENCIES) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
      for (const t of order) {
        const a = acc.get(t.key)!;
        const caller = t.caller(concurrency);
        const cpu0 = cpuMs(t.pid);
        const db0 = dbPid ? cpuMs(dbPid) : null;
        const w = await runWindow(
          caller,
          () => inputs[a.cursor++ % inputs.length]!,
          concurrency,
          plan.windowMs,
          r,
        );
        const cpu1 = cpuMs(t.pid);
        const db1 = dbPid ? cpuMs(dbPid) : null;
        caller.close();
        a.windows.push(w);
        a.cpu += (cpu1 ?? 0) - (cpu0 ?? 0);
        a.db += (db1 ?? 0) - (db0 ?? 0);
        a.n += w.ok;
      }
    }
  }
  const out = new Map<TargetKey, Measured>();
  for (const t of targets) {
    const a = acc.get(t.key)!;
    out.set(t.key, {
      c1: percentiles(samples.get(t.key)!),
      windows: a.windows,
      serverCpuMsPerReq: a.n ? Math.round((a.cpu / a.n) * 100) / 100 : null,
      dbCpuMsPerReq: dbPid && a.n ? Math.round((a.db / a.n) * 100) / 100 : null,
    });
  }
  return out;
}

/** Median rps and spread (min, max) over the repeats at one concurrency. */
export function atConcurrency(windows: Window[], c: number) {
  const rps = windows.filter((w) => w.concurrency === c).map((w) => w.rps);
  return { median: Math.round(median(rps) * 10) / 10, min: Math.min(...rps), max: Math.max(...rps) };
}

export function variant(m: Measured, extra: Partial<VariantResult>): VariantResult {
  const byC = Object.fromEntries(CONCURRENCIES.map((c) => [c, atConcurrency(m.windows, c)]));
  return {
    p50Ms: m.c1.p50Ms,
    p95Ms: m.c1.p95Ms,
    p99Ms: m.c1.p99Ms,
    rps: Math.max(...CONCURRENCIES.map((c) => byC[c]!.median)),
    rpsC1: byC[1]!.median,
    rpsC8: byC[8]!.median,
    rpsC32: byC[32]!.median,
    rpsC64: byC[64]!.median,
    rpsSpread: Object.fromEntries(CONCURRENCIES.map((c) => [`c${c}`, [byC[c]!.min, byC[c]!.max]])),
    errorsUnderLoad: m.windows.reduce((n, w) => n + w.errors, 0),
    overloadedUnderLoad: m.windows.reduce((n, w) => n + w.overloaded, 0),
    samplesC1: m.c1.n,
    serverCpuMsPerReq: m.serverCpuMsPerReq,
    dbCpuMsPerReq: m.dbCpuMsPerReq,
    maxLoad1: Math.max(load1(), ...m.windows.map((w) => w.load1)),
    windows: m.windows.map(
      ({ concurrency, repeat, rps, p50Ms, p99Ms, ok, overloaded, errors, load1: l }) => ({
        concurrency,
        repeat,
        rps,
        p50Ms,
        p99Ms,
        ok,
        overloaded,
        errors,
        load1: l,
      }),
    ),
    ...extra,
  };
}
