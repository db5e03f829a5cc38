import { describe, expect, it } from '@jest/globals';
import { compareCoverage, disagreements, type Interval, mergeIntervals } from './coverage.js';

/** The same comparison the slow way: one boolean per character. */
function perCharacter(a: Interval[], b: Interval[], length: number) {
  const covers = (rs: Interval[], i: number) => rs.some((r) => r.start <= i && i < r.end);
  const table = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (let i = 0; i < length; i++) {
    const x = covers(a, i);
    const y = covers(b, i);
    if (x && y) table.both++;
    else if (x) table.onlyA++;
    else if (y) table.onlyB++;
    else table.neither++;
  }
  return table;
}

/** A small deterministic generator (mulberry32), so the random cases are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('character coverage of two coders', () => {
  it('merges overlapping and touching ranges and clips them to the text', () => {
    expect(
      mergeIntervals(
        [
          { start: 6, end: 10 },
          { start: 2, end: 8 },
          { start: 10, end: 12 },
          { start: 15, end: 40 },
          { start: -3, end: 1 },
          { start: 5, end: 5 },
        ],
        20,
      ),
    ).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 12 },
      { start: 15, end: 20 },
    ]);
  });

  it('counts a hand-drawn example', () => {
    // 0         1
    // 01234567890123456789
    //   AAAAAAAA            A: [2,8) ∪ [6,10) = [2,10)
    //      BBBBBBB          B: [5,12)
    const { table, spans } = compareCoverage(
      [
        { start: 2, end: 8 },
        { start: 6, end: 10 },
      ],
      [{ start: 5, end: 12 }],
      20,
    );
    expect(table).toEqual({ both: 5, onlyA: 3, onlyB: 2, neither: 10 });
    expect(spans).toEqual([
      { start: 2, end: 5, a: true, b: false },
      { start: 5, end: 10, a: true, b: true },
      { start: 10, end: 12, a: false, b: true },
    ]);
    expect(disagreements(spans)).toEqual([
      { start: 2, end: 5, a: true, b: false },
      { start: 10, end: 12, a: false, b: true },
    ]);
  });

  it('a range of one coder that ends where the other’s begins', () => {
    const { table, spans } = compareCoverage([{ start: 0, end: 4 }], [{ start: 4, end: 6 }], 6);
    expect(table).toEqual({ both: 0, onlyA: 4, onlyB: 2, neither: 0 });
    expect(disagreements(spans)).toEqual([
      { start: 0, end: 4, a: true, b: false },
      { start: 4, end: 6, a: false, b: true },
    ]);
  });

  it('no codings: every character is a 0–0 unit; an empty text has no units', () => {
    expect(compareCoverage([], [], 7).table).toEqual({ both: 0, onlyA: 0, onlyB: 0, neither: 7 });
    expect(compareCoverage([{ start: 0, end: 3 }], [], 0)).toEqual({
      table: { both: 0, onlyA: 0, onlyB: 0, neither: 0 },
      spans: [],
    });
  });

  it('agrees with a per-character count on 300 random cases', () => {
    const next = random(6);
    const ranges = (count: number, length: number) =>
      Array.from({ length: count }, () => {
        const start = Math.floor(next() * (length + 4)) - 2;
        return { start, end: start + Math.floor(next() * 15) };
      });
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(next() * 80);
      const a = ranges(Math.floor(next() * 6), length);
      const b = ranges(Math.floor(next() * 6), length);
      const { table, spans } = compareCoverage(a, b, length);
      expect(table).toEqual(perCharacter(a, b, length));
      // The spans tile exactly the covered characters.
      expect(spans.reduce((n, s) => n + s.end - s.start, 0)).toBe(table.both + table.onlyA + table.onlyB);
    }
  });
});
