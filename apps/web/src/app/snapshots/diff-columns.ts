import type { TextDiffPart } from '@tolk/contracts';

/** A run of one column of the side-by-side comparison. */
export interface ColumnRun {
  kind: 'same' | 'changed' | 'gap';
  text: string;
}

/** Unchanged text longer than this is shortened to its ends around a gap. */
const KEEP = 160;

/**
 * The two columns of a text comparison: the earlier text with its deletions
 * marked, and the later one with its insertions. Long unchanged stretches
 * keep only their ends next to a change, so the changes are what one reads.
 */
export function diffColumns(parts: readonly TextDiffPart[]): { before: ColumnRun[]; after: ColumnRun[] } {
  const before: ColumnRun[] = [];
  const after: ColumnRun[] = [];
  parts.forEach((part, i) => {
    if (part.op === 'delete') before.push({ kind: 'changed', text: part.text });
    else if (part.op === 'insert') after.push({ kind: 'changed', text: part.text });
    else {
      const runs = shorten(part.text, i > 0, i < parts.length - 1);
      before.push(...runs);
      after.push(...runs);
    }
  });
  return { before, after };
}

function shorten(text: string, changeBefore: boolean, changeAfter: boolean): ColumnRun[] {
  const limit = (changeBefore ? KEEP : 0) + (changeAfter ? KEEP : 0);
  if (text.length <= limit + 40) return [{ kind: 'same', text }];
  const runs: ColumnRun[] = [];
  if (changeBefore) runs.push({ kind: 'same', text: text.slice(0, KEEP) });
  runs.push({ kind: 'gap', text: '' });
  if (changeAfter) runs.push({ kind: 'same', text: text.slice(text.length - KEEP) });
  return runs;
}
