// Load generation: closed-loop windows at a given concurrency, every request taking the next input of the
// workload's sequence, each answer classified as answered, refused with SERVICE_OVERLOADED (HTTP 503) or an error.
import http from 'node:http';
import os from 'node:os';
import { percentiles } from './measure.js';
import type { Input } from './inputs.js';

export type Outcome = 'ok' | 'overloaded' | 'error';

/** One request; `close` releases the connections of a caller made for one window. */
export interface Caller {
  call(input: Input): Promise<Outcome>;
  close(): void;
}

export interface Window {
  concurrency: number;
  repeat: number;
  requests: number;
  ok: number;
  overloaded: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** One-minute load average when the window started. */
  load1: number;
  seconds: number;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export const load1 = () => round(os.loadavg()[0] ?? 0, 2);

export interface HttpAnswer {
  status: number;
  text: string;
}

/** A keep-alive JSON POST client with up to `sockets` connections. */
export function poster(url: string, sockets: number, timeoutMs = 30_000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const u = new URL(url);
  const post = (path: string, body: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: u.hostname,
          port: u.port,
          path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/** 200 without `errors`: answered; 503 naming SERVICE_OVERLOADED: refused as designed; anything else: error. */
export function classify(a: HttpAnswer): Outcome {
  if (a.status === 200 && !a.text.includes('"errors"')) return 'ok';
  if (a.status === 503 && a.text.includes('SERVICE_OVERLOADED')) return 'overloaded';
  return 'error';
}

/** `concurrency` workers calling back to back until `ms` have passed; requests in flight are awaited. */
export async function runWindow(
  caller: Caller,
  next: () => Input,
  concurrency: number,
  ms: number,
  repeat = 0,
): Promise<Window> {
  const samples: number[] = [];
  const counts = { ok: 0, overloaded: 0, error: 0 };
  const load = load1();
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        let outcome: Outcome;
        try {
          outcome = await caller.call(next());
        } catch {
          outcome = 'error';
        }
        counts[outcome]++;
        if (outcome === 'ok') samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const lat = percentiles(samples);
  const requests = counts.ok + counts.overloaded + counts.error;
  return {
    concurrency,
    repeat,
    requests,
    ok: counts.ok,
    overloaded: counts.overloaded,
    errors: counts.error,
    rps: round(counts.ok / seconds),
    p50Ms: samples.length ? lat.p50Ms : 0,
    p99Ms: samples.length ? lat.p99Ms : 0,
    load1: load,
    seconds: round(seconds, 2),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
