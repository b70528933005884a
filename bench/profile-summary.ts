// Where a server's CPU went: reads a V8 CPU profile (`node --cpu-prof`) and sums self time per package (graphql,
// graphql-yoga / envelop, neo4j-driver, pino...), per chipgraph folder (src/graphql, src/db...), Node's own
// internals, garbage collection and idle. `npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25]
// [--last <seconds>]` prints the shares and the heaviest functions (of the last seconds only: the load, not the
// start-up); RESULTS.md ("Where chipgraph's CPU goes") was read from it.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a frame's self time is counted in. */
export function bucketOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: V8 outside JS)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.match(/\/(src|dist)\/([^/]+)(\/[^/]+)?/);
  if (src)
    return `chipgraph ${src[2]!.endsWith('.js') || src[2]!.endsWith('.ts') ? '(top level)' : `${src[2]}/`}`;
  if (url.startsWith('node:') || url === '') return 'node (internals)';
  return url;
}

/** Self time per frame; with `lastSeconds`, only the samples of the profile's last seconds (the load, not start-up). */
export function summarise(profile: Profile, lastSeconds?: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t >= from) self.set(id, (self.get(id) ?? 0) + dt);
  });
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { url, functionName, lineNumber } = n.callFrame;
    const bucket = bucketOf(url, functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    if (bucket !== '(idle)') {
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|dist)\//, '$1/')}:${lineNumber + 1}`;
      functions.set(key, (functions.get(key) ?? 0) + us);
      total += us;
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busyMs: total / 1000, buckets: sorted(buckets), functions: sorted(functions) };
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, last: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--last <seconds>]');
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(positionals[0]!, 'utf8')) as Profile;
  const { busyMs, buckets, functions } = summarise(
    profile,
    values.last === undefined ? undefined : Number(values.last),
  );
  const pct = (us: number) => `${((100 * us) / (busyMs * 1000)).toFixed(1)}%`;
  console.log(`busy (not idle): ${busyMs.toFixed(0)} ms`);
  console.log('\nself time by package / folder (share of busy time):');
  for (const [k, us] of buckets) if (k !== '(idle)') console.log(`  ${pct(us).padStart(6)}  ${k}`);
  console.log(`\nheaviest functions (self time):`);
  for (const [k, us] of functions.slice(0, Number(values.top))) console.log(`  ${pct(us).padStart(6)}  ${k}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
