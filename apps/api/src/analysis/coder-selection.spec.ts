import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../platform/domain-error.js';
import { isSelected, parseCoderSelection } from './coder-selection.js';

const A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('parseCoderSelection', () => {
  it.each([
    [undefined, undefined, { coders: [], merge: false }],
    [A, 'union', { coders: [A], merge: true }],
    [[A, B.toUpperCase()], undefined, { coders: [A, B], merge: false }],
    [`${A},${B}`, '', { coders: [A, B], merge: false }],
    [[A, A], 'union', { coders: [A], merge: true }],
  ])('reads coder %j and merge %j', (coder, merge, expected) => {
    expect(parseCoderSelection(coder, merge)).toEqual(expected);
  });

  it.each([
    ['nope', undefined, 'coder must be a user id'],
    [[A, 'x'], undefined, 'coder must be a user id'],
    [A, 'intersection', 'merge must be union'],
    [Array.from({ length: 51 }, () => crypto.randomUUID()), undefined, 'at most 50'],
  ])('refuses coder %j, merge %j', (coder, merge, message) => {
    expect(() => parseCoderSelection(coder, merge)).toThrow(DomainError);
    expect(() => parseCoderSelection(coder, merge)).toThrow(message);
  });
});

describe('isSelected', () => {
  it('selects everyone when no coder is named, else only those named', () => {
    expect(isSelected({ coders: [], merge: false }, null)).toBe(true);
    expect(isSelected({ coders: [A], merge: false }, A)).toBe(true);
    expect(isSelected({ coders: [A], merge: false }, B)).toBe(false);
    expect(isSelected({ coders: [A], merge: false }, null)).toBe(false);
  });
});
