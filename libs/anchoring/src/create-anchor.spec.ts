import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { createAnchor, createAnchors } from './create-anchor.js';
import { AnchorRangeError } from './errors.js';
import { resolveAnchor } from './resolve-anchor.js';

/** Counts `text.toString()` calls (the costly read the batch functions do once). */
function countReads(text: Y.Text) {
  const read = text.toString.bind(text);
  const counter = { reads: 0 };
  text.toString = () => {
    counter.reads++;
    return read();
  };
  return counter;
}

function textOf(content: string) {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  text.insert(0, content);
  return { doc, text };
}

describe('createAnchor', () => {
  it.each([
    { name: 'a middle segment', content: 'one two three', start: 4, end: 7 },
    { name: 'the whole text', content: 'one two three', start: 0, end: 13 },
    { name: 'one character at the start', content: 'one', start: 0, end: 1 },
    { name: 'one character at the end', content: 'one', start: 2, end: 3 },
    { name: 'a whole emoji', content: 'a😀b', start: 1, end: 3 },
    { name: 'æøå', content: 'blåbærsyltetøy', start: 3, end: 6 },
    { name: 'a CRLF line break', content: 'a\r\nb', start: 1, end: 3 },
  ])('anchors $name and resolves it unchanged', ({ content, start, end }) => {
    const { doc, text } = textOf(content);
    const anchor = createAnchor(text, start, end);
    expect(resolveAnchor(doc, text, anchor)).toEqual({ status: 'ok', start, end, quote: content.slice(start, end) });
  });

  it('ties the start to the first character (assoc 0) and the end to the last one (assoc -1)', () => {
    const { text } = textOf('one');
    const anchor = createAnchor(text, 0, 3);
    expect(anchor.start.assoc).toBe(0);
    expect(anchor.end.assoc).toBe(-1);
    // Both name a character, also at the very start and end of the text.
    expect(anchor.start.item).not.toBeNull();
    expect(anchor.end.item).not.toBeNull();
  });

  it.each([
    { name: 'negative start', content: 'abc', start: -1, end: 2, message: 'start -1 is outside the text (length 3)' },
    { name: 'end past the text', content: 'abc', start: 0, end: 4, message: 'end 4 is outside the text (length 3)' },
    {
      name: 'an empty segment',
      content: 'abc',
      start: 1,
      end: 1,
      message: 'empty segment at 1: a coding needs at least one character',
    },
    { name: 'a reversed segment', content: 'abc', start: 2, end: 1, message: 'start 2 is after end 1' },
    {
      name: 'an empty text',
      content: '',
      start: 0,
      end: 0,
      message: 'empty segment at 0: a coding needs at least one character',
    },
    {
      name: 'a fractional offset',
      content: 'abc',
      start: 0.5,
      end: 2,
      message: 'start must be an integer offset, got 0.5',
    },
    { name: 'NaN', content: 'abc', start: 0, end: Number.NaN, message: 'end must be an integer offset, got NaN' },
    {
      name: 'Infinity',
      content: 'abc',
      start: 0,
      end: Infinity,
      message: 'end must be an integer offset, got Infinity',
    },
    {
      name: 'a start inside an emoji',
      content: 'a😀b',
      start: 2,
      end: 4,
      message: 'start 2 splits a surrogate pair (an emoji or other astral character)',
    },
    {
      name: 'an end inside an emoji',
      content: 'a😀b',
      start: 0,
      end: 2,
      message: 'end 2 splits a surrogate pair (an emoji or other astral character)',
    },
    {
      name: 'an end inside a skin-tone modifier',
      content: '👍🏽',
      start: 0,
      end: 3,
      message: 'end 3 splits a surrogate pair (an emoji or other astral character)',
    },
  ])('refuses $name', ({ content, start, end, message }) => {
    const { text } = textOf(content);
    const attempt = () => createAnchor(text, start, end);
    expect(attempt).toThrow(AnchorRangeError);
    expect(attempt).toThrow(message);
  });

  it('allows offsets between two emoji and between a base emoji and its modifier', () => {
    // Each is a whole code point boundary; grapheme clusters are the editor's concern.
    const { text } = textOf('😀😀👍🏽');
    expect(() => createAnchor(text, 2, 4)).not.toThrow();
    expect(() => createAnchor(text, 4, 6)).not.toThrow();
  });

  it('carries a code the api maps to 400', () => {
    const { text } = textOf('abc');
    expect(() => createAnchor(text, 3, 3)).toThrow(
      expect.objectContaining({ code: 'anchor_range', name: 'AnchorRangeError' }),
    );
  });

  it('refuses a Y.Text that is not in a document', () => {
    expect(() => createAnchor(new Y.Text('abc'), 0, 1)).toThrow('the Y.Text is not part of a Y.Doc');
  });
});

describe('createAnchors', () => {
  it('anchors many segments like createAnchor, reading the text once', () => {
    const { doc, text } = textOf('one two three four');
    const ranges = [
      { start: 0, end: 3 },
      { start: 4, end: 13 },
      { start: 8, end: 18 },
    ];
    const counter = countReads(text);
    const anchors = createAnchors(text, ranges);
    expect(counter.reads).toBe(1);
    expect(anchors.map((anchor) => resolveAnchor(doc, text, anchor))).toEqual(
      ranges.map(({ start, end }) => resolveAnchor(doc, text, createAnchor(text, start, end))),
    );
  });

  it('names the range that is invalid', () => {
    const { text } = textOf('abc');
    expect(() =>
      createAnchors(text, [
        { start: 0, end: 1 },
        { start: 1, end: 9 },
      ]),
    ).toThrow(new AnchorRangeError('range 1: end 9 is outside the text (length 3)'));
  });
});
