// The three ways a workload is asked (hand-written Cypher through the driver, chipgraph and the peer over HTTP)
// and how each is measured: latency at concurrency 1, throughput, CPU and memory per request.
import type { Driver } from 'neo4j-driver';
import {
  closedLoop,
  cpuMs,
  httpPoster,
  httpThroughput,
  percentiles,
  type Latency,
  type Throughput,
} from './measure.js';
import { type VariantResult } from './report.js';
import { type GraphqlCall, type Workload } from './workloads.js';

/** Samples per plan: `--quick` for a smoke run, the full plan for the committed results. */
export const PLANS = {
  quick: { warmup: 5, c1Requests: 40, c1Ms: 1_000, throughputS: 1 },
  full: { warmup: 40, c1Requests: 400, c1Ms: 8_000, throughputS: 6 },
};

export interface Target {
  key: 'rawCypher' | 'chipgraph' | 'neo4jGraphql';
  /** One request, concurrency 1. */
  once(): Promise<unknown>;
  /** Throughput at `connections` for `seconds`. */
  load(connections: number, seconds: number): Promise<Throughput>;
  /** The process doing the serving work (raw Cypher: the bench itself, which runs the driver). */
  pid: number;
}

export function rawTarget(driver: Driver, w: Workload): Target {
  const once = async () => {
    const session = driver.session({ defaultAccessMode: 'READ' });
    try {
      const res = await session.executeRead((tx) => tx.run(w.rawCypher.cypher, w.rawCypher.params));
      return res.records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  };
  return { key: 'rawCypher', once, load: (c, s) => closedLoop(once, c, s * 1000), pid: process.pid };
}

export function httpTarget(key: Target['key'], url: string, call: GraphqlCall, pid: number): Target {
  const body = JSON.stringify(call);
  const post = httpPoster(url);
  return { key, once: () => post(body), load: (c, s) => httpThroughput(url, body, c, s), pid };
}

export interface Measured {
  c1: Latency;
  c8: Throughput;
  c32: Throughput;
  serverCpuMsPerReq: number | null;
  dbCpuMsPerReq: number | null;
}

/**
 * Measures the targets of one workload against each other. Latency samples are interleaved (raw, chipgraph,
 * peer, raw, ...) and throughput runs alternate in rounds, so load from elsewhere on the machine hits every
 * target alike and the ratios stay fair.
 */
export async function measureTargets(targets: Target[], plan: (typeof PLANS)['quick'], dbPid: number | null) {
  // Warm-up: plan.warmup requests or 3 s per target, whichever comes first (slow lists at medium take seconds each).
  for (const t of targets) {
    const until = performance.now() + 3_000;
    for (let i = 0; i < plan.warmup && (i < 2 || performance.now() < until); i++) await t.once();
  }
  const samples = new Map(targets.map((t) => [t.key, [] as number[]]));
  const deadline = performance.now() + plan.c1Ms * targets.length;
  for (let i = 0; i < plan.c1Requests && (performance.now() < deadline || i < 5); i++) {
    for (const t of targets) {
      const started = performance.now();
      await t.once();
      samples.get(t.key)!.push(performance.now() - started);
    }
  }
  const rounds = plan === PLANS.quick ? 1 : 3;
  const acc = new Map(
    targets.map((t) => [t.key, { c8: [] as Throughput[], c32: [] as Throughput[], cpu: 0, db: 0, n: 0 }]),
  );
  for (let r = 0; r < rounds; r++) {
    for (const connections of [8, 32] as const) {
      for (const t of targets) {
        const a = acc.get(t.key)!;
        const cpu0 = cpuMs(t.pid);
        const db0 = dbPid ? cpuMs(dbPid) : null;
        const res = await t.load(connections, plan.throughputS / rounds);
        const cpu1 = cpuMs(t.pid);
        const db1 = dbPid ? cpuMs(dbPid) : null;
        a[connections === 8 ? 'c8' : 'c32'].push(res);
        a.cpu += (cpu1 ?? 0) - (cpu0 ?? 0);
        a.db += (db1 ?? 0) - (db0 ?? 0);
        a.n += res.requests;
      }
    }
  }
  const merge = (list: Throughput[]): Throughput => {
    const requests = list.reduce((n, x) => n + x.requests, 0);
    const seconds = list.reduce((n, x) => n + (x.rps ? x.requests / x.rps : 0), 0);
    return {
      rps: seconds ? Math.round((requests / seconds) * 10) / 10 : 0,
      requests,
      errors: list.reduce((n, x) => n + x.errors, 0),
      p50Ms: Math.max(...list.map((x) => x.p50Ms)),
      p99Ms: Math.max(...list.map((x) => x.p99Ms)),
    };
  };
  const out = new Map<Target['key'], Measured>();
  for (const t of targets) {
    const a = acc.get(t.key)!;
    out.set(t.key, {
      c1: percentiles(samples.get(t.key)!),
      c8: merge(a.c8),
      c32: merge(a.c32),
      serverCpuMsPerReq: a.n ? Math.round((a.cpu / a.n) * 100) / 100 : null,
      dbCpuMsPerReq: dbPid && a.n ? Math.round((a.db / a.n) * 100) / 100 : null,
    });
  }
  return out;
}

export function variant(m: Measured, extra: Partial<VariantResult>): VariantResult {
  return {
    p50Ms: m.c1.p50Ms,
    p95Ms: m.c1.p95Ms,
    p99Ms: m.c1.p99Ms,
    rps: Math.max(m.c8.rps, m.c32.rps),
    rpsC8: m.c8.rps,
    rpsC32: m.c32.rps,
    errorsUnderLoad: m.c8.errors + m.c32.errors,
    samplesC1: m.c1.n,
    serverCpuMsPerReq: m.serverCpuMsPerReq,
    dbCpuMsPerReq: m.dbCpuMsPerReq,
    ...extra,
  };
}
