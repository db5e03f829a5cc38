import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../platform/domain-error.js';
import { parseSegmentFilter } from './segment-filter.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('parseSegmentFilter', () => {
  it('reads every filter, attributes by name', () => {
    expect(
      parseSegmentFilter({
        codeId: ID.toUpperCase(),
        documentId: ID,
        coder: [ID, ID.toUpperCase()],
        merge: 'union',
        q: ' hjem ',
        'attr.utdanning': 'vernepleier',
        limit: '50',
        offset: '100',
      }),
    ).toEqual({
      codeId: ID,
      documentId: ID,
      coders: [ID],
      merge: true,
      q: 'hjem',
      attributes: { utdanning: 'vernepleier' },
      limit: 50,
      offset: 100,
    });
  });

  it('is empty without parameters and ignores a blank q', () => {
    expect(parseSegmentFilter({ q: '  ' })).toEqual({ attributes: {}, offset: 0, coders: [], merge: false });
  });

  it.each([
    [{ codeId: 'nope' }, 'codeId must be an id'],
    [{ coder: '1' }, 'coder must be a user id'],
    [{ limit: '0' }, 'limit must be a whole number'],
    [{ limit: '-3' }, 'limit must be a whole number'],
    [{ offset: '1.5' }, 'offset must be a whole number'],
    [{ 'attr.': 'x' }, 'attribute name'],
    [{ codeid: ID }, 'unknown filter codeid'],
    [{ codeId: [ID, ID] }, 'once'],
    [{ q: 'x'.repeat(501) }, 'at most 500'],
  ])('refuses %j with a message naming it', (query, message) => {
    expect(() => parseSegmentFilter(query)).toThrow(DomainError);
    expect(() => parseSegmentFilter(query)).toThrow(message);
  });
});
