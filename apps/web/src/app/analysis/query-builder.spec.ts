import { describe as suite, expect, it } from '@jest/globals';
import { builderOf, type BuilderQuery, describe, expressionOf } from './query-builder';

const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'b0000000-0000-4000-8000-000000000002';
const C = 'c0000000-0000-4000-8000-000000000003';

const words: Record<string, string> = { and: 'AND', andNot: 'AND NOT', or: 'OR', near: 'NEAR', followedBy: 'THEN' };
const names: Record<string, string> = { [A]: 'Tillit', [B]: 'Relasjon', [C]: 'Spørsmål' };

suite('query builder rows ⇄ api expression', () => {
  it('folds rows from the top down, flattening and/or lists', () => {
    const q: BuilderQuery = {
      first: A,
      steps: [
        { joiner: 'and', codeId: B, within: 'turn' },
        { joiner: 'andNot', codeId: C, within: 'turn' },
      ],
    };
    expect(expressionOf(q)).toEqual({ and: [{ codeId: A }, { codeId: B }, { not: { codeId: C } }] });
    expect(
      describe(
        q,
        (id) => names[id],
        (s) => words[s.joiner],
      ),
    ).toBe('Tillit AND Relasjon AND NOT Spørsmål');
  });

  it('nests near and followedBy with their distance, and brackets what comes before', () => {
    const q: BuilderQuery = {
      first: A,
      steps: [
        { joiner: 'or', codeId: B, within: 'turn' },
        { joiner: 'near', codeId: C, within: 200 },
        { joiner: 'followedBy', codeId: A, within: 'turn' },
      ],
    };
    expect(expressionOf(q)).toEqual({
      followedBy: [{ near: [{ or: [{ codeId: A }, { codeId: B }] }, { codeId: C }], within: 200 }, { codeId: A }],
      within: 'turn',
    });
    expect(
      describe(
        q,
        (id) => names[id],
        (s) => words[s.joiner],
      ),
    ).toBe('((Tillit OR Relasjon) NEAR Spørsmål) THEN Tillit');
  });

  it('is not ready while a row has no code', () => {
    expect(expressionOf({ first: '', steps: [] })).toBeNull();
    expect(expressionOf({ first: A, steps: [{ joiner: 'and', codeId: '', within: 'turn' }] })).toBeNull();
  });

  it('reads every expression it makes back into the same rows', () => {
    const queries: BuilderQuery[] = [
      { first: A, steps: [] },
      {
        first: A,
        steps: [
          { joiner: 'andNot', codeId: B, within: 'turn' },
          { joiner: 'or', codeId: C, within: 'turn' },
          { joiner: 'near', codeId: B, within: 40 },
          { joiner: 'and', codeId: C, within: 'turn' },
        ],
      },
    ];
    for (const q of queries) expect(builderOf(expressionOf(q)!)).toEqual(q);
  });

  it('answers null for shapes the rows cannot show (made through the api)', () => {
    expect(builderOf({ and: [{ codeId: A }, { or: [{ codeId: B }, { codeId: C }] }] })).toBeNull();
    expect(builderOf({ near: [{ codeId: A }, { and: [{ codeId: B }, { codeId: C }] }], within: 5 })).toBeNull();
    expect(builderOf({ followedBy: [{ code: A }, { code: B }] })).toEqual({
      first: A,
      steps: [{ joiner: 'followedBy', codeId: B, within: 'turn' }],
    });
  });
});
