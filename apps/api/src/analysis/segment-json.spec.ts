import { describe, expect, it } from '@jest/globals';
import { type ListedSegment, segmentsJson } from './segment-json.js';

const DOC = '6f1c2b1e-0000-4000-8000-000000000001';
const STUDENT = '6f1c2b1e-0000-4000-8000-00000000000a';
const ERASED_NAME = '6f1c2b1e-0000-4000-8000-00000000000b';
const segment = (codingId: string, quote: string, coderIds: (string | null)[]): ListedSegment => ({
  codingId,
  documentId: DOC,
  codeId: '6f1c2b1e-0000-4000-8000-0000000000c0',
  start: 3,
  end: 3 + quote.length,
  quote,
  createdBy: coderIds[0] ?? null,
  coderIds,
});

describe('segmentsJson', () => {
  const context = {
    documents: new Map([[DOC, { title: 'Informant «2» "A"', attributes: '{"utdanning": "sosionom"}' }]]),
    names: new Map<string, string | null>([
      [STUDENT, 'Sara \\ Student'],
      [ERASED_NAME, null],
    ]),
    cite: (_: string, start: number) => `"lineStart":${start},"lineEnd":${start + 1},"ms":null`,
  };

  it('writes JSON that parses to the Segment of each coding, whatever its quote holds', () => {
    const quotes = ['"sitat" \\ med\ttab\nog linje', 'kontroll \u0001 og \u2028 og 😀', ''];
    const list = [
      segment('6f1c2b1e-0000-4000-8000-000000000101', quotes[0], [STUDENT]),
      segment('6f1c2b1e-0000-4000-8000-000000000102', quotes[1], [null]),
      segment('6f1c2b1e-0000-4000-8000-000000000103', quotes[2], [ERASED_NAME, STUDENT, null]),
    ];
    const parsed = JSON.parse(segmentsJson(list, context)) as Record<string, unknown>[];
    expect(parsed).toEqual(
      list.map((s) => ({
        codingId: s.codingId,
        documentId: DOC,
        documentTitle: 'Informant «2» "A"',
        attributes: { utdanning: 'sosionom' },
        codeId: s.codeId,
        start: s.start,
        end: s.end,
        quote: s.quote,
        createdBy: s.createdBy,
        createdByName: s.createdBy === STUDENT ? 'Sara \\ Student' : null,
        coders: s.coderIds.flatMap((id) =>
          id === null ? [] : [{ id, name: id === STUDENT ? 'Sara \\ Student' : '' }],
        ),
        lineStart: s.start,
        lineEnd: s.start + 1,
        ms: null,
      })),
    );
    expect(Object.keys(parsed[0])).toEqual([
      'codingId',
      'documentId',
      'documentTitle',
      'attributes',
      'codeId',
      'start',
      'end',
      'quote',
      'createdBy',
      'createdByName',
      'coders',
      'lineStart',
      'lineEnd',
      'ms',
    ]);
  });

  it('writes an empty list as []', () => {
    expect(segmentsJson([], context)).toBe('[]');
  });
});
