import { describe, expect, it } from '@jest/globals';
import { applyReplacements, findReplacements } from './pseudonym-matches.js';

const LIST = [
  { real: 'Ola', pseudonym: 'Informant 3' },
  { real: 'Ola Nordmann', pseudonym: 'Informant 1' },
  { real: 'Kiwi Storo', pseudonym: '[arbeidsplass]' },
  { real: 'Åse', pseudonym: 'Informant 2' },
];

describe('findReplacements', () => {
  it('replaces whole words only, the longest name first, in text order', () => {
    const text = 'Ola Nordmann jobbet på Kiwi Storo med Ola og Olaf. Åse sa: «Åsen var fin», og Åse lo.';
    const found = findReplacements(text, LIST);
    expect(found.map((r) => text.slice(r.start, r.end))).toEqual(['Ola Nordmann', 'Kiwi Storo', 'Ola', 'Åse', 'Åse']);
    expect(applyReplacements(text, found)).toBe(
      'Informant 1 jobbet på [arbeidsplass] med Informant 3 og Olaf. Informant 2 sa: «Åsen var fin», og Informant 2 lo.',
    );
  });

  it('treats names as text, not as patterns, and is case-sensitive', () => {
    const list = [{ real: 'A.B. (x)', pseudonym: 'P' }];
    expect(
      applyReplacements(
        'A.B. (x) and AxB. (x) and a.b. (x)',
        findReplacements('A.B. (x) and AxB. (x) and a.b. (x)', list),
      ),
    ).toBe('P and AxB. (x) and a.b. (x)');
  });

  it('finds nothing with an empty list, blank names or a name that is its own pseudonym', () => {
    expect(findReplacements('Ola', [])).toEqual([]);
    expect(
      findReplacements('Ola', [
        { real: ' ', pseudonym: 'x' },
        { real: 'Ola', pseudonym: 'Ola' },
      ]),
    ).toEqual([]);
  });
});
