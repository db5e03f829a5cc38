/** A table cell as the exports write it. */
export type Cell = string | number;

/** Excel reads UTF-8 only with a byte order mark. */
const BOM = '\uFEFF';

/**
 * A CSV file by RFC 4180 (CRLF line ends; a field with a comma, quote or
 * line break in double quotes, quotes doubled), with a BOM so Excel reads
 * it as UTF-8. Text that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) gets a leading apostrophe
 * (OWASP, "CSV Injection"): a quote like "- ja, sant" stays text.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => cells.map(field).join(',');
  return BOM + [header, ...rows].map(line).join('\r\n') + '\r\n';
}

function field(cell: Cell): string {
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
