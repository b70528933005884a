// Inputs drawn from the loaded graph with a popularity skew: candidates ranked by degree (most connected first),
// then a Zipf(1) sequence over them, so popular chips and models are asked often and the long tail sometimes.
// The sequence is deterministic (seeded) and every variant of a workload walks the same one.
import type { Driver } from 'neo4j-driver';
import { createRng, zipf } from './rng.js';
import type { InputKind } from './workloads.js';

export type Input = Record<string, string>;

/** Candidates per input kind, most popular first. Real (seed) entities where the answer must stay small. */
const CANDIDATES: Record<Exclude<InputKind, 'none'>, string> = {
  chip: `MATCH (c:Chip) RETURN {id: c.id} AS input ORDER BY COUNT { (c)--() } DESC, c.id LIMIT 500`,
  model: `MATCH (m:Model) WHERE EXISTS { (m)-[:TRAINED_ON|RUNS_ON]->() }
          RETURN {id: m.id} AS input ORDER BY COUNT { (m)--() } DESC, m.id LIMIT 500`,
  // Chips whose dependents are a realistic list (10-150 facts), most dependents first.
  'list-chip': `MATCH (c:Chip) WITH c, COUNT { (c)<-[:TRAINED_ON|RUNS_ON]-() } AS n WHERE n >= 10 AND n <= 150
                RETURN {id: c.id} AS input ORDER BY n DESC, c.id LIMIT 200`,
  // Real chip vendors (their exposure is the question analysts ask; synthetic head designers own thousands).
  vendor: `MATCH (v:Company)-[:DESIGNS]->(c:Chip) WHERE NOT v.id STARTS WITH 'syn-'
           WITH v, count(c) AS n RETURN {id: v.id} AS input ORDER BY n DESC, v.id LIMIT 50`,
  // A real model and the vendor of a chip it depends on; deepseek-v3 → huawei (4 hops) first.
  pair: `CALL { MATCH (m:Model {id: 'deepseek-v3'}), (v:Company {id: 'huawei'}) RETURN m, v, 1000000 AS w
                UNION
                MATCH (m:Model)-[:TRAINED_ON|RUNS_ON]->(:Chip)<-[:DESIGNS]-(v:Company) WHERE NOT m.id STARTS WITH 'syn-'
                WITH DISTINCT m, v RETURN m, v, COUNT { (m)--() } AS w }
         RETURN {from: m.id, to: v.id} AS input ORDER BY w DESC, m.id, v.id LIMIT 100`,
  // Names of real entities as an analyst types them: the first two words, lower case.
  text: `CALL { RETURN 'ascend 910' AS text, 1000000 AS w
                UNION
                MATCH (n:Chip|Model|Company) WHERE NOT n.id STARTS WITH 'syn-'
                RETURN toLower(reduce(s = '', w IN split(n.name, ' ')[0..2] | s + ' ' + w)) AS text, COUNT { (n)--() } AS w }
         WITH trim(text) AS text, max(w) AS w RETURN {text: text} AS input ORDER BY w DESC, text LIMIT 100`,
  'designer-country': `MATCH (k:Country)<-[:HEADQUARTERED_IN]-(:Company)-[:DESIGNS]->(:Chip)
                       WITH k, count(*) AS n RETURN {cc: k.code} AS input ORDER BY n DESC, k.code LIMIT 15`,
  'developer-country': `MATCH (k:Country)<-[:HEADQUARTERED_IN]-(:Company)-[:DEVELOPS]->(:Model)
                        WITH k, count(*) AS n RETURN {cc: k.code} AS input ORDER BY n DESC, k.code LIMIT 15`,
};

/** `length` inputs for one workload: a Zipf sequence over its candidates (the same seed for every variant). */
export async function drawInputs(
  driver: Driver,
  kind: InputKind,
  length: number,
  seed = 11,
): Promise<Input[]> {
  if (kind === 'none') return [{}];
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const res = await session.executeRead((tx) => tx.run(CANDIDATES[kind]));
    const candidates = res.records.map((r) => r.get('input') as Input);
    if (!candidates.length) throw new Error(`no candidates in the graph for inputs of kind ${kind}`);
    const next = zipf(createRng(seed), candidates.length, 1);
    return Array.from({ length }, () => candidates[next()]!);
  } finally {
    await session.close();
  }
}

/** The first `n` distinct inputs of a sequence (the answers compared before timing). */
export function distinct(inputs: Input[], n: number): Input[] {
  const seen = new Map<string, Input>();
  for (const i of inputs) {
    seen.set(JSON.stringify(i), i);
    if (seen.size >= n) break;
  }
  return [...seen.values()];
}
