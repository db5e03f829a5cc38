import { describe, expect, it } from '@jest/globals';
import type { TextDiffPart } from '@tolk/contracts';
import { diffText, tokenize } from './text-diff.js';

const side = (parts: TextDiffPart[], keep: 'insert' | 'delete') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('diffText', () => {
  const cases: [string, string, string, TextDiffPart[]][] = [
    ['equal texts', 'Hei på deg.', 'Hei på deg.', [{ op: 'equal', text: 'Hei på deg.' }]],
    ['both empty', '', '', []],
    ['from empty', '', 'Ny tekst', [{ op: 'insert', text: 'Ny tekst' }]],
    ['to empty', 'Gammel', '', [{ op: 'delete', text: 'Gammel' }]],
    [
      'one word replaced',
      'Vi jobbet hjemme i mars.',
      'Vi jobbet digitalt i mars.',
      [
        { op: 'equal', text: 'Vi jobbet ' },
        { op: 'delete', text: 'hjemme' },
        { op: 'insert', text: 'digitalt' },
        { op: 'equal', text: ' i mars.' },
      ],
    ],
    [
      'a sentence inserted in the middle',
      'Første. Tredje.',
      'Første. Andre. Tredje.',
      [
        { op: 'equal', text: 'Første. ' },
        { op: 'insert', text: 'Andre. ' },
        { op: 'equal', text: 'Tredje.' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, before, after, expected) => {
    expect(diffText(before, after)).toEqual(expected);
  });

  it('always rebuilds both sides, for scattered edits too', () => {
    const before =
      'Informant 1: Vi var redde i starten, men så ble det bedre. Brukerne savnet oss.\nIntervjuer: Hva gjorde dere?';
    const after =
      'Informant 1: Vi var ikke redde i starten, og det ble bedre. Brukerne savnet oss mye.\nIntervjuer: Hva gjorde dere da?';
    const parts = diffText(before, after);
    expect(side(parts, 'delete')).toBe(before);
    expect(side(parts, 'insert')).toBe(after);
    // Minimal: only the changed words are touched.
    expect(parts.filter((p) => p.op !== 'equal').map((p) => p.text.trim())).toEqual([
      'ikke',
      'men så',
      'og det',
      'det',
      'mye',
      'da',
    ]);
  });

  it('falls back to one replacement beyond the edit distance limit, still exact', () => {
    const before = 'a b c d e f';
    const after = 'u v w x y z';
    const parts = diffText(before, after, 2);
    expect(parts).toEqual([
      { op: 'delete', text: 'a b c d e f' },
      { op: 'insert', text: 'u v w x y z' },
    ]);
  });

  it('keeps emoji and combining marks whole', () => {
    expect(tokenize('på 🙂 ok')).toEqual(['på', ' ', '🙂', ' ', 'ok']);
    const parts = diffText('smil 🙂 nå', 'smil 😢 nå');
    expect(side(parts, 'insert')).toBe('smil 😢 nå');
    expect(parts).toContainEqual({ op: 'delete', text: '🙂' });
  });
});
