// Table cells and downloads built in the browser: how a raw API value is shown, sorted and written to CSV.
import { h } from './dom.js';
import { entityHref } from './router.js';
import type { Raw, Ref } from './table-specs.js';

const isRef = (v: unknown): v is Ref => Boolean(v && typeof v === 'object' && 'id' in v && 'name' in v);

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatNumber(x: number): string {
  if (Math.abs(x) >= 1e15)
    return x
      .toExponential(2)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  if (Math.abs(x) >= 1e6) return COMPACT.format(x);
  return PLAIN.format(x);
}

/** What a cell shows. */
export function cellContent(v: Raw): Node | string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return formatNumber(v);
  if (isRef(v)) return h('a', { href: entityHref(v.id) }, v.name);
  if (Array.isArray(v)) {
    const items = v as (string | Ref)[];
    return h(
      'span',
      {},
      items.map((x, i) => [i ? ', ' : '', isRef(x) ? h('a', { href: entityHref(x.id) }, x.name) : x]),
    );
  }
  return String(v);
}

/** The value a test or a download compares: ids for entities, `|`-joined lists, numbers as they came. */
export function plain(v: Raw): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (isRef(v)) return v.id;
  if (Array.isArray(v)) return (v as (string | Ref)[]).map((x) => (isRef(x) ? x.id : x)).join(' | ');
  return v;
}

/** Sort order for a column sorted on the page: unknown values last in either direction, as the API does. */
export function compareRaw(a: Raw, b: Raw, dir: 1 | -1): number {
  const pa = plain(a);
  const pb = plain(b);
  if (pa === null) return pb === null ? 0 : 1;
  if (pb === null) return -1;
  const key = (v: Raw, p: string | number | boolean) => (isRef(v) ? v.name : p);
  const ka = key(a, pa);
  const kb = key(b, pb);
  if (typeof ka === 'number' && typeof kb === 'number') return (ka - kb) * dir;
  return String(ka).localeCompare(String(kb), 'en', { numeric: true }) * dir;
}

export { toCsv } from '../csv.js';

/** Hands a file built in the page to the browser as a download. */
export function saveFile(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
