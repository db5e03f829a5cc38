/** A table cell as the exports write it. */
export type Cell = string | number;

/** Excel reads UTF-8 only with a byte order mark. */
export const CSV_BOM = '\uFEFF';

/**
 * A CSV file by RFC 4180 (CRLF line ends; a field with a comma, quote or
 * line break in double quotes, quotes doubled), with a BOM so Excel reads
 * it as UTF-8. Text that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) gets a leading apostrophe
 * (OWASP, "CSV Injection"): a quote like "- ja, sant" stays text.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return CSV_BOM + [header, ...rows].map(csvLine).join('');
}

/** One line of such a file, CRLF included, for files written a line at a time. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(field).join(',')}\r\n`;
}

function field(cell: Cell): string {
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
