// Same question, same answer: before anything is timed, chipgraph's answer and the HTTP floor's (and the peer's,
// mapped onto chipgraph's shape) are fetched for the first inputs of the sequence, normalised and compared.
//
// Normalisation: object keys sorted; keys whose value is null, undefined or an empty list dropped (a missing
// property and a null field mean the same); cursors replaced by "<cursor>" (opaque, each API encodes its own);
// numbers rounded to 9 significant digits; lists sorted by their element's id (else code, else the element's
// JSON) unless the workload names the list as ordered (pages, search hits, the steps of a path).
import type { Input } from './inputs.js';

type J = Record<string, unknown>;

const CURSOR_KEYS = new Set(['cursor', 'endCursor']);

function sortKey(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as J;
    for (const k of ['id', 'code', 'type', 'kind'])
      if (typeof o[k] === 'string') return `${o[k]}\u0000${JSON.stringify(v)}`;
    for (const k of ['model', 'entity', 'company']) {
      const inner = o[k] as J | null | undefined;
      if (inner && typeof inner.id === 'string') return `${inner.id}\u0000${JSON.stringify(v)}`;
    }
  }
  return JSON.stringify(v);
}

export function normalise(value: unknown, ordered: readonly string[], path = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((x) => normalise(x, ordered, path));
    return ordered.includes(path)
      ? items
      : items.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }
  if (value && typeof value === 'object') {
    const out: J = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as J)[key];
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      if (CURSOR_KEYS.has(key) && typeof v === 'string') {
        out[key] = '<cursor>';
        continue;
      }
      out[key] = normalise(v, ordered, path ? `${path}.${key}` : key);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(9));
  return value;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? 'missing' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** The first `max` differences between two normalised answers, one line each (path: left ≠ right). */
export function diff(a: unknown, b: unknown, max = 8, path = 'data'): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const bothObjects =
    a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return [`${path}: ${show(a)} ≠ ${show(b)}`];
  const out: string[] = [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} items ≠ ${b.length} items`);
    for (let i = 0; i < Math.max(a.length, b.length) && out.length < max; i++)
      out.push(...diff(a[i], b[i], max - out.length, `${path}[${i}]`));
    return out.slice(0, max);
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    if (out.length >= max) break;
    out.push(...diff((a as J)[k], (b as J)[k], max - out.length, `${path}.${k}`));
  }
  return out.slice(0, max);
}

export interface Comparison {
  equal: boolean;
  /** Inputs compared. */
  inputs: number;
  /** Readable differences (left: chipgraph, right: the other), for the first input that differs. */
  diff: string[];
  input?: Input;
}

/** Compares two answerers over the same inputs; `left` and `right` return the `data` of one answer. */
export async function compareAnswers(
  inputs: Input[],
  ordered: readonly string[],
  left: (input: Input) => Promise<unknown>,
  right: (input: Input) => Promise<unknown>,
): Promise<Comparison> {
  for (const input of inputs) {
    const [a, b] = await Promise.all([left(input), right(input)]);
    const d = diff(normalise(a, ordered), normalise(b, ordered));
    if (d.length) return { equal: false, inputs: inputs.length, diff: d, input };
  }
  return { equal: true, inputs: inputs.length, diff: [] };
}
