import type { Locale } from './locale.js';

/** A table cell as the exports write it. */
export type Cell = string | number;

/** Excel reads UTF-8 only with a byte order mark. */
export const CSV_BOM = '\uFEFF';

/** How a CSV file is written for readers of one language. */
export interface CsvFormat {
  separator: ',' | ';';
  decimal: '.' | ',';
}

/**
 * English: commas and decimal points. Norwegian: a spreadsheet set up for
 * Norwegian reads `,` as the decimal sign, so fields are separated by `;`.
 */
export const CSV_FORMATS: Record<Locale, CsvFormat> = {
  en: { separator: ',', decimal: '.' },
  nb: { separator: ';', decimal: ',' },
};

/**
 * A CSV file by RFC 4180 (CRLF line ends; a field with a separator, quote or
 * line break in double quotes, quotes doubled), with a BOM so Excel reads
 * it as UTF-8, in the separator and decimal sign of `locale`.
 *
 * Formula guard (OWASP, "CSV Injection"): text that a spreadsheet would run
 * as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe, so a quote like "- ja, sant" stays text. A formula can also
 * start right after a separator when a spreadsheet splits the file on
 * another separator than the one it was written with (`x;=HYPERLINK(…)` in a
 * comma file opened by a Norwegian Excel): so text holding any separator
 * (`,`, `;` or tab) is always quoted, whichever this file uses, and stays
 * one cell for every reader.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], locale: Locale = 'en'): string {
  return CSV_BOM + [header, ...rows].map((row) => csvLine(row, locale)).join('');
}

/** One line of such a file, CRLF included, for files written a line at a time. */
export function csvLine(cells: readonly Cell[], locale: Locale = 'en'): string {
  const format = CSV_FORMATS[locale];
  return `${cells.map((cell) => field(cell, format)).join(format.separator)}\r\n`;
}

function field(cell: Cell, format: CsvFormat): string {
  // Numbers are ours, not the user's: only their decimal sign changes.
  if (typeof cell === 'number') return format.decimal === '.' ? String(cell) : String(cell).replace('.', ',');
  const text = /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
  return /[",;\t\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
