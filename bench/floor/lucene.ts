// How chipgraph turns search text into a Lucene query (src/db/repositories/search-repository.ts), restated here so
// the floor asks the same question without importing the engine; bench/answers.ts catches any drift.
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const escape = (text: string) => text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);

export function luceneQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => w.replace(LUCENE_SPECIAL, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 8)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const e = escape(w);
      const parts = [`${e}^4`];
      if (/^[\p{Script=Latin}\p{N}]+$/u.test(w) && w.length <= 40) {
        parts.push(`${e}*^2`);
        if (w.length >= 5) parts.push(`${e}~${w.length >= 8 ? 2 : 1}`);
      }
      return `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}
