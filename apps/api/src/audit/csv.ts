/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes
 * doubled. A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return first) gets a leading `'` (CSV injection).
 */
export function csvField(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
