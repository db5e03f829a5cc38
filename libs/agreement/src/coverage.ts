import type { BinaryTable } from './binary-table.js';

/** A range of character positions, `end` exclusive (UTF-16 offsets, as codings have them). */
export interface Interval {
  start: number;
  end: number;
}

/** A stretch of text where the two coders' coverage is constant and at least one of them covers it. */
export interface CoverageSpan extends Interval {
  a: boolean;
  b: boolean;
}

/**
 * The union of intervals as sorted, disjoint, non-touching ranges, clipped
 * to [0, length). Overlapping codings of one code by one coder cover a
 * character once.
 */
export function mergeIntervals(intervals: Iterable<Interval>, length: number): Interval[] {
  const clipped: Interval[] = [];
  for (const { start, end } of intervals) {
    const s = Math.max(0, start);
    const e = Math.min(length, end);
    if (e > s) clipped.push({ start: s, end: e });
  }
  clipped.sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: Interval[] = [];
  for (const r of clipped) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * Compares two coders' coverage of one text of `length` characters, one
 * unit per character: the 2×2 table of units, and the spans where either
 * coder covers the text, split wherever the coverage changes. Works on the
 * range boundaries (a sweep over at most 2·(|a| + |b|) points), so its cost
 * follows the number of codings, not the length of the text.
 */
export function compareCoverage(
  a: Iterable<Interval>,
  b: Iterable<Interval>,
  length: number,
): { table: BinaryTable; spans: CoverageSpan[] } {
  const size = Math.max(0, length);
  const ma = mergeIntervals(a, size);
  const mb = mergeIntervals(b, size);
  // Boundaries where a coder's coverage switches; merged ranges never touch, so each point is one switch per coder.
  const points: { at: number; coder: 'a' | 'b'; on: boolean }[] = [];
  for (const r of ma) points.push({ at: r.start, coder: 'a', on: true }, { at: r.end, coder: 'a', on: false });
  for (const r of mb) points.push({ at: r.start, coder: 'b', on: true }, { at: r.end, coder: 'b', on: false });
  points.sort((x, y) => x.at - y.at);

  const table: BinaryTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const spans: CoverageSpan[] = [];
  let inA = false;
  let inB = false;
  let from = 0;
  for (let i = 0; i <= points.length; i++) {
    const at = i < points.length ? points[i].at : size;
    if (at > from) {
      const width = at - from;
      if (inA && inB) table.both += width;
      else if (inA) table.onlyA += width;
      else if (inB) table.onlyB += width;
      else table.neither += width;
      if (inA || inB) spans.push({ start: from, end: at, a: inA, b: inB });
      from = at;
    }
    if (i < points.length) {
      const p = points[i];
      if (p.coder === 'a') inA = p.on;
      else inB = p.on;
    }
  }
  return { table, spans };
}

/** The spans where exactly one of the two coders covers the text: what they should talk about. */
export function disagreements(spans: readonly CoverageSpan[]): CoverageSpan[] {
  const out: CoverageSpan[] = [];
  for (const s of spans) {
    if (s.a === s.b) continue;
    const last = out.at(-1);
    // Neighbouring pieces with the same owner are one disagreement to the reader.
    if (last && last.end === s.start && last.a === s.a) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}
