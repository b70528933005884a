// Argument rules shared by every question: page sizes, cursors, confidence levels, dates, country codes.
import { badInput } from '../errors.js';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export type ConfidenceLevel = 'CONFIRMED' | 'REPORTED' | 'RUMORED';
const ORDER: ConfidenceLevel[] = ['CONFIRMED', 'REPORTED', 'RUMORED'];

/** The stored confidence values at least as strong as `min` (all of them when min is absent). */
export function confidencesAtLeast(min: ConfidenceLevel | null | undefined): string[] {
  const upto = min ? ORDER.indexOf(min) : ORDER.length - 1;
  return ORDER.slice(0, upto + 1).map((c) => c.toLowerCase());
}

export function pageSize(
  first: number | null | undefined,
  argument = 'first',
  max = MAX_PAGE,
  dflt = DEFAULT_PAGE,
) {
  if (first === null || first === undefined) return dflt;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(argument, `must be between 1 and ${max} (got ${first})`, { min: 1, max });
  }
  return first;
}

/** The longest search text: names and aliases are short, and Lucene's fuzzy automata grow with the term. */
export const MAX_SEARCH_TEXT = 200;

export function searchText(text: string, argument = 'text'): string {
  if (text.length > MAX_SEARCH_TEXT) {
    throw badInput(argument, `must be at most ${MAX_SEARCH_TEXT} characters (got ${text.length})`, {
      max: MAX_SEARCH_TEXT,
    });
  }
  return text;
}

export function intInRange(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(argument, `must be between ${min} and ${max} (got ${value})`, { min, max });
  }
  return value;
}

export function countryCodes(codes: readonly string[] | null | undefined, argument: string): string[] | null {
  if (!codes) return null;
  return codes.map((c) => {
    if (!/^[A-Za-z]{2}$/.test(c)) {
      throw badInput(argument, `"${c}" is not an ISO 3166 alpha-2 country code such as "CN" or "US"`);
    }
    return c.toUpperCase();
  });
}

/** Cursors are opaque to clients: base64url of the sort-key values and a signature of the ordering. */
export function encodeCursor(keys: unknown[], signature: string): string {
  return Buffer.from(JSON.stringify({ k: keys, s: signature })).toString('base64url');
}

export function decodeCursor(
  cursor: string | null | undefined,
  signature: string,
  argument = 'after',
): unknown[] | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(argument, 'is not a cursor from this API (use pageInfo.endCursor of the previous page)');
  }
  const p = parsed as { k?: unknown; s?: unknown };
  if (!p || !Array.isArray(p.k) || typeof p.s !== 'string') {
    throw badInput(argument, 'is not a cursor from this API (use pageInfo.endCursor of the previous page)');
  }
  if (p.s !== signature) {
    throw badInput(argument, 'was made for a different orderBy or filter: start again without `after`');
  }
  return p.k as unknown[];
}
