// The Lucene queries built from user text (src/db/repositories/search-repository.ts), without a database: special
// characters never reach Lucene as syntax, empty text asks nothing, and each word becomes the exact / prefix /
// fuzzy terms the code promises.
import { describe, expect, it } from 'vitest';
import { escapeLucene, idQuery, luceneQuery } from '../../src/db/repositories/search-repository.js';

const SPECIALS = [
  '+',
  '-',
  '!',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '^',
  '"',
  '~',
  '*',
  '?',
  ':',
  '\\',
  '/',
  '&',
  '|',
];

describe('escapeLucene', () => {
  it.each(SPECIALS)('escapes %s with a backslash', (c) => {
    expect(escapeLucene(`a${c}b`)).toBe(`a\\${c}b`);
  });

  it('escapes every character of a run of specials, including && and ||', () => {
    expect(escapeLucene('&&||')).toBe('\\&\\&\\|\\|');
    expect(escapeLucene(SPECIALS.join(''))).toBe(SPECIALS.map((c) => `\\${c}`).join(''));
  });

  it('leaves letters, digits, CJK and spaces alone', () => {
    expect(escapeLucene('H100 昇腾 910B')).toBe('H100 昇腾 910B');
  });
});

describe('luceneQuery', () => {
  it.each(['', '   ', '\t\n', '!!! ??? --', '"" () []'])(
    'asks nothing for text without a letter or digit (%j)',
    (t) => {
      expect(luceneQuery(t)).toBeNull();
    },
  );

  it('requires every word (AND), each as an exact boosted term and a prefix', () => {
    expect(luceneQuery('H100 910')).toBe('(h100^4 OR h100*^2) AND (910^4 OR 910*^2)');
  });

  it('adds a one-edit fuzzy term from 5 letters and a two-edit one from 8', () => {
    expect(luceneQuery('ascend')).toBe('(ascend^4 OR ascend*^2 OR ascend~1)');
    expect(luceneQuery('abcd')).toBe('(abcd^4 OR abcd*^2)');
    expect(luceneQuery('abcdefg')).toContain('abcdefg~1');
    expect(luceneQuery('cambrikon')).toBe('(cambrikon^4 OR cambrikon*^2 OR cambrikon~2)');
  });

  it('searches CJK words as exact terms only (no wildcard or fuzzy that would skip the analyzer)', () => {
    expect(luceneQuery('昇腾')).toBe('(昇腾^4)');
    expect(luceneQuery('华为 ascend')).toBe('(华为^4) AND (ascend^4 OR ascend*^2 OR ascend~1)');
    expect(luceneQuery('Ascend昇腾')).toBe('(ascend昇腾^4)');
  });

  it('drops Lucene syntax from the words, so user text cannot change the query', () => {
    expect(luceneQuery('nvidia AND (h100 OR a100)~ -amd "x" name:*')).toBe(
      '(nvidia^4 OR nvidia*^2 OR nvidia~1) AND (and^4 OR and*^2) AND (h100^4 OR h100*^2) AND ' +
        '(or^4 OR or*^2) AND (a100^4 OR a100*^2) AND (amd^4 OR amd*^2) AND (x^4 OR x*^2) AND (name^4 OR name*^2)',
    );
    const q = luceneQuery('a+b c\\d e/f g&&h i||j k:l')!;
    expect(q.replace(/\^\d|\*|~\d| OR | AND |[()]/g, '')).toMatch(/^[a-z ]*$/);
  });

  it('lower-cases operator words so Lucene reads them as text', () => {
    expect(luceneQuery('NOT OR AND TO')).not.toMatch(/\b(NOT|OR|AND|TO)\^/);
  });

  it('normalises full-width text (NFKC) and keeps hyphenated part numbers as one word', () => {
    expect(luceneQuery('ＨＵＡＷＥＩ')).toBe(luceneQuery('huawei'));
    expect(luceneQuery('910-b')).toBe('(910b^4 OR 910b*^2)');
  });

  it('uses at most 8 words', () => {
    const q = luceneQuery('a b c d e f g h i j')!;
    expect(q.split(' AND ')).toHaveLength(8);
    expect(q).not.toContain('(i^4');
  });

  it('gives a word past 40 characters no prefix or fuzzy term', () => {
    const long = 'a'.repeat(41);
    expect(luceneQuery(long)).toBe(`(${long}^4)`);
    const forty = 'b'.repeat(40);
    expect(luceneQuery(forty)).toBe(`(${forty}^4 OR ${forty}*^2 OR ${forty}~2)`);
  });
});

describe('idQuery', () => {
  it('is null when the id has no letter or digit', () => {
    expect(idQuery('')).toBeNull();
    expect(idQuery('--__..')).toBeNull();
  });

  it('splits an id into words any of which may match: exact, prefix, fuzzy and first three letters', () => {
    expect(idQuery('nvidia-h10')).toBe(
      '(nvidia^4 OR nvidia*^2 OR nvidia~2 OR nvi*) OR (h10^4 OR h10*^2 OR h10~2)',
    );
  });

  it('allows one edit on two-letter words and none on one-letter words', () => {
    expect(idQuery('ab')).toBe('(ab^4 OR ab*^2 OR ab~1)');
    expect(idQuery('a')).toBe('(a^4 OR a*^2)');
  });

  it('lower-cases, so an id cannot smuggle an operator', () => {
    expect(idQuery('NOT-Huawei')).toBe(
      '(not^4 OR not*^2 OR not~2) OR (huawei^4 OR huawei*^2 OR huawei~2 OR hua*)',
    );
  });

  it('keeps CJK words and drops every separator and special character', () => {
    expect(idQuery('huawei/昇腾:910b')).toBe(
      '(huawei^4 OR huawei*^2 OR huawei~2 OR hua*) OR (昇腾^4 OR 昇腾*^2 OR 昇腾~1) OR (910b^4 OR 910b*^2 OR 910b~2)',
    );
  });

  it('uses at most 8 words', () => {
    expect(idQuery('a-b-c-d-e-f-g-h-i-j')!.split(') OR (')).toHaveLength(8);
  });

  it('past 40 characters keeps the exact term and the three-letter prefix only', () => {
    const long = 'x'.repeat(41);
    expect(idQuery(long)).toBe(`(${long}^4 OR xxx*)`);
  });
});
