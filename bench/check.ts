// The answer check that runs before any timing: chipgraph against the HTTP floor on every workload (a difference
// fails the run unless --allow-diff), and the peer against chipgraph where it has a query (a difference drops the
// peer from that workload, with the diff as its note).
import { compareAnswers, type Comparison } from './answers.js';
import { distinct, type Input } from './inputs.js';
import { log } from './processes.js';
import type { Target } from './targets.js';
import type { Workload } from './workloads.js';

export interface AnswerCheck {
  floor: Comparison;
  peer: Comparison | null;
}

const safe = async (what: string, fn: () => Promise<Comparison>): Promise<Comparison> => {
  try {
    return await fn();
  } catch (err) {
    return {
      equal: false,
      inputs: 0,
      diff: [`${what}: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
};

export async function checkAnswers(
  w: Workload,
  inputs: Input[],
  count: number,
  chipgraph: Target,
  floor: Target,
  peer: Target | null,
): Promise<AnswerCheck> {
  const sample = distinct(inputs, count);
  const floorCmp = await safe('answer', () =>
    compareAnswers(
      sample,
      w.ordered,
      (i) => chipgraph.data(i),
      (i) => floor.data(i),
    ),
  );
  let peerCmp: Comparison | null = null;
  if (peer && !('unsupported' in w.peer)) {
    const p = w.peer;
    peerCmp = await safe('peer answer', () =>
      compareAnswers(
        sample,
        w.ordered,
        async (i) => p.project((await chipgraph.data(i)) as Record<string, unknown>),
        (i) => peer.data(i),
      ),
    );
  }
  log(
    `  answers on ${sample.length} inputs: chipgraph ${floorCmp.equal ? '=' : '≠'} HTTP floor` +
      (peerCmp ? `, chipgraph ${peerCmp.equal ? '=' : '≠'} @neo4j/graphql` : ''),
  );
  return { floor: floorCmp, peer: peerCmp };
}

/** A readable report of the differences, for the log and the thrown error. */
export function describe(name: string, who: string, c: Comparison): string {
  return [
    `${name}: chipgraph and ${who} answer differently${c.input ? ` for input ${JSON.stringify(c.input)}` : ''} (left: chipgraph, right: ${who})`,
    ...c.diff.map((d) => `    ${d}`),
  ].join('\n');
}
