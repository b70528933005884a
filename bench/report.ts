// Results: bench/results/<scale>.json, a console table, and bench/RESULTS.md (tables of every scale measured so
// far, the targets checked, and an SVG chart of latency vs scale). Hand-written analysis in RESULTS.md outside
// the generated markers is kept.
import fs from 'node:fs';
import path from 'node:path';
import type { OverloadResult } from './overload.js';
import { targets } from './report-targets.js';

export interface VariantResult {
  /** Concurrency 1. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Best over concurrency 1, 8, 32 and 64 of the median rps of the repeats. */
  rps: number;
  rpsC1?: number;
  rpsC8: number;
  rpsC32: number;
  rpsC64?: number;
  /** Per concurrency, [min, max] rps over the repeats. */
  rpsSpread?: Record<string, number[]>;
  /** Errors under load (SERVICE_OVERLOADED refusals are counted apart, in overloadedUnderLoad). */
  errorsUnderLoad: number;
  overloadedUnderLoad?: number;
  /** Highest one-minute load average seen while this variant was measured. */
  maxLoad1?: number;
  windows?: Record<string, number>[];
  samplesC1: number;
  /** Cypher statements per request (chipgraph and @neo4j/graphql: captured from the driver). */
  cypherQueries?: number;
  /** Sum of PROFILE db hits over those statements. */
  dbHits?: number;
  /** Label or type scans in their plans. */
  scans?: string[];
  /** chipgraph: each statement it sent for one request, with its PROFILE db hits and rows. */
  statements?: { cypher: string; dbHits: number; rows: number }[];
  /** Response size (JSON characters). */
  bytes?: number;
  /** CPU time of the serving process per request under load (raw: the bench process running the driver). */
  serverCpuMsPerReq: number | null;
  /** CPU time of the Neo4j JVM per request under load. */
  dbCpuMsPerReq: number | null;
}

export interface WorkloadResult {
  name: string;
  question: string;
  kind: 'lookup' | 'list' | 'global';
  peerTarget: boolean;
  /** How many distinct inputs (ids, codes, texts) the popularity-skewed sequence holds. */
  distinctInputs?: number;
  /** chipgraph's normalised answers equal the HTTP floor's on the inputs checked (bench/answers.ts). */
  answersEqual?: boolean;
  answerDiff?: string[];
  /** The peer's answer mapped onto chipgraph's equals it (null: the peer has no query for it). */
  peerAnswersEqual?: boolean | null;
  /** Measured while the one-minute load average exceeded 4. */
  noisy?: boolean;
  chipgraph: VariantResult | null;
  chipgraphError?: string;
  /** The floor's one statement through neo4j-driver in the bench process. */
  rawCypher: VariantResult | null;
  /** The same statement behind a bare node:http server (bench/floor/server.ts). */
  httpFloor?: VariantResult | null;
  neo4jGraphql: VariantResult | null;
  neo4jGraphqlNote?: string;
}

export interface ScaleResult {
  scale: string;
  quick: boolean;
  command: string;
  finishedAt: string;
  durationS: number;
  machine: Record<string, unknown>;
  graph: {
    nodes: number;
    relationships: number;
    loadMs: number;
    synthetic: null | {
      nodes: number;
      relationships: number;
      nodeMs: number;
      relMs: number;
      relsPerS: number;
    };
    target: unknown;
  };
  startup: Record<string, number | null>;
  memory: Record<string, unknown>;
  /** A server process that exited during the run (null: it ran to the end). */
  unexpectedExits?: Record<string, unknown>;
  /** Some workload was measured while the one-minute load average exceeded 4. */
  noisy?: boolean;
  /** Concurrency 64 on the heaviest workload (bench/overload.ts). */
  overload?: OverloadResult | null;
  workloads: WorkloadResult[];
}

const SCALE_ORDER = ['seed', 'small', 'medium', 'large'];
const VARIANTS = [
  { key: 'rawCypher', label: 'floor (in process)', color: '#6b7280', dash: '4 3' },
  { key: 'httpFloor', label: 'HTTP floor', color: '#16a34a', dash: '2 2' },
  { key: 'chipgraph', label: 'chipgraph', color: '#2563eb', dash: '' },
  { key: 'neo4jGraphql', label: '@neo4j/graphql', color: '#dc2626', dash: '' },
] as const;

export const fmt = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '–' : x.toFixed(digits);
export const ratio = (a: number | undefined, b: number | undefined) => (a && b ? a / b : null);

function workloadTable(r: ScaleResult): string {
  const head =
    '| workload | same answer (floor / peer) | p50 ms: floor / HTTP floor / chipgraph / peer | chipgraph p95 / p99 ms | chipgraph ÷ HTTP floor p50 | ' +
    'rps c1 · c8 · c32 · c64: HTTP floor | rps c1 · c8 · c32 · c64: chipgraph | rps c1 · c8 · c32 · c64: peer | chipgraph ÷ peer rps | Cypher statements cg / peer | db hits floor / cg / peer | CPU ms/req server+Neo4j: HTTP floor / cg / peer | errors · 503 under load (cg) |';
  const lines = [head, `|${' --- |'.repeat(13)}`];
  const eq = (x: boolean | null | undefined) => (x === true ? 'yes' : x === false ? '**no**' : '–');
  const rps = (v: VariantResult | null | undefined) =>
    v ? [v.rpsC1, v.rpsC8, v.rpsC32, v.rpsC64].map((x) => fmt(x, 0)).join(' · ') : '–';
  const cpu = (v: VariantResult | null | undefined) =>
    v && v.serverCpuMsPerReq !== null ? fmt(v.serverCpuMsPerReq + (v.dbCpuMsPerReq ?? 0), 1) : '–';
  for (const w of r.workloads) {
    const { rawCypher: raw, httpFloor: hf, chipgraph: cg, neo4jGraphql: peer } = w;
    lines.push(
      `| ${w.name}${w.noisy ? ' (noisy)' : ''} | ${eq(w.answersEqual)} / ${eq(w.peerAnswersEqual)} | ${fmt(raw?.p50Ms)} / ${fmt(hf?.p50Ms)} / ${cg ? fmt(cg.p50Ms) : 'error'} / ${fmt(peer?.p50Ms)} | ` +
        `${fmt(cg?.p95Ms)} / ${fmt(cg?.p99Ms)} | ${fmt(ratio(cg?.p50Ms, hf?.p50Ms), 2)} | ${rps(hf)} | ${rps(cg)} | ${rps(peer)} | ${fmt(ratio(cg?.rps, peer?.rps), 2)} | ` +
        `${cg?.cypherQueries ?? '–'} / ${peer?.cypherQueries ?? '–'} | ${raw?.dbHits ?? '–'} / ${cg?.dbHits ?? '–'} / ${peer?.dbHits ?? '–'} | ` +
        `${cpu(hf)} / ${cpu(cg)} / ${cpu(peer)} | ${cg ? `${cg.errorsUnderLoad} · ${cg.overloadedUnderLoad ?? 0}` : '–'} |`,
    );
  }
  return lines.join('\n');
}

function notes(r: ScaleResult): string {
  const lines = r.workloads
    .filter((w) => w.neo4jGraphqlNote || w.chipgraphError || w.answerDiff)
    .map(
      (w) =>
        `- **${w.name}**: ${[
          w.chipgraphError ? `chipgraph error: \`${w.chipgraphError}\`` : '',
          w.answerDiff ? `chipgraph ≠ HTTP floor: \`${w.answerDiff.slice(0, 3).join('; ')}\`` : '',
          w.neo4jGraphqlNote
            ? `@neo4j/graphql ${w.neo4jGraphql ? '' : '(no row) '}— ${w.neo4jGraphqlNote}`
            : '',
        ]
          .filter(Boolean)
          .join('; ')}`,
    );
  const o = r.overload;
  if (o) {
    lines.push(
      `- **overload** (${o.workload}, concurrency ${o.concurrency}, ${o.durationS} s): ${o.window.ok} answered, ` +
        `${o.window.overloaded} refused with SERVICE_OVERLOADED, ${o.window.errors} errors; p50 ${fmt(o.window.p50Ms)} ms, ` +
        `p99 ${fmt(o.window.p99Ms)} ms; crashed: ${o.crashed ? 'yes' : 'no'}; answers afterwards: ${o.answersAfter ? 'yes' : 'no'}`,
    );
  }
  return lines.join('\n');
}

/** db hits per request across scales: lists should follow their answer, not the graph. */
function scaling(results: ScaleResult[]): string {
  const names = [...new Set(results.flatMap((r) => r.workloads.map((w) => w.name)))];
  const head = `| workload | ${results.map((r) => `${r.scale}: db hits cg (raw) · p50 ms · answer chars`).join(' | ')} |`;
  const lines = [head, `|${' --- |'.repeat(results.length + 1)}`];
  for (const n of names) {
    const cells = results.map((r) => {
      const w = r.workloads.find((x) => x.name === n);
      const cg = w?.chipgraph;
      return w
        ? `${cg?.dbHits ?? '–'} (${w.rawCypher?.dbHits ?? '–'}) · ${fmt(cg?.p50Ms)} · ${cg?.bytes ?? w.rawCypher?.bytes ?? '–'}`
        : '–';
    });
    lines.push(`| ${n} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Small multiples: p50 latency (log scale) vs scale, one panel per workload, one line per variant. */
export function chartSvg(results: ScaleResult[]): string {
  const scales = results.map((r) => r.scale);
  const names = [...new Set(results.flatMap((r) => r.workloads.map((w) => w.name)))];
  const cols = 3;
  const pw = 260;
  const ph = 170;
  const m = { l: 44, r: 26, t: 26, b: 30 };
  const rows = Math.ceil(names.length / cols);
  const width = cols * pw;
  const height = rows * ph + 40;
  const values = results.flatMap((r) =>
    r.workloads.flatMap((w) => VARIANTS.map((v) => w[v.key]?.p50Ms).filter((x): x is number => !!x)),
  );
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  VARIANTS.forEach((v, i) => {
    const x = 10 + i * 140;
    parts.push(
      `<line x1="${x}" y1="${height - 14}" x2="${x + 24}" y2="${height - 14}" stroke="${v.color}" stroke-width="2" stroke-dasharray="${v.dash}"/>`,
      `<text x="${x + 28}" y="${height - 10}">${v.label}</text>`,
    );
  });
  parts.push(
    `<text x="${width - 10}" y="${height - 10}" text-anchor="end">p50 latency at concurrency 1, ms (log scale)</text>`,
  );
  names.forEach((name, i) => {
    const ox = (i % cols) * pw;
    const oy = Math.floor(i / cols) * ph;
    const iw = pw - m.l - m.r;
    const ih = ph - m.t - m.b;
    const x = (k: number) => ox + m.l + (scales.length === 1 ? iw / 2 : (k / (scales.length - 1)) * iw);
    const y = (ms: number) =>
      oy + m.t + ih - ((Math.log10(ms) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * ih;
    parts.push(`<text x="${ox + m.l}" y="${oy + 16}" font-weight="bold" font-size="11">${name}</text>`);
    parts.push(
      `<rect x="${ox + m.l}" y="${oy + m.t}" width="${iw}" height="${ih}" fill="none" stroke="#ddd"/>`,
    );
    for (let d = lo; d <= hi; d *= 10) {
      parts.push(
        `<line x1="${ox + m.l}" x2="${ox + m.l + iw}" y1="${y(d)}" y2="${y(d)}" stroke="#eee"/>`,
        `<text x="${ox + m.l - 4}" y="${y(d) + 3}" text-anchor="end">${d}</text>`,
      );
    }
    scales.forEach((s, k) =>
      parts.push(`<text x="${x(k)}" y="${oy + ph - 12}" text-anchor="middle">${s}</text>`),
    );
    for (const v of VARIANTS) {
      const pts = results
        .map((r, k) => ({
          k,
          ms: (r.workloads.find((w) => w.name === name)?.[v.key] as VariantResult | null)?.p50Ms,
        }))
        .filter((p): p is { k: number; ms: number } => !!p.ms);
      if (!pts.length) continue;
      parts.push(
        `<polyline fill="none" stroke="${v.color}" stroke-width="2" stroke-dasharray="${v.dash}" points="${pts.map((p) => `${x(p.k).toFixed(1)},${y(p.ms).toFixed(1)}`).join(' ')}"/>`,
        ...pts.map(
          (p) => `<circle cx="${x(p.k).toFixed(1)}" cy="${y(p.ms).toFixed(1)}" r="2.5" fill="${v.color}"/>`,
        ),
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function scaleSection(r: ScaleResult): string {
  const g = r.graph;
  const syn = g.synthetic;
  const mem = r.memory as Record<string, { rssMb: number; peakRssMb: number } | null>;
  const memText = Object.entries(mem)
    .map(([k, v]) => `${k} ${v ? `${v.rssMb} MB (peak ${v.peakRssMb})` : '–'}`)
    .join(', ');
  return [
    `### ${r.scale}${r.quick ? ' (--quick)' : ''}`,
    '',
    `\`${r.command}\` — finished ${r.finishedAt} in ${r.durationS} s. Graph: ${g.nodes.toLocaleString('en')} nodes, ` +
      `${g.relationships.toLocaleString('en')} relationships, loaded in ${(g.loadMs / 1000).toFixed(1)} s` +
      (syn
        ? ` (synthetic relationships: ${syn.relsPerS.toLocaleString('en')}/s with the real loader, per-batch transactions)`
        : '') +
      '.',
    '',
    `Machine: ${JSON.stringify(r.machine)}`,
    '',
    `Start-up to first answer: \`npm start\` (build included) ${r.startup.npmStartToFirstAnswerMs ?? 'not timed with --quick'} ms, ` +
      `\`node dist/main.js\` ${r.startup.nodeDistToFirstAnswerMs} ms, @neo4j/graphql ${r.startup.neo4jGraphqlToFirstAnswerMs} ms. ` +
      (r.noisy
        ? 'Marked **noisy**: the one-minute load average exceeded 4 while some workload was measured. '
        : '') +
      `Memory (RSS after the run): ${memText}.`,
    '',
    workloadTable(r),
    '',
    notes(r),
    '',
  ].join('\n');
}

const START = '<!-- generated:start (bench/report.ts rewrites this part; write analysis outside it) -->';
const END = '<!-- generated:end -->';

export function writeReports(benchDir: string, result: ScaleResult): void {
  const resultsDir = path.join(benchDir, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${result.scale}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${scaleSection(result)}\n`);

  const all = SCALE_ORDER.flatMap((s) => {
    const file = path.join(resultsDir, `${s}.json`);
    return fs.existsSync(file) ? [JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleResult] : [];
  });
  // Results from before the issue-11 bench (no HTTP floor, no answer check) are listed, not tabulated.
  const isCurrent = (r: ScaleResult) => r.workloads.some((w) => w.answersEqual !== undefined);
  const results = all.filter(isCurrent);
  const stale = all.filter((r) => !isCurrent(r)).map((r) => r.scale);
  fs.writeFileSync(path.join(benchDir, 'latency-vs-scale.svg'), chartSvg(results));
  const generated = [
    START,
    '',
    '## Targets (issue 11), as measured',
    '',
    targets(results),
    '',
    ...(stale.length
      ? [
          `Not shown: results/${stale.join('.json, results/')}.json predate this bench (no HTTP floor, no answer check); rerun those scales.`,
          '',
        ]
      : []),
    '## Latency vs scale',
    '',
    '![p50 latency vs scale per workload](latency-vs-scale.svg)',
    '',
    '## Work per request across scales',
    '',
    'PROFILE db hits of the Cypher each variant ran for one request (chipgraph: every statement it sent, summed), the',
    'p50 and the answer size. Lists should follow their answer, not the graph.',
    '',
    scaling(results),
    '',
    '## Results per scale',
    '',
    ...results.map(scaleSection),
    END,
  ].join('\n');
  const file = path.join(benchDir, 'RESULTS.md');
  const current = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# chipgraph benchmark results\n\n' + START + '\n' + END + '\n';
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  const next =
    a >= 0 && b > a
      ? current.slice(0, a) + generated + current.slice(b + END.length)
      : `${current}\n${generated}\n`;
  fs.writeFileSync(file, next);
  process.stderr.write(
    `[bench] wrote ${path.relative(process.cwd(), path.join(resultsDir, `${result.scale}.json`))} and bench/RESULTS.md\n`,
  );
}
