// Keyset pagination without a database: the ORDER BY and the "strictly after the cursor" predicate that
// src/db/repositories/keyset.ts generates (read back here by a tiny evaluator of exactly that shape, so paging
// through rows with ties and unknown values is checked), and the opaque cursor codec of src/domain/arguments.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterPredicate,
  keyExpr,
  keyListExpr,
  orderByClause,
  pageWithTotal,
  type SortKey,
} from '../../src/db/repositories/keyset.js';
import { decodeCursor, encodeCursor } from '../../src/domain/arguments.js';
import { ChipgraphError } from '../../src/errors.js';

const str = (expr: string, direction: 'ASC' | 'DESC' = 'ASC'): SortKey => ({
  expr,
  type: 'string',
  direction,
});
const num = (expr: string, direction: 'ASC' | 'DESC' = 'ASC'): SortKey => ({
  expr,
  type: 'number',
  direction,
});

describe('keyExpr: unknown values sort last in either direction', () => {
  it('uses a sentinel above every string ascending and below every string descending', () => {
    expect(keyExpr(str('n.name'))).toBe("coalesce(n.name, '\uffff')");
    expect(keyExpr(str('n.name', 'DESC'))).toBe("coalesce(n.name, '')");
  });

  it('uses the largest and the smallest finite double for numbers', () => {
    expect(keyExpr(num('n.memoryGb'))).toBe('coalesce(n.memoryGb, 1.0e308)');
    expect(keyExpr(num('n.memoryGb', 'DESC'))).toBe('coalesce(n.memoryGb, -1.0e308)');
  });

  it('keeps an expression that itself contains commas whole', () => {
    const k = str('coalesce(n.released, n.announced)', 'DESC');
    expect(keyExpr(k)).toBe("coalesce(coalesce(n.released, n.announced), '')");
  });
});

describe('orderByClause and keyListExpr', () => {
  const keys = [str('m.released', 'DESC'), str('m.id'), num('r.weight', 'DESC')];

  it('orders by each coalesced key with its own direction, in the given order', () => {
    expect(orderByClause(keys)).toBe(
      "coalesce(m.released, '') DESC, coalesce(m.id, '\uffff') ASC, coalesce(r.weight, -1.0e308) DESC",
    );
  });

  it('returns the same coalesced expressions as a list, so a cursor holds what the ORDER BY compared', () => {
    expect(keyListExpr(keys)).toBe(
      "[coalesce(m.released, ''), coalesce(m.id, '\uffff'), coalesce(r.weight, -1.0e308)]",
    );
  });
});

describe('afterPredicate', () => {
  it('for one key is a single strict comparison', () => {
    expect(afterPredicate([str('n.name')])).toBe("((coalesce(n.name, '\uffff') > $after[0]))");
    expect(afterPredicate([num('n.x', 'DESC')])).toBe('((coalesce(n.x, -1.0e308) < $after[0]))');
  });

  it('for several keys is the lexicographic "after": equal on a prefix, then strictly past the next key', () => {
    expect(afterPredicate([str('m.released', 'DESC'), str('m.id')])).toBe(
      "((coalesce(m.released, '') < $after[0]) OR " +
        "(coalesce(m.released, '') = $after[0] AND coalesce(m.id, '\uffff') > $after[1]))",
    );
  });

  it('names the parameter it is given', () => {
    const p = afterPredicate([str('a'), str('b')], 'cur');
    expect(p).toContain('$cur[0]');
    expect(p).toContain('$cur[1]');
    expect(p).not.toContain('$after');
  });

  it('has one disjunct per key, the i-th with i equalities and one strict comparison', () => {
    const p = afterPredicate([str('a'), num('b', 'DESC'), str('c', 'DESC')]);
    const disjuncts = p.slice(1, -1).split(' OR ');
    expect(disjuncts).toHaveLength(3);
    disjuncts.forEach((d, i) => {
      expect(d.match(/ = \$after\[/g) ?? []).toHaveLength(i);
      expect(d.match(/ [<>] \$after\[/g) ?? []).toHaveLength(1);
      expect(d).toContain(`$after[${i}])`);
    });
  });
});

// --- A tiny evaluator of the generated Cypher (only the shapes keyset.ts emits, over plain `v.prop` keys). ---

type Row = Record<string, string | number | null>;

const SENTINELS: Record<string, string | number> = {
  "'\uffff'": '\uffff',
  "''": '',
  '1.0e308': 1.0e308,
  '-1.0e308': -1.0e308,
};
const TERM = /^coalesce\((\w+\.\w+), ('\uffff'|''|-?1\.0e308)\)$/;

function value(term: string, row: Row): string | number {
  const m = TERM.exec(term);
  if (!m) throw new Error(`unexpected key expression ${term}`);
  const v = row[m[1]!.split('.')[1]!];
  return v === null || v === undefined ? SENTINELS[m[2]!]! : v;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort rows as the ORDER BY text says. */
function orderBy(clause: string, rows: Row[]): Row[] {
  const parts = clause.split(/ (ASC|DESC)(?:, |$)/).filter(Boolean);
  const keys: [string, number][] = [];
  for (let i = 0; i < parts.length; i += 2) keys.push([parts[i]!, parts[i + 1] === 'ASC' ? 1 : -1]);
  return [...rows].sort((x, y) => {
    for (const [t, dir] of keys) {
      const c = cmp(value(t, x), value(t, y)) * dir;
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Evaluate the afterPredicate text against one row and the cursor's key list. */
function isAfter(predicate: string, row: Row, after: (string | number)[]): boolean {
  return predicate
    .slice(2, -2)
    .split(') OR (')
    .some((conj) =>
      conj.split(' AND ').every((atom) => {
        const m = /^(.*) (=|<|>) \$after\[(\d+)\]$/.exec(atom);
        if (!m) throw new Error(`unexpected atom ${atom}`);
        const c = cmp(value(m[1]!, row), after[Number(m[3])]!);
        return m[2] === '=' ? c === 0 : m[2] === '<' ? c < 0 : c > 0;
      }),
    );
}

function keyList(list: string, row: Row): (string | number)[] {
  return list
    .slice(1, -1)
    .split(/, (?=coalesce\()/)
    .map((t) => value(t, row));
}

describe('paging with the generated Cypher', () => {
  const keys = [str('v.released', 'DESC'), num('v.size'), str('v.id')];
  const rows: Row[] = [
    { id: 'a', released: '2024', size: 3 },
    { id: 'b', released: null, size: 1 },
    { id: 'c', released: '2024', size: null },
    { id: 'd', released: '2023', size: 3 },
    { id: 'e', released: '2024', size: 3 },
    { id: 'f', released: null, size: null },
    { id: 'g', released: '2025', size: 7 },
  ];

  it('puts unknown values last whatever the direction', () => {
    expect(orderBy(orderByClause(keys), rows).map((r) => r.id)).toEqual(['g', 'a', 'e', 'c', 'd', 'b', 'f']);
  });

  it('visits every row exactly once, in order, page after page', () => {
    const sorted = orderBy(orderByClause(keys), rows);
    const seen: Row[] = [];
    let after: (string | number)[] | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const candidates: Row[] = after ? rows.filter((r) => isAfter(afterPredicate(keys), r, after!)) : rows;
      const page = orderBy(orderByClause(keys), candidates).slice(0, 2);
      if (page.length === 0) break;
      seen.push(...page);
      after = keyList(keyListExpr(keys), page.at(-1)!);
    }
    expect(seen.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });

  it('holds for any rows, sort directions and page size (unique last key)', () => {
    const cell = fc.option(fc.constantFrom('x', 'y', 'z'), { nil: null });
    const numCell = fc.option(fc.integer({ min: -3, max: 3 }), { nil: null });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), s: cell, x: numCell }), {
          selector: (r) => r.id,
          maxLength: 12,
        }),
        fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
        fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
        fc.integer({ min: 1, max: 4 }),
        (data, d1, d2, size) => {
          const ks = [str('v.s', d1), num('v.x', d2), str('v.id')];
          const all = orderBy(orderByClause(ks), data);
          const seen: Row[] = [];
          let after: (string | number)[] | null = null;
          for (let guard = 0; guard <= data.length; guard++) {
            const rest: Row[] = after ? data.filter((r) => isAfter(afterPredicate(ks), r, after!)) : data;
            const page = orderBy(orderByClause(ks), rest).slice(0, size);
            if (page.length === 0) break;
            seen.push(...page);
            after = keyList(keyListExpr(ks), page.at(-1)!);
          }
          expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('pageWithTotal', () => {
  const page = (total: string) => `MATCH (n) RETURN ${total}collect(n) AS page`;

  it('without a count returns the page alone, with a null total column', () => {
    expect(pageWithTotal(null, page)).toBe('MATCH (n) RETURN null AS total, collect(n) AS page');
  });

  it('with a count runs the count and the page as two subqueries of one statement', () => {
    expect(pageWithTotal('MATCH (n) RETURN count(n) AS total', page)).toBe(
      'CALL { MATCH (n) RETURN count(n) AS total }\nCALL { MATCH (n) RETURN collect(n) AS page }\nRETURN total, page',
    );
  });
});

describe('cursor codec (src/domain/arguments.ts)', () => {
  const SIG = 'chips:NAME-ASC';

  function rejection(fn: () => unknown): ChipgraphError {
    try {
      fn();
    } catch (e) {
      if (e instanceof ChipgraphError) return e;
      throw e;
    }
    throw new Error('expected a ChipgraphError');
  }

  it('round-trips key lists of strings, numbers, nulls and non-ASCII text', () => {
    const keys = ['昇腾 910b', 1.0e308, null, '', '\uffff', -3.5];
    const cursor = encodeCursor(keys, SIG);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, SIG)).toEqual(keys);
  });

  it('reads no cursor as no cursor', () => {
    expect(decodeCursor(null, SIG)).toBeNull();
    expect(decodeCursor(undefined, SIG)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['empty', ''],
    ['a tampered first character', 'f' + encodeCursor(['a'], SIG).slice(1)],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['keys that are not a list', Buffer.from(JSON.stringify({ k: 'a', s: SIG })).toString('base64url')],
    ['no signature', Buffer.from(JSON.stringify({ k: ['a'] })).toString('base64url')],
  ])('rejects %s as BAD_USER_INPUT on `after`', (_, cursor) => {
    const e = rejection(() => decodeCursor(cursor, SIG));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.extensions.argument).toBe('after');
    expect(e.message).toMatch(/^Argument "after": is not a cursor from this API/);
  });

  it('rejects a cursor made for another ordering, naming `after`', () => {
    const e = rejection(() => decodeCursor(encodeCursor(['a'], 'chips:NAME-DESC'), SIG));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.extensions.argument).toBe('after');
    expect(e.message).toContain('different orderBy or filter');
  });

  it('names the argument it is given', () => {
    const e = rejection(() => decodeCursor('zzz', SIG, 'changesAfter'));
    expect(e.extensions.argument).toBe('changesAfter');
    expect(e.message).toMatch(/^Argument "changesAfter"/);
  });
});
