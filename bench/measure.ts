// Measuring helpers: percentiles, a keep-alive JSON POST client (start-up probes), and per-process CPU time and
// memory from /proc. Load windows are in bench/load.ts.
import fs from 'node:fs';
import http from 'node:http';

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  n: number;
}
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function percentiles(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    p99Ms: round(at(0.99)),
    meanMs: round(mean),
    n: s.length,
  };
}

/** A keep-alive JSON POST client for one endpoint (concurrency-1 latency). */
export function httpPoster(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  return (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: u.hostname,
          port: u.port,
          path: u.pathname,
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
      req.on('error', reject);
      req.end(body);
    });
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used, in ms; null where /proc is not available. */
export function cpuMs(pid: number): number | null {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime is field 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Resident memory now and at its peak, MB. */
export function memoryMb(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** The JVM of the local Neo4j listening on `port` (bench/ started it through obtainDatabase). */
export function findNeo4jPid(port: number): number | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!cmdline.includes('org.neo4j.server.CommunityEntryPoint')) continue;
      const home = cmdline.find((a) => a.startsWith('--home-dir='))?.slice('--home-dir='.length);
      if (!home) continue;
      const rec = JSON.parse(fs.readFileSync(`${home}/chipgraph-neo4j.pid.json`, 'utf8')) as {
        pid: number;
        port: number;
      };
      if (rec.port === port) return Number(entry);
    } catch {
      /* not ours, or gone */
    }
  }
  return null;
}
