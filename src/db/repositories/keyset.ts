// Keyset pagination in Cypher: ORDER BY a list of sort keys (unknown values last) and a WHERE that continues
// strictly after the cursor's key tuple. Expressions come from constant maps; values are always parameters.
export interface SortKey {
  /** A Cypher expression over the row variable, from a constant map (never user text). */
  expr: string;
  type: 'string' | 'number';
  direction: 'ASC' | 'DESC';
}

// Sentinels that make unknown values sort last in either direction.
function sentinel(k: SortKey): string {
  if (k.type === 'number') return k.direction === 'ASC' ? '1.0e308' : '-1.0e308';
  return k.direction === 'ASC' ? "'\uffff'" : "''";
}

export function keyExpr(k: SortKey): string {
  return `coalesce(${k.expr}, ${sentinel(k)})`;
}

export function orderByClause(keys: SortKey[]): string {
  return keys.map((k) => `${keyExpr(k)} ${k.direction}`).join(', ');
}

/** A predicate true for rows strictly after `$after` (a list of key values) in the given order. */
export function afterPredicate(keys: SortKey[], param = 'after'): string {
  const ors: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) ands.push(`${keyExpr(keys[j]!)} = $${param}[${j}]`);
    const k = keys[i]!;
    ands.push(`${keyExpr(k)} ${k.direction === 'ASC' ? '>' : '<'} $${param}[${i}]`);
    ors.push(`(${ands.join(' AND ')})`);
  }
  return `(${ors.join(' OR ')})`;
}

/** The list of key values for a row, as Cypher (returned with each row to build its cursor). */
export function keyListExpr(keys: SortKey[]): string {
  return `[${keys.map(keyExpr).join(', ')}]`;
}

/**
 * A page and, when `count` is given, the total over the same MATCH, as one statement of two passes (a count, then a
 * top-k page; one pass that sorts every match timed out at the large bench scale). `page` returns its rows as
 * `page`, given what to put before its collect (`null AS total, ` when there is no count).
 */
export function pageWithTotal(count: string | null, page: (total: string) => string): string {
  return count ? `CALL { ${count} }\nCALL { ${page('')} }\nRETURN total, page` : page('null AS total, ');
}
