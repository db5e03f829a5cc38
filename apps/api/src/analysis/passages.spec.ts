import { describe, expect, it } from '@jest/globals';
import { type CodedSpan, mergePassages } from './passages.js';

//            0         1         2         3
//            0123456789012345678901234567890123456789
const TEXT = 'Tillit tar tid. Vi bruker Teams hver dag.';
const span = (documentId: string, codeId: string, start: number, end: number, createdBy: string | null): CodedSpan => ({
  documentId,
  codeId,
  start,
  end,
  createdBy,
  quote: TEXT.slice(start, end),
});

describe('mergePassages', () => {
  const cases: {
    name: string;
    codings: CodedSpan[];
    expected: { documentId: string; codeId: string; start: number; end: number; coderIds: (string | null)[] }[];
  }[] = [
    {
      name: 'the same passage coded by two people is one passage naming both',
      codings: [span('d1', 'a', 0, 15, 'student'), span('d1', 'a', 0, 15, 'supervisor')],
      expected: [{ documentId: 'd1', codeId: 'a', start: 0, end: 15, coderIds: ['student', 'supervisor'] }],
    },
    {
      name: 'overlapping codings of one code become their union',
      codings: [span('d1', 'a', 7, 20, 'supervisor'), span('d1', 'a', 0, 10, 'student')],
      expected: [{ documentId: 'd1', codeId: 'a', start: 0, end: 20, coderIds: ['student', 'supervisor'] }],
    },
    {
      name: 'touching codings merge; a gap of one character does not',
      codings: [span('d1', 'a', 0, 6, 'student'), span('d1', 'a', 6, 10, 'student'), span('d1', 'a', 11, 14, 'x')],
      expected: [
        { documentId: 'd1', codeId: 'a', start: 0, end: 10, coderIds: ['student'] },
        { documentId: 'd1', codeId: 'a', start: 11, end: 14, coderIds: ['x'] },
      ],
    },
    {
      name: 'codings of different codes or documents never merge',
      codings: [span('d1', 'a', 0, 10, 's'), span('d1', 'b', 0, 10, 's'), span('d2', 'a', 0, 10, 't')],
      expected: [
        { documentId: 'd1', codeId: 'a', start: 0, end: 10, coderIds: ['s'] },
        { documentId: 'd1', codeId: 'b', start: 0, end: 10, coderIds: ['s'] },
        { documentId: 'd2', codeId: 'a', start: 0, end: 10, coderIds: ['t'] },
      ],
    },
    {
      name: 'a coding inside another adds its coder, not its length; empty ranges are dropped',
      codings: [span('d1', 'a', 0, 20, null), span('d1', 'a', 3, 5, 'v'), span('d1', 'a', 30, 30, 'w')],
      expected: [{ documentId: 'd1', codeId: 'a', start: 0, end: 20, coderIds: [null, 'v'] }],
    },
  ];

  it.each(cases)('$name', ({ codings, expected }) => {
    const passages = mergePassages(codings);
    expect(
      passages.map(({ documentId, codeId, start, end, coderIds }) => ({ documentId, codeId, start, end, coderIds })),
    ).toEqual(expected);
    // Every passage's quote is exactly the text it covers, pieced from its codings.
    for (const p of passages) expect(p.quote).toBe(TEXT.slice(p.start, p.end));
    // Nothing is lost: every non-empty coding is in exactly one passage.
    expect(passages.flatMap((p) => p.codings).length).toBe(codings.filter((c) => c.end > c.start).length);
  });

  it('keeps the order of documents and codes as the input first names them', () => {
    const passages = mergePassages([
      span('d2', 'b', 5, 9, 's'),
      span('d1', 'a', 0, 3, 's'),
      span('d2', 'a', 0, 3, 's'),
    ]);
    expect(passages.map((p) => `${p.documentId}:${p.codeId}:${p.start}`)).toEqual(['d2:b:5', 'd2:a:0', 'd1:a:0']);
  });
});
