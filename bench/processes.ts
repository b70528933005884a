// The processes a benchmark run starts and stops: chipgraph and the @neo4j/graphql peer as child processes,
// waiting for their first answer, recording how they exit, and progress lines.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '../src/db/database.js';
import { freePort } from '../src/db/local-neo4j.js';
import { httpPoster } from './measure.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

export function throttled(every = 2_000) {
  let last = 0;
  return (msg: string, force = false) => {
    const now = Date.now();
    if (force || now - last >= every) {
      last = now;
      log(msg);
    }
  };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null>,
  timeoutMs: number,
  /** Gives up at once when this returns a reason (the server process exited). */
  fatal: () => string | null = () => null,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = fatal();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** First successful answer to a GraphQL query on `url`. */
export async function firstAnswer(
  url: string,
  query: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const post = httpPoster(url);
  await waitFor(
    url,
    async () => {
      const res = await post(JSON.stringify({ query }));
      return res.status === 200 && !(JSON.parse(res.text) as { errors?: unknown }).errors ? true : null;
    },
    timeoutMs,
    () =>
      child.exitCode !== null || child.signalCode !== null
        ? `process exited with ${child.exitCode ?? child.signalCode}`
        : null,
  ).catch((err: unknown) => {
    throw new Error(
      `${url}: ${(err as Error).message}${child.exitCode !== null ? ` (exit ${child.exitCode})` : ''}`,
    );
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  startMs: number;
  stop(): Promise<void>;
}

/** Every server this run spawned, so a failure anywhere still stops them all. */
export const spawned = new Set<ChildProcess>();

export function spawnServer(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): ChildProcess {
  const out = fs.openSync(logFile, 'w');
  // Own process group, so `npm start` (npm → sh → node) stops as a whole.
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  spawned.add(child);
  child.once('exit', (code, signal) => {
    exits.set(child, { code, signal, at: new Date().toISOString() });
    if (!stopping)
      log(`${cmd} ${args.join(' ')} exited unexpectedly (code ${code}, signal ${signal}); see ${logFile}`);
  });
  return child;
}

/** How and when a spawned server exited (a server that dies mid-run is reported, not hidden). */
export const exits = new Map<ChildProcess, { code: number | null; signal: string | null; at: string }>();
let stopping = false;
/** From now on the run is shutting down its children: their exits are expected. */
export function markStopping(): void {
  stopping = true;
}
export const stopped = new Set<ChildProcess>();

export async function stopChild(child: ChildProcess): Promise<void> {
  stopped.add(child);
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') process.kill(-child.pid, 'SIGKILL');
}

export const PROBE = '{ chip(id: "nvidia-h100") { id name } }';

/**
 * With BENCH_CPU_PROF_DIR set, chipgraph (`node dist/main.js`) and the HTTP floor run under `node --cpu-prof` and
 * write their V8 CPU profiles there when they stop (read them with bench/profile-summary.ts).
 */
const cpuProf = (name: string): string[] => {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${path.resolve(dir)}`,
        `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
      ]
    : [];
};

export async function startChipgraph(
  db: DatabaseHandle,
  how: 'node' | 'npm',
  logDir: string,
): Promise<Started> {
  const port = await freePort();
  const env = {
    ...process.env,
    NEO4J_URI: db.uri,
    NEO4J_USER: db.user,
    NEO4J_PASSWORD: db.password,
    SEED_ON_START: 'false',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The bench is one client hammering the API on purpose.
    RATE_LIMIT_POINTS: '0',
  };
  const t = performance.now();
  const child =
    how === 'node'
      ? spawnServer(
          process.execPath,
          [...cpuProf('chipgraph'), 'dist/main.js'],
          env,
          path.join(logDir, 'chipgraph.log'),
        )
      : spawnServer('npm', ['start'], env, path.join(logDir, 'chipgraph-npm-start.log'));
  const url = `http://127.0.0.1:${port}/graphql`;
  await firstAnswer(url, PROBE, child, 120_000);
  return { child, url, startMs: Math.round(performance.now() - t), stop: () => stopChild(child) };
}

export async function startPeer(db: DatabaseHandle, logDir: string): Promise<Started> {
  const port = await freePort();
  const t = performance.now();
  const child = spawnServer(
    process.execPath,
    ['--import', 'tsx', 'bench/peer/server.ts', db.uri, String(port)],
    { ...process.env },
    path.join(logDir, 'neo4j-graphql.log'),
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  await firstAnswer(url, '{ __typename }', child, 600_000);
  return { child, url, startMs: Math.round(performance.now() - t), stop: () => stopChild(child) };
}

/** The HTTP floor (bench/floor/server.ts) in its own process; up when it answers HTTP (404 for no workload). */
export async function startFloor(db: DatabaseHandle, logDir: string): Promise<Started> {
  const port = await freePort();
  const t = performance.now();
  const child = spawnServer(
    process.execPath,
    [...cpuProf('http-floor'), '--import', 'tsx', 'bench/floor/server.ts', db.uri, String(port)],
    { ...process.env },
    path.join(logDir, 'floor.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  const post = httpPoster(`${url}/ready`);
  await waitFor(
    url,
    async () => ((await post('{}')).status === 404 ? true : null),
    120_000,
    () => (child.exitCode !== null ? `floor exited with ${child.exitCode}` : null),
  );
  return { child, url, startMs: Math.round(performance.now() - t), stop: () => stopChild(child) };
}
