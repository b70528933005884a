// Results: bench/results/<scale>.json, a console table, and bench/RESULTS.md (tables of every scale measured so
// far, the targets checked, and an SVG chart of latency vs scale). Hand-written analysis in RESULTS.md outside
// the generated markers is kept.
import fs from 'node:fs';
import path from 'node:path';

export interface VariantResult {
  /** Concurrency 1. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Best of concurrency 8 and 32. */
  rps: number;
  rpsC8: number;
  rpsC32: number;
  errorsUnderLoad: number;
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
  chipgraph: VariantResult | null;
  chipgraphError?: string;
  rawCypher: VariantResult | null;
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
  workloads: WorkloadResult[];
}

const SCALE_ORDER = ['seed', 'small', 'medium', 'large'];
const VARIANTS = [
  { key: 'rawCypher', label: 'raw Cypher', color: '#6b7280', dash: '4 3' },
  { key: 'chipgraph', label: 'chipgraph', color: '#2563eb', dash: '' },
  { key: 'neo4jGraphql', label: '@neo4j/graphql', color: '#dc2626', dash: '' },
] as const;

const fmt = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '–' : x.toFixed(digits);
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? a / b : null);

function workloadTable(r: ScaleResult): string {
  const head =
    '| workload | raw p50 / p95 / p99 ms | chipgraph p50 / p95 / p99 ms | @neo4j/graphql p50 / p95 / p99 ms | ' +
    'rps raw / chipgraph / peer | chipgraph ÷ raw p50 | chipgraph ÷ peer rps | Cypher round trips cg / peer | db hits raw / cg / peer | server CPU ms/req cg / peer | Neo4j CPU ms/req raw / cg / peer |';
  const lines = [head, `|${' --- |'.repeat(11)}`];
  for (const w of r.workloads) {
    const lat = (v: VariantResult | null) =>
      v ? `${fmt(v.p50Ms)} / ${fmt(v.p95Ms)} / ${fmt(v.p99Ms)}` : '–';
    const { rawCypher: raw, chipgraph: cg, neo4jGraphql: peer } = w;
    lines.push(
      `| ${w.name} | ${lat(raw)} | ${cg ? lat(cg) : `error`} | ${lat(peer)} | ${fmt(raw?.rps, 0)} / ${fmt(cg?.rps, 0)} / ${fmt(peer?.rps, 0)} | ` +
        `${fmt(ratio(cg?.p50Ms, raw?.p50Ms), 2)} | ${fmt(ratio(cg?.rps, peer?.rps), 2)} | ${cg?.cypherQueries ?? '–'} / ${peer?.cypherQueries ?? '–'} | ` +
        `${raw?.dbHits ?? '–'} / ${cg?.dbHits ?? '–'} / ${peer?.dbHits ?? '–'} | ${fmt(cg?.serverCpuMsPerReq, 2)} / ${fmt(peer?.serverCpuMsPerReq, 2)} | ` +
        `${fmt(raw?.dbCpuMsPerReq, 2)} / ${fmt(cg?.dbCpuMsPerReq, 2)} / ${fmt(peer?.dbCpuMsPerReq, 2)} |`,
    );
  }
  return lines.join('\n');
}

function notes(r: ScaleResult): string {
  return r.workloads
    .filter((w) => w.neo4jGraphqlNote || w.chipgraphError)
    .map(
      (w) =>
        `- **${w.name}**: ${[w.chipgraphError ? `chipgraph error: \`${w.chipgraphError}\`` : '', w.neo4jGraphqlNote ? `@neo4j/graphql ${w.neo4jGraphql ? '' : '(not measured) '}— ${w.neo4jGraphqlNote}` : ''].filter(Boolean).join('; ')}`,
    )
    .join('\n');
}

/** The issue's targets, checked on every scale present. */
function targets(results: ScaleResult[]): string {
  const rows: string[] = ['| target | scale | result | details |', '| --- | --- | --- | --- |'];
  for (const r of results.filter((x) => x.scale === 'small' || x.scale === 'medium')) {
    const misses = r.workloads.filter(
      (w) => w.chipgraph && w.rawCypher && w.chipgraph.p50Ms > 1.3 * w.rawCypher.p50Ms,
    );
    const measured = r.workloads.filter((w) => w.chipgraph && w.rawCypher);
    rows.push(
      `| chipgraph p50 ≤ 1.3 × raw Cypher, every workload | ${r.scale} | ${measured.length && !misses.length ? 'holds' : `misses ${misses.length}/${measured.length}`} | ` +
        `${misses.map((w) => `${w.name} ${fmt(ratio(w.chipgraph!.p50Ms, w.rawCypher!.p50Ms), 2)}×`).join(', ') || '–'} |`,
    );
  }
  for (const r of results) {
    const peerRows = r.workloads.filter((w) => w.peerTarget && w.chipgraph && w.neo4jGraphql);
    if (!peerRows.length) continue;
    const misses = peerRows.filter((w) => w.chipgraph!.rps < 1.5 * w.neo4jGraphql!.rps);
    rows.push(
      `| chipgraph rps ≥ 1.5 × @neo4j/graphql (nested, dependency) | ${r.scale} | ${misses.length ? `misses ${misses.length}/${peerRows.length}` : 'holds'} | ` +
        `${peerRows.map((w) => `${w.name} ${fmt(ratio(w.chipgraph!.rps, w.neo4jGraphql!.rps), 2)}×`).join(', ')} |`,
    );
  }
  const small = results.find((x) => x.scale === 'small');
  const large = results.find((x) => x.scale === 'large');
  if (small && large) {
    const lookups = small.workloads.filter((w) => w.kind === 'lookup');
    const growth = lookups.map((w) => {
      const l = large.workloads.find((x) => x.name === w.name);
      return { name: w.name, g: ratio(l?.chipgraph?.p50Ms, w.chipgraph?.p50Ms) };
    });
    const misses = growth.filter((g) => g.g === null || g.g >= 2);
    rows.push(
      `| lookup p50 grows < 2× small → large | small→large | ${misses.length ? `misses ${misses.length}/${growth.length}` : 'holds'} | ${growth.map((g) => `${g.name} ${fmt(g.g, 2)}×`).join(', ')} |`,
    );
  } else {
    rows.push(
      '| lookup p50 grows < 2× small → large | small→large | not measured | needs results/small.json and results/large.json |',
    );
  }
  const medium = results.find((x) => x.scale === 'medium');
  if (small && medium) {
    // Latency on a shared 2-core machine swings between runs; db hits per request do not.
    const cells = small.workloads
      .filter((w) => w.kind === 'lookup')
      .map((w) => {
        const m = medium.workloads.find((x) => x.name === w.name);
        return `${w.name} p50 ${fmt(ratio(m?.chipgraph?.p50Ms, w.chipgraph?.p50Ms), 2)}×, db hits ${w.chipgraph?.dbHits ?? '–'} → ${m?.chipgraph?.dbHits ?? '–'}`;
      });
    rows.push(
      `| (proxy) lookups small → medium, 10× the graph | small→medium | see details | ${cells.join('; ')} |`,
    );
  }
  return rows.join('\n');
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

  const results = SCALE_ORDER.flatMap((s) => {
    const file = path.join(resultsDir, `${s}.json`);
    return fs.existsSync(file) ? [JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleResult] : [];
  });
  fs.writeFileSync(path.join(benchDir, 'latency-vs-scale.svg'), chartSvg(results));
  const generated = [
    START,
    '',
    '## Targets (issue 7), as measured',
    '',
    targets(results),
    '',
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
