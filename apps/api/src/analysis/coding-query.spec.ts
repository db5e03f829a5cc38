import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../platform/domain-error.js';
import { parseCodingQuery, subCodeTable } from './coding-query.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const CHILD = '00000000-0000-4000-8000-00000000000c';
const UNKNOWN = '00000000-0000-4000-8000-0000000000ff';
const table = subCodeTable([
  { id: A, parentId: null },
  { id: B, parentId: null },
  { id: CHILD, parentId: A },
]);
const parse = (body: unknown) => parseCodingQuery(body, (id) => table.get(id));

function refusal(body: unknown): { reason: string; params: unknown } {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof DomainError) return { reason: error.reason, params: error.params };
    throw error;
  }
  throw new Error('accepted');
}

describe('parseCodingQuery', () => {
  it('reads leaves (codeId or code) with their sub-codes, and every operator', () => {
    const parsed = parse({
      expression: {
        and: [
          { or: [{ codeId: A }, { code: B.toUpperCase() }] },
          { not: { codeId: B } },
          { near: [{ codeId: A }, { codeId: B }], within: 40 },
          { followedBy: [{ codeId: B }, { codeId: A }] },
        ],
      },
      coder: [UNKNOWN],
      attributes: { utdanning: 'sosionom' },
      context: 'turn',
    });
    expect(parsed.expression).toEqual({
      op: 'and',
      include: [
        {
          op: 'or',
          operands: [
            { op: 'codes', codeIds: [A, CHILD] },
            { op: 'codes', codeIds: [B] },
          ],
        },
        { op: 'near', a: { op: 'codes', codeIds: [A, CHILD] }, b: { op: 'codes', codeIds: [B] }, within: 40 },
        {
          op: 'followedBy',
          a: { op: 'codes', codeIds: [B] },
          b: { op: 'codes', codeIds: [A, CHILD] },
          within: 'turn',
        },
      ],
      exclude: [{ op: 'codes', codeIds: [B] }],
    });
    expect(parsed).toMatchObject({ coders: [UNKNOWN], attributes: { utdanning: 'sosionom' }, context: 'turn' });
    expect(parse({ expression: { codeId: A } })).toMatchObject({ coders: [], attributes: {}, context: 'sentence' });
  });

  it.each([
    ['no expression', {}, 'expression'],
    ['two operators in one node', { expression: { codeId: A, or: [] } }, 'expression'],
    ['an unknown operator', { expression: { xor: [{ codeId: A }] } }, 'expression'],
    ['an empty and', { expression: { and: [] } }, 'expression.and'],
    ['not at the top', { expression: { not: { codeId: A } } }, 'expression.not'],
    ['not inside or', { expression: { or: [{ not: { codeId: A } }] } }, 'expression.or[0].not'],
    ['and of only nots', { expression: { and: [{ not: { codeId: A } }] } }, 'expression.and'],
    ['near with one operand', { expression: { near: [{ codeId: A }], within: 5 } }, 'expression.near'],
    ['near without within', { expression: { near: [{ codeId: A }, { codeId: B }] } }, 'expression.within'],
    [
      'a negative within',
      { expression: { followedBy: [{ codeId: A }, { codeId: B }], within: -1 } },
      'expression.within',
    ],
    ['a fractional within', { expression: { near: [{ codeId: A }, { codeId: B }], within: 2.5 } }, 'expression.within'],
    ['within beside and', { expression: { and: [{ codeId: A }], within: 5 } }, 'expression.within'],
    ['a leaf that is no id', { expression: { codeId: 'Tillit' } }, 'expression.codeId'],
    ['a list as a node', { expression: [{ codeId: A }] }, 'expression'],
  ])('refuses %s as invalid_query at its path', (_name, body, path) => {
    expect(refusal(body)).toEqual({ reason: 'invalid_query', params: { path } });
  });

  it('refuses queries nested too deep or naming too many codes', () => {
    let deep: unknown = { codeId: A };
    for (let i = 0; i < 12; i++) deep = { or: [deep] };
    expect(refusal({ expression: deep }).reason).toBe('invalid_query');
    const wide = { or: Array.from({ length: 51 }, () => ({ codeId: A })) };
    expect(refusal({ expression: wide })).toEqual({
      reason: 'invalid_query',
      params: { path: 'expression.or[50].codeId' },
    });
  });

  it('refuses a code not in the project, and bad restrictions, naming the field', () => {
    expect(refusal({ expression: { or: [{ codeId: A }, { codeId: UNKNOWN }] } })).toEqual({
      reason: 'code_not_in_project',
      params: { field: 'expression.or[1].codeId' },
    });
    expect(refusal({ expression: { codeId: A }, coder: ['someone'] })).toEqual({
      reason: 'invalid_filter',
      params: { field: 'coder' },
    });
    expect(refusal({ expression: { codeId: A }, documentId: 'x' }).params).toEqual({ field: 'documentId' });
    expect(refusal({ expression: { codeId: A }, attributes: { alder: 40 } }).params).toEqual({ field: 'attributes' });
    expect(refusal({ expression: { codeId: A }, context: 'paragraph' }).params).toEqual({ field: 'context' });
    expect(refusal({ expression: { codeId: A }, limit: 5 }).params).toEqual({ field: 'limit' });
  });
});

describe('subCodeTable', () => {
  it('gives each code with every code below it', () => {
    const t = subCodeTable([
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: 'b' },
      { id: 'd', parentId: null },
    ]);
    expect(t.get('a')).toEqual(['a', 'b', 'c']);
    expect(t.get('b')).toEqual(['b', 'c']);
    expect(t.get('d')).toEqual(['d']);
  });
});
