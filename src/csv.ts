// CSV as chipgraph writes it, on the server (the /export routes) and in the browser (downloads built in the
// explorer, which bundles this file): RFC 4180 (quoted where needed, quotes doubled, CRLF), UTF-8 with a BOM so
// Excel reads 昇腾 correctly. Pure: no Node or DOM APIs.

/** Several values in one cell (aliases, source URLs) are joined with this. */
export const CELL_SEPARATOR = ' | ';

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A cell that is a number and nothing else ("-12", "+3.5e2"): a spreadsheet reads it as that number. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One cell. Text that starts like a formula (= + - @, tab, CR) would run as one in Excel / Sheets (CSV injection):
 * it is made text with a leading apostrophe, whatever the value was (text, a list joined, JSON); a plain number
 * is left as it is.
 */
export function csvCell(value: unknown): string {
  let out = Array.isArray(value) ? value.map(scalar).join(CELL_SEPARATOR) : scalar(value);
  if (/^[=+\-@\t\r]/.test(out) && !NUMBER.test(out)) out = `'${out}`;
  return /[",\r\n]|^\s|\s$/.test(out) ? `"${out.replace(/"/g, '""')}"` : out;
}

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const lines = [
    columns.map(csvCell).join(','),
    ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
