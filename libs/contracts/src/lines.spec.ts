import { describe, expect, it } from '@jest/globals';
import { lineAt, lineSpan, textLines } from './lines.js';

describe('textLines', () => {
  it.each([
    ['', []],
    ['Ja.', [{ n: 1, start: 0, end: 3 }]],
    [
      'Intervjuer: Hva?\nInformant 2: Ja.',
      [
        { n: 1, start: 0, end: 17 },
        { n: 2, start: 17, end: 33 },
      ],
    ],
    [
      'a\n\nb\n',
      [
        { n: 1, start: 0, end: 2 },
        { n: 2, start: 2, end: 3 },
        { n: 3, start: 3, end: 5 },
      ],
    ],
    ['\n', [{ n: 1, start: 0, end: 1 }]],
  ])('numbers %j', (text, lines) => {
    expect(textLines(text)).toEqual(lines);
  });

  it('tiles the text: every offset lies in exactly one line', () => {
    const text = 'Første tur.\n\nAndre tur 😀 med emoji.\nTredje';
    const lines = textLines(text);
    expect(lines[0].start).toBe(0);
    expect(lines.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < lines.length; i++) expect(lines[i].start).toBe(lines[i - 1].end);
    expect(lines.map((l) => text.slice(l.start, l.end)).join('')).toBe(text);
  });

  it('an edit after a line leaves its number and offsets alone', () => {
    const before = textLines('a\nb\nc\n');
    const after = textLines('a\nb\nc and more\nd\n');
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
  });
});

describe('lineAt and lineSpan', () => {
  const text = 'Intervjuer: Hva?\nInformant 2: Ja.\n\nIntervjuer: Og så?';
  const lines = textLines(text);

  it('finds the line of an offset, a newline belonging to the line it ends', () => {
    expect(lineAt(lines, 0)).toBe(1);
    expect(lineAt(lines, 16)).toBe(1);
    expect(lineAt(lines, 17)).toBe(2);
    expect(lineAt(lines, 34)).toBe(3);
    expect(lineAt(lines, 35)).toBe(4);
    expect(lineAt(lines, 10_000)).toBe(4);
    expect(lineAt([], 5)).toBe(1);
  });

  it('spans the lines a segment touches, ending at its last character', () => {
    expect(lineSpan(lines, 0, 16)).toEqual({ lineStart: 1, lineEnd: 1 });
    expect(lineSpan(lines, 0, 17)).toEqual({ lineStart: 1, lineEnd: 1 });
    expect(lineSpan(lines, 12, 20)).toEqual({ lineStart: 1, lineEnd: 2 });
    expect(lineSpan(lines, 29, text.length)).toEqual({ lineStart: 2, lineEnd: 4 });
    expect(lineSpan(lines, 5, 5)).toEqual({ lineStart: 1, lineEnd: 1 });
  });
});
