import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../platform/domain-error.js';
import { coderSides, idList } from './id-list.js';

const A = '0b5c2a9e-6f1d-4c57-9a55-0a8e1d1f0001';
const B = '0b5c2a9e-6f1d-4c57-9a55-0a8e1d1f0002';

describe('id lists in query parameters', () => {
  it('takes one id, a comma list or a repeated parameter, lower-cased and without repeats', () => {
    expect(idList(A, 'coderA')).toEqual([A]);
    expect(idList(`${A.toUpperCase()}, ${B},${A}`, 'coderA')).toEqual([A, B]);
    expect(idList([A, B], 'coderA')).toEqual([A, B]);
  });

  it('absent is undefined unless required, then a 400 naming the parameter', () => {
    expect(idList(undefined, 'documentId')).toBeUndefined();
    expect(idList('', 'documentId')).toBeUndefined();
    expect(() => idList(undefined, 'coderB', true)).toThrow(/coderB is required/);
  });

  it.each([
    ['a word', 'nobody'],
    ['a trailing comma', `${A},`],
    ['one bad entry', `${A},x`],
    ['an object', { a: 1 }],
    ['201 ids', Array.from({ length: 201 }, () => A).join(',')],
  ])('refuses %s', (_name, value) => {
    let error: unknown;
    try {
      idList(value, 'coderA', true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid');
    expect((error as DomainError).message).toMatch(/coderA/);
  });

  it('puts nobody on both sides', () => {
    expect(coderSides({ coderA: A, coderB: B })).toEqual({ a: [A], b: [B] });
    expect(() => coderSides({ coderA: `${A},${B}`, coderB: B })).toThrow(/different people/);
  });
});
