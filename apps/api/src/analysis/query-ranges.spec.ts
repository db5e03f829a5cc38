import { describe, expect, it } from '@jest/globals';
import { textLines } from '@tolk/contracts';
import {
  codesOf,
  contextOf,
  evaluate,
  intersect,
  normalise,
  type QueryNode,
  type Range,
  subtract,
} from './query-ranges.js';

const r = (start: number, end: number): Range => ({ start, end });
const leaf = (id: string): QueryNode => ({ op: 'codes', codeIds: [id] });

/**
 * Two turns of speech (lines):
 *   line 1 [0, 30): «Intervjuer: Hva betyr tillit?\n»
 *   line 2 [30, 82): «Informant 2: Tillit tar tid. Vi må bli kjent først.»
 */
const TEXT = 'Intervjuer: Hva betyr tillit?\nInformant 2: Tillit tar tid. Vi må bli kjent først.';
const at = (phrase: string): Range => {
  const start = TEXT.indexOf(phrase);
  if (start < 0) throw new Error(phrase);
  return r(start, start + phrase.length);
};

function documentWith(codes: Record<string, Range[]>) {
  return { rangesOf: (id: string) => codes[id] ?? [], lines: textLines(TEXT) };
}

describe('range sets', () => {
  it('normalise merges overlapping and touching ranges and drops empty ones', () => {
    expect(normalise([r(10, 20), r(0, 5), r(5, 8), r(15, 25), r(30, 30), r(40, 41)])).toEqual([
      r(0, 8),
      r(10, 25),
      r(40, 41),
    ]);
  });

  it('intersect keeps only shared text; touching ranges share nothing', () => {
    expect(intersect([r(0, 10), r(20, 30)], [r(5, 25)])).toEqual([r(5, 10), r(20, 25)]);
    expect(intersect([r(0, 10)], [r(10, 20)])).toEqual([]);
    expect(intersect([r(0, 10)], [])).toEqual([]);
    expect(intersect([r(0, 10)], [r(0, 10)])).toEqual([r(0, 10)]);
  });

  it('subtract removes covered text, splitting a range when the hole is inside it', () => {
    expect(subtract([r(0, 30)], [r(5, 10), r(20, 25)])).toEqual([r(0, 5), r(10, 20), r(25, 30)]);
    expect(subtract([r(0, 10)], [r(10, 20)])).toEqual([r(0, 10)]);
    expect(subtract([r(5, 10)], [r(0, 20)])).toEqual([]);
    expect(subtract([r(0, 10), r(12, 20)], [r(8, 14)])).toEqual([r(0, 8), r(14, 20)]);
  });
});

describe('evaluate', () => {
  const trust = at('Tillit tar tid.');
  const know = at('Vi må bli kjent først.');
  const question = at('Hva betyr tillit?');

  it('a leaf is the union of its codes’ ranges (a code and its sub-codes)', () => {
    const doc = documentWith({ a: [r(0, 5)], b: [r(5, 9)], c: [r(20, 22)] });
    expect(evaluate({ op: 'codes', codeIds: ['a', 'b'] }, doc)).toEqual([r(0, 9)]);
  });

  it('or merges overlapping or touching segments of its operands', () => {
    const doc = documentWith({ a: [r(0, 5), r(30, 40)], b: [r(5, 9)], c: [r(35, 50)] });
    expect(evaluate({ op: 'or', operands: [leaf('a'), leaf('b'), leaf('c')] }, doc)).toEqual([r(0, 9), r(30, 50)]);
  });

  it('and is the text covered by every operand; not inside and removes its ranges', () => {
    const doc = documentWith({ a: [r(0, 20)], b: [r(10, 30)], c: [r(12, 14)], d: [r(20, 25)] });
    const and = (include: string[], exclude: string[] = []): QueryNode => ({
      op: 'and',
      include: include.map(leaf),
      exclude: exclude.map(leaf),
    });
    expect(evaluate(and(['a', 'b']), doc)).toEqual([r(10, 20)]);
    expect(evaluate(and(['a', 'b'], ['c']), doc)).toEqual([r(10, 12), r(14, 20)]);
    // Touching is not overlapping: a and d share no character.
    expect(evaluate(and(['a', 'd']), doc)).toEqual([]);
    expect(evaluate(and(['a'], ['a']), doc)).toEqual([]);
    expect(evaluate(and(['a', 'missing']), doc)).toEqual([]);
  });

  it('near within N characters spans both segments, in either order, overlapping counting as 0 apart', () => {
    const doc = documentWith({ a: [trust], b: [know], q: [question] });
    const near = (a: string, b: string, within: number | 'turn'): QueryNode => ({
      op: 'near',
      a: leaf(a),
      b: leaf(b),
      within,
    });
    // One space lies between «tid.» and «Vi».
    expect(evaluate(near('a', 'b', 1), doc)).toEqual([r(trust.start, know.end)]);
    expect(evaluate(near('a', 'b', 0), doc)).toEqual([]);
    expect(evaluate(near('b', 'a', 1), doc)).toEqual([r(trust.start, know.end)]);
    const overlapping = documentWith({ a: [r(0, 10)], b: [r(5, 15)] });
    expect(evaluate(near('a', 'b', 0), overlapping)).toEqual([r(0, 15)]);
    const touching = documentWith({ a: [r(0, 10)], b: [r(10, 15)] });
    expect(evaluate(near('a', 'b', 0), touching)).toEqual([r(0, 15)]);
  });

  it('near within the turn: segments in the same line only, whatever the distance', () => {
    const doc = documentWith({ a: [trust], b: [know], q: [question] });
    const near = (a: string, b: string): QueryNode => ({ op: 'near', a: leaf(a), b: leaf(b), within: 'turn' });
    expect(evaluate(near('a', 'b'), doc)).toEqual([r(trust.start, know.end)]);
    // The question is the interviewer's turn; «Tillit tar tid.» is the informant's: 13 characters apart, not one turn.
    expect(evaluate(near('q', 'a'), doc)).toEqual([]);
    // A segment across the turn boundary shares a line with both.
    const across = documentWith({ x: [r(20, 40)], a: [trust], q: [question] });
    expect(evaluate(near('x', 'a'), across)).toEqual([r(20, trust.end)]);
    expect(evaluate(near('x', 'q'), across)).toEqual([r(question.start, 40)]);
  });

  it('followedBy needs B to start at or after A’s end', () => {
    const doc = documentWith({ a: [trust], b: [know], q: [question] });
    const followedBy = (a: string, b: string, within: number | 'turn'): QueryNode => ({
      op: 'followedBy',
      a: leaf(a),
      b: leaf(b),
      within,
    });
    expect(evaluate(followedBy('a', 'b', 'turn'), doc)).toEqual([r(trust.start, know.end)]);
    expect(evaluate(followedBy('b', 'a', 'turn'), doc)).toEqual([]);
    expect(evaluate(followedBy('q', 'a', 'turn'), doc)).toEqual([]);
    expect(evaluate(followedBy('q', 'a', 100), doc)).toEqual([r(question.start, trust.end)]);
    const touching = documentWith({ a: [r(0, 10)], b: [r(10, 15)] });
    expect(evaluate(followedBy('a', 'b', 0), touching)).toEqual([r(0, 15)]);
    const overlapping = documentWith({ a: [r(0, 10)], b: [r(5, 15)] });
    expect(evaluate(followedBy('a', 'b', 100), overlapping)).toEqual([]);
  });

  it('pairs found twice or overlapping come out once, merged', () => {
    const doc = documentWith({ a: [r(0, 2), r(4, 6)], b: [r(3, 4)] });
    expect(evaluate({ op: 'near', a: leaf('a'), b: leaf('b'), within: 5 }, doc)).toEqual([r(0, 6)]);
  });

  it('nests: (a or q) followed by b, but not where c is', () => {
    const doc = documentWith({ a: [trust], b: [know], q: [question], c: [at('tar')] });
    const node: QueryNode = {
      op: 'and',
      include: [{ op: 'followedBy', a: { op: 'or', operands: [leaf('a'), leaf('q')] }, b: leaf('b'), within: 'turn' }],
      exclude: [leaf('c')],
    };
    const tar = at('tar');
    expect(evaluate(node, doc)).toEqual([r(trust.start, tar.start), r(tar.end, know.end)]);
    expect([...codesOf(node)].sort()).toEqual(['a', 'b', 'c', 'q']);
  });
});

describe('contextOf', () => {
  const lines = textLines(TEXT);
  it('sentence: from the start of the sentence the segment starts in to the end of the one it ends in', () => {
    expect(contextOf(TEXT, lines, at('tar'), 'sentence').text).toBe('Informant 2: Tillit tar tid.');
    expect(contextOf(TEXT, lines, at('bli'), 'sentence')).toEqual({
      start: at('Vi må').start,
      text: 'Vi må bli kjent først.',
    });
    expect(contextOf(TEXT, lines, at('tid. Vi'), 'sentence').text).toBe(
      'Informant 2: Tillit tar tid. Vi må bli kjent først.',
    );
    expect(contextOf(TEXT, lines, at('Tillit tar tid.'), 'sentence').text).toBe('Informant 2: Tillit tar tid.');
  });

  it('never crosses a turn: the sentence stops at the line’s start and end, without the newline', () => {
    expect(contextOf(TEXT, lines, at('betyr'), 'sentence').text).toBe('Intervjuer: Hva betyr tillit?');
    expect(contextOf(TEXT, lines, at('Informant'), 'sentence').start).toBe(30);
  });

  it('turn: the whole line(s) the segment touches', () => {
    expect(contextOf(TEXT, lines, at('bli'), 'turn').text).toBe('Informant 2: Tillit tar tid. Vi må bli kjent først.');
    expect(contextOf(TEXT, lines, r(20, 40), 'turn').text).toBe(TEXT);
  });
});
