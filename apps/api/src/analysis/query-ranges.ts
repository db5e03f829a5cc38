import { lineSpan, type TextLine } from '@tolk/contracts';

/**
 * The range algebra of coding queries (docs/api.md, «Coding queries»), over
 * one document at a time and free of any framework. Every operator answers a
 * normalised range set: sorted, and no two ranges overlapping or touching
 * (they would have been merged), so an operator's output is again a valid
 * operand and a result never lists the same text twice.
 */

/** UTF-16 offsets, `end` exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** A query after validation: leaves name every code they stand for (the code and its sub-codes). */
export type QueryNode =
  | { op: 'codes'; codeIds: string[] }
  | { op: 'and'; include: QueryNode[]; exclude: QueryNode[] }
  | { op: 'or'; operands: QueryNode[] }
  | { op: 'near' | 'followedBy'; a: QueryNode; b: QueryNode; within: number | 'turn' };

/** What a query needs of one document: the ranges each code's codings (in scope) cover, and its lines (turns). */
export interface QueryDocument {
  rangesOf(codeId: string): readonly Range[];
  lines: readonly TextLine[];
}

/** Sorts and merges ranges that overlap or touch; empty ranges are dropped. */
export function normalise(ranges: Iterable<Range>): Range[] {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The text both sets cover (ranges that only touch share nothing). */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) out.push({ start, end });
    if (a[i].end < b[j].end) i += 1;
    else j += 1;
  }
  return normalise(out);
}

/** The text of `a` that `b` does not cover. Both normalised. */
export function subtract(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let j = 0;
  for (const range of a) {
    let start = range.start;
    while (j < b.length && b[j].end <= start) j += 1;
    let k = j;
    while (k < b.length && b[k].start < range.end) {
      if (b[k].start > start) out.push({ start, end: b[k].start });
      start = Math.max(start, b[k].end);
      k += 1;
    }
    if (start < range.end) out.push({ start, end: range.end });
  }
  return out;
}

/** Whether two ranges share a line (a turn of speech): some line holds part of each. */
function sameTurn(lines: readonly TextLine[], a: Range, b: Range): boolean {
  const x = lineSpan(lines, a.start, a.end);
  const y = lineSpan(lines, b.start, b.end);
  return x.lineStart <= y.lineEnd && y.lineStart <= x.lineEnd;
}

/**
 * Spans from an A range to a B range close enough: `near` takes either order
 * (the characters between them at most `within`; overlapping ones are 0
 * apart), `followedBy` only B starting at or after A's end.
 */
function pairs(
  kind: 'near' | 'followedBy',
  a: readonly Range[],
  b: readonly Range[],
  within: number | 'turn',
  lines: readonly TextLine[],
): Range[] {
  const out: Range[] = [];
  for (const x of a) {
    for (const y of b) {
      if (kind === 'followedBy' && y.start < x.end) continue;
      const close =
        within === 'turn' ? sameTurn(lines, x, y) : Math.max(x.start, y.start) - Math.min(x.end, y.end) <= within;
      if (close) out.push({ start: Math.min(x.start, y.start), end: Math.max(x.end, y.end) });
    }
  }
  return normalise(out);
}

/** The ranges a query covers in one document. */
export function evaluate(node: QueryNode, document: QueryDocument): Range[] {
  switch (node.op) {
    case 'codes':
      return normalise(node.codeIds.flatMap((id) => document.rangesOf(id)));
    case 'or':
      return normalise(node.operands.flatMap((operand) => evaluate(operand, document)));
    case 'and': {
      let covered = evaluate(node.include[0], document);
      for (const operand of node.include.slice(1)) {
        if (covered.length === 0) return [];
        covered = intersect(covered, evaluate(operand, document));
      }
      if (node.exclude.length === 0 || covered.length === 0) return covered;
      const excluded = normalise(node.exclude.flatMap((operand) => evaluate(operand, document)));
      return subtract(covered, excluded);
    }
    case 'near':
    case 'followedBy': {
      const a = evaluate(node.a, document);
      if (a.length === 0) return [];
      return pairs(node.op, a, evaluate(node.b, document), node.within, document.lines);
    }
  }
}

/** Every code id a query reads. */
export function codesOf(node: QueryNode): Set<string> {
  const ids = new Set<string>();
  const walk = (n: QueryNode): void => {
    switch (n.op) {
      case 'codes':
        n.codeIds.forEach((id) => ids.add(id));
        break;
      case 'or':
        n.operands.forEach(walk);
        break;
      case 'and':
        [...n.include, ...n.exclude].forEach(walk);
        break;
      case 'near':
      case 'followedBy':
        walk(n.a);
        walk(n.b);
    }
  };
  walk(node);
  return ids;
}

/** Characters that end a sentence when whitespace (or the end of the turn) follows. */
const SENTENCE_END = new Set(['.', '!', '?', '…']);

/**
 * The text around a segment for reading it in place: with `turn`, the whole
 * line(s) it touches; with `sentence`, from the start of the sentence it
 * starts in to the end of the sentence it ends in, never beyond those lines.
 * Without its final newline; `start` is where it begins in the text.
 */
export function contextOf(
  text: string,
  lines: readonly TextLine[],
  range: Range,
  mode: 'sentence' | 'turn',
): { start: number; text: string } {
  const { lineStart, lineEnd } = lineSpan(lines, range.start, range.end);
  const first = lines[lineStart - 1] ?? { start: 0, end: text.length };
  const last = lines[lineEnd - 1] ?? first;
  let from = first.start;
  let to = last.end;
  while (to > from && (text[to - 1] === '\n' || text[to - 1] === '\r')) to -= 1;
  if (mode === 'sentence') {
    const ends = (i: number) => SENTENCE_END.has(text[i]) && (i + 1 >= to || /\s/u.test(text[i + 1]));
    // The sentence the segment starts in begins after the last sentence end before it.
    for (let i = Math.min(range.start, to) - 1; i >= from; i--) {
      if (ends(i)) {
        from = i + 1;
        while (from < range.start && /\s/u.test(text[from])) from += 1;
        break;
      }
    }
    // …and the one it ends in ends at the first sentence end at or after its last character.
    for (let i = Math.max(range.end - 1, from); i < to; i++) {
      if (ends(i)) {
        to = i + 1;
        break;
      }
    }
  }
  return { start: from, text: text.slice(from, to) };
}
