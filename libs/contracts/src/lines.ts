/**
 * Line numbers for citing a transcript (docs/api.md, "line numbers"). A line
 * is the text up to and including a newline, or up to the end: a paragraph
 * or a turn of speech is one line however the screen wraps it, and an empty
 * line counts too. Numbers depend on the text before a position only, so an
 * edit never renumbers the lines before it. The server and the web client
 * both number lines with these functions, so a citation reads the same in
 * the editor's margin, the segments list and an export.
 */

/** One line: its number (from 1) and its UTF-16 offsets, `end` exclusive and after its newline. */
export interface TextLine {
  n: number;
  start: number;
  end: number;
}

/**
 * The lines of a text, tiling it: each starts where the previous ended, the
 * last ends at the text's end. An empty text has no lines; a text that ends
 * with a newline has no empty line after it (there is nothing there to cite).
 */
export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    lines.push({ n: lines.length + 1, start, end });
    start = end;
  }
  return lines;
}

/** The number of the line holding the character at `offset` (clamped to the text); 1 for an empty text. */
export function lineAt(lines: readonly TextLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  if (high < 0) return 1;
  // The last line starting at or before the offset.
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return lines[low].n;
}

/** The first and last line a segment `[start, end)` touches (its last character's line, not the one after it). */
export function lineSpan(
  lines: readonly TextLine[],
  start: number,
  end: number,
): { lineStart: number; lineEnd: number } {
  const lineStart = lineAt(lines, start);
  return { lineStart, lineEnd: Math.max(lineStart, lineAt(lines, end - 1)) };
}
