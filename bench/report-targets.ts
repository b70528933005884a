// The targets of issue 11, checked on every scale present (ratios within one run).
import { fmt, ratio, type ScaleResult, type VariantResult, type WorkloadResult } from './report.js';

const cpu = (v: VariantResult | null | undefined) =>
  v && v.serverCpuMsPerReq !== null ? v.serverCpuMsPerReq + (v.dbCpuMsPerReq ?? 0) : undefined;

function row(
  target: string,
  scale: string,
  cells: { name: string; value: number | null; ok: boolean }[],
  unit = '×',
  digits = 2,
) {
  if (!cells.length) return `| ${target} | ${scale} | not measured | – |`;
  const misses = cells.filter((c) => !c.ok);
  const verdict = misses.length ? `misses ${misses.length}/${cells.length}` : 'holds';
  return `| ${target} | ${scale} | ${verdict} | ${cells.map((c) => `${c.name}${c.value === null ? '' : ` ${fmt(c.value, digits)}${unit}`}${c.ok ? '' : ' ✗'}`).join(', ')} |`;
}

const measured = (r: ScaleResult, f: (w: WorkloadResult) => boolean) =>
  r.workloads.filter((w) => w.chipgraph && f(w));

export function targets(results: ScaleResult[]): string {
  const rows: string[] = ['| target | scale | result | details |', '| --- | --- | --- | --- |'];
  for (const r of results) {
    const s = `${r.scale}${r.quick ? ' (quick)' : ''}${r.noisy ? ', noisy' : ''}`;
    if (r.workloads.every((w) => w.answersEqual === undefined)) {
      rows.push(
        `| every target | ${s} | not measured | this result predates the issue-11 bench (no HTTP floor, no answer check); rerun the scale |`,
      );
      continue;
    }
    rows.push(
      row(
        'chipgraph and the HTTP floor answer the same',
        s,
        r.workloads.map((w) => ({ name: w.name, value: null, ok: w.answersEqual === true })),
        '',
      ),
    );
    rows.push(
      row(
        'chipgraph p50 ≤ 1.2 × HTTP floor',
        s,
        measured(r, (w) => !!w.httpFloor).map((w) => {
          const v = ratio(w.chipgraph!.p50Ms, w.httpFloor!.p50Ms);
          return { name: w.name, value: v, ok: v !== null && v <= 1.2 };
        }),
      ),
    );
    rows.push(
      row(
        'chipgraph rps ≥ 2 × @neo4j/graphql (same question)',
        s,
        measured(r, (w) => !!w.neo4jGraphql).map((w) => {
          const v = ratio(w.chipgraph!.rps, w.neo4jGraphql!.rps);
          return { name: w.name, value: v, ok: v !== null && v >= 2 };
        }),
      ),
    );
    rows.push(
      row(
        '1 Cypher statement per request',
        s,
        measured(r, () => true).map((w) => ({
          name: w.name,
          value: w.chipgraph!.cypherQueries ?? null,
          ok: w.chipgraph!.cypherQueries === 1,
        })),
        '',
        0,
      ),
    );
    rows.push(
      row(
        'CPU/request (server + Neo4j) ≤ 1.3 × HTTP floor',
        s,
        measured(r, (w) => !!w.httpFloor).map((w) => {
          const v = ratio(cpu(w.chipgraph), cpu(w.httpFloor));
          return { name: w.name, value: v, ok: v !== null && v <= 1.3 };
        }),
      ),
    );
    const o = r.overload;
    rows.push(
      o
        ? `| c=64 for ${o.durationS} s on the heaviest workload: answered or SERVICE_OVERLOADED | ${s} | ${o.holds ? 'holds' : 'misses'} | ${o.workload}: ${o.window.ok} answered, ${o.window.overloaded} × 503 SERVICE_OVERLOADED, ${o.window.errors} errors, crashed ${o.crashed ? 'yes' : 'no'} |`
        : `| c=64 on the heaviest workload | ${s} | not measured | – |`,
    );
  }
  const small = results.find((x) => x.scale === 'small');
  const large = results.find((x) => x.scale === 'large');
  if (small && large) {
    rows.push(
      row(
        'lookup p50 at large ≤ 1.5 × at small',
        'small→large',
        small.workloads
          .filter((w) => w.kind === 'lookup')
          .map((w) => {
            const v = ratio(
              large.workloads.find((x) => x.name === w.name)?.chipgraph?.p50Ms,
              w.chipgraph?.p50Ms,
            );
            return { name: w.name, value: v, ok: v !== null && v <= 1.5 };
          }),
      ),
    );
  } else {
    rows.push(
      '| lookup p50 at large ≤ 1.5 × at small | small→large | not measured | needs results/small.json and results/large.json |',
    );
  }
  return rows.join('\n');
}
