/**
 * Offsets in REFI-QDA files and in Tolk.
 *
 * Tolk counts UTF-16 code units (JavaScript strings, `Y.Text`). The standard
 * says Unicode code points; vendors differ (docs/refi-qda.md): NVivo for Windows
 * writes UTF-16 code units with CRLF as two, ATLAS.ti reportedly counts CRLF
 * as one. Every offset is 0-based and its end exclusive.
 */

/** How a file counts positions in a source text. */
export type { OffsetUnit } from '@tolk/contracts';
import type { OffsetUnit } from '@tolk/contracts';

export const OFFSET_UNITS: readonly OffsetUnit[] = ['codepoints', 'utf16', 'codepoints-crlf1', 'utf16-crlf1'];

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A source text as Tolk stores it (BOM dropped, line ends as LF) and the way
 * back from a vendor's offsets in the original text to offsets in it.
 */
export interface NormalisedText {
  /** The text with a leading BOM dropped and CRLF and lone CR turned into LF. */
  text: string;
  /** UTF-16 offset in `text` for a `unit` offset in the original, or undefined when it is outside. */
  toTolk(offset: number, unit: OffsetUnit): number | undefined;
}

/**
 * Prepares a vendor's source text for Tolk. Offsets in the file count the
 * text without its BOM (NVivo does not count it); a position inside a line
 * break or a surrogate pair falls to the start of that character.
 */
export function normaliseSourceText(original: string): NormalisedText {
  const raw = original.startsWith('\uFEFF') ? original.slice(1) : original;
  const pieces: string[] = [];
  /** For each unit, the table from its offsets to offsets in `text` (built lazily). */
  const tables = new Map<OffsetUnit, Int32Array>();
  // One pass over the characters: [utf16 length in raw, is CRLF, is astral].
  const chars: { rawLength: number; crlf: boolean; astral: boolean }[] = [];
  for (let i = 0; i < raw.length;) {
    const unit = raw.charCodeAt(i);
    if (unit === 13) {
      const crlf = raw.charCodeAt(i + 1) === 10;
      chars.push({ rawLength: crlf ? 2 : 1, crlf, astral: false });
      pieces.push('\n');
      i += crlf ? 2 : 1;
    } else if (isHigh(unit) && isLow(raw.charCodeAt(i + 1))) {
      chars.push({ rawLength: 2, crlf: false, astral: true });
      pieces.push(raw.slice(i, i + 2));
      i += 2;
    } else {
      chars.push({ rawLength: 1, crlf: false, astral: false });
      pieces.push(raw[i]!);
      i += 1;
    }
  }
  const text = pieces.join('');

  const tableFor = (unit: OffsetUnit): Int32Array => {
    const cached = tables.get(unit);
    if (cached) return cached;
    const utf16 = unit.startsWith('utf16');
    const crlfAsOne = unit.endsWith('crlf1');
    const width = (c: (typeof chars)[number]) => (c.crlf ? (crlfAsOne ? 1 : 2) : c.astral && utf16 ? 2 : 1);
    const total = chars.reduce((sum, c) => sum + width(c), 0);
    const table = new Int32Array(total + 1);
    let at = 0;
    let tolk = 0;
    for (const c of chars) {
      const w = width(c);
      for (let k = 0; k < w; k++) table[at + k] = tolk;
      at += w;
      tolk += c.crlf ? 1 : c.astral ? 2 : 1;
    }
    table[total] = tolk;
    tables.set(unit, table);
    return table;
  };

  return {
    text,
    toTolk(offset, unit) {
      const table = tableFor(unit);
      return Number.isInteger(offset) && offset >= 0 && offset < table.length ? table[offset] : undefined;
    },
  };
}

/**
 * Text for an export and the code point offset of each Tolk offset: text
 * as UTF-8 with LF line ends (CRLF and lone CR become LF), offsets in code
 * points of that text, as the standard asks.
 */
export function exportText(tolkText: string): { text: string; toCodePoint(offset: number): number } {
  // Tolk never stores a BOM (the api drops it when a text is created).
  const normalised = normaliseSourceText(tolkText);
  const source = tolkText;
  // From a UTF-16 offset in Tolk's text: count code points of the normalised text before it.
  const table = new Int32Array(source.length + 1);
  let codePoints = 0;
  for (let i = 0; i < source.length;) {
    const unit = source.charCodeAt(i);
    const width =
      unit === 13 && source.charCodeAt(i + 1) === 10 ? 2 : isHigh(unit) && isLow(source.charCodeAt(i + 1)) ? 2 : 1;
    for (let k = 0; k < width; k++) table[i + k] = codePoints;
    codePoints += 1;
    i += width;
  }
  table[source.length] = codePoints;
  return {
    text: normalised.text,
    toCodePoint: (offset) => table[Math.max(0, Math.min(offset, source.length))]!,
  };
}

/** The length of a string in code points. */
export const codePointLength = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++)
    if (!(isLow(text.charCodeAt(i)) && i > 0 && isHigh(text.charCodeAt(i - 1)))) n++;
  return n;
};
