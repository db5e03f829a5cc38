import { describe, expect, it } from '@jest/globals';
import { type CodedRange, countCooccurrences } from './cooccurrence.js';

const c = (documentId: string, codeId: string, start: number, end: number): CodedRange => ({
  documentId,
  codeId,
  start,
  end,
});

describe('countCooccurrences', () => {
  it('counts overlapping pairs per pair of codes, symmetric, same-code pairs on the diagonal', () => {
    // Document d1: A[0,10) B[5,15) C[10,20) A[12,14); d2: A[0,5) B[0,5)
    const result = countCooccurrences(
      ['A', 'B', 'C'],
      [
        c('d1', 'A', 0, 10),
        c('d1', 'B', 5, 15),
        c('d1', 'C', 10, 20),
        c('d1', 'A', 12, 14),
        c('d2', 'A', 0, 5),
        c('d2', 'B', 0, 5),
      ],
    );
    // Pairs: A0–B (5..10), B–C (10..15), B–A12, C–A12, d2 A–B. A0 and C only touch at 10.
    expect(result.codeIds).toEqual(['A', 'B', 'C']);
    expect(result.matrix).toEqual([
      [0, 3, 1],
      [3, 0, 1],
      [1, 1, 0],
    ]);
  });

  it('counts two codings of one code that overlap once on the diagonal', () => {
    const result = countCooccurrences(['A'], [c('d', 'A', 0, 10), c('d', 'A', 3, 4)]);
    expect(result.matrix).toEqual([[1]]);
  });

  it('never pairs codings of different documents, and skips empty ranges and unknown codes', () => {
    const result = countCooccurrences(
      ['A', 'B'],
      [c('d1', 'A', 0, 10), c('d2', 'B', 0, 10), c('d2', 'A', 4, 4), c('d2', 'X', 0, 9)],
    );
    expect(result.matrix).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('refuses unsorted input rather than miscount', () => {
    expect(() => countCooccurrences(['A'], [c('d', 'A', 5, 9), c('d', 'A', 1, 3)])).toThrow('sorted');
  });
});
