// Full-text search over names and aliases (index `entity_names`), and "did you mean" suggestions for unknown ids
// (index `entity_ids`).
import type { Node } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import type { EntityLabel } from '../ontology.js';
import { toEntity, type EntityView } from './records.js';

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** Escape Lucene's query syntax so user text is always searched as text. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * Build a Lucene query from user text: every word must match (AND), each as an exact term (boosted), a prefix
 * ("910" finds "910B") or, for longer words, a fuzzy term ("cambrikon" finds "Cambricon").
 */
export function luceneQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => w.replace(LUCENE_SPECIAL, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 8)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return null;
  const groups = words.map((w) => {
    const e = escapeLucene(w);
    const parts = [`${e}^4`];
    // Wildcard and fuzzy terms skip the analyzer, so only use them on words that are single index terms.
    // Long words (part numbers at most) get neither: a fuzzy automaton over a long term is costly.
    if (/^[\p{Script=Latin}\p{N}]+$/u.test(w) && w.length <= 40) {
      parts.push(`${e}*^2`);
      if (w.length >= 5) parts.push(`${e}~${w.length >= 8 ? 2 : 1}`);
    }
    return `(${parts.join(' OR ')})`;
  });
  return groups.join(' AND ');
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

const LUCENE_REFUSED = 'Neo.ClientError.Procedure.ProcedureCallFailed';

/** Index hits ranked by edit distance per unknown id: enough for every id sharing a word with it in the seed. */
const SUGGESTION_CANDIDATES = 200;

/**
 * A Lucene query over the words of an id (`nvidia-h10` → nvidia, h10), any of which may match: exact (boosted), as
 * a prefix, within one edit (two from 3 letters), and by its first three letters, so that a typo, a missing first
 * letter or a dropped hyphen (`nvidiaa40`) still reach their neighbours; edit distance then ranks those few.
 */
export function idQuery(id: string): string | null {
  // Lower case: Lucene's operators (AND, OR, NOT) are upper-case words.
  const words = id
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const e = escapeLucene(w);
      // Prefix and fuzzy automata over a long word are costly (Lucene refuses the largest): exact only past 40.
      const parts = w.length <= 40 ? [`${e}^4`, `${e}*^2`] : [`${e}^4`];
      if (w.length >= 2 && w.length <= 40) parts.push(`${e}~${w.length >= 3 ? 2 : 1}`);
      if (w.length >= 5) parts.push(`${escapeLucene(w.slice(0, 3))}*`);
      return `(${parts.join(' OR ')})`;
    })
    .join(' OR ');
}

export class SearchRepository {
  constructor(private readonly executor: Executor) {}

  async search(
    text: string,
    labels: EntityLabel[] | null,
    first: number,
  ): Promise<{ entity: EntityView; score: number }[]> {
    const query = luceneQuery(text);
    if (!query) return [];
    const res = await this.executor.read<{ n: Node; score: number }>(
      `CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node AS n, score
       WHERE n.retracted IS NULL AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       RETURN n, score ORDER BY score DESC, n.id LIMIT toInteger($first)`,
      { query, labels, first },
    );
    return res.records.map((r) => ({ entity: toEntity(r.get('n')), score: r.get('score') }));
  }

  /**
   * Up to `limit` existing ids closest to an unknown one (of one label, or any entity). The candidates come from
   * the `entity_ids` full-text index (each word of the id exact, as a prefix, or within one or two edits), at most
   * SUGGESTION_CANDIDATES of them; only those are ranked here by edit distance, never every id of the label.
   */
  async closestIds(id: string, label: EntityLabel | null, limit = 3): Promise<string[]> {
    const needle = id.toLowerCase();
    const query = idQuery(needle);
    if (!query) return [];
    const res = await this.executor
      .read<{ id: string }>(
        `CALL db.index.fulltext.queryNodes('entity_ids', $query, {limit: $candidates}) YIELD node
         WHERE $label IS NULL OR $label IN labels(node)
         RETURN node.id AS id`,
        { query, label, candidates: SUGGESTION_CANDIDATES },
      )
      .catch((err: unknown) => {
        // Suggestions are a courtesy: a query Lucene refuses leaves the NOT_FOUND answer without them.
        if ((err as { code?: string }).code === LUCENE_REFUSED) return { records: [] };
        throw err;
      });
    return res.records
      .map((r) => r.get('id'))
      .map((candidate) => {
        const contains = candidate.includes(needle) || (candidate.length >= 4 && needle.includes(candidate));
        return { candidate, d: candidate === needle ? 0 : contains ? 0.5 : levenshtein(needle, candidate) };
      })
      .filter((x) => x.d <= Math.max(3, needle.length / 3))
      .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
      .slice(0, limit)
      .map((x) => x.candidate);
  }
}
