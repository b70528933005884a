// CSV: RFC 4180 (quoted where needed, quotes doubled, CRLF), UTF-8 with a BOM so Excel reads 昇腾 correctly.
import type { Row } from './table.js';

/** Several values in one cell (aliases, source URLs) are joined with this. */
export const CELL_SEPARATOR = ' | ';

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function cell(value: unknown): string {
  let out = Array.isArray(value) ? value.map(scalar).join(CELL_SEPARATOR) : scalar(value);
  // A text cell starting with = + - @ would run as a formula in Excel / Sheets (CSV injection): make it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(out) && !/^[+-]?\d/.test(out)) out = `'${out}`;
  return /[",\r\n]|^\s|\s$/.test(out) ? `"${out.replace(/"/g, '""')}"` : out;
}

export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
