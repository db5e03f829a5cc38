import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { createAnchor } from './create-anchor.js';
import { decodeAnchor, encodeAnchor, MAX_ENCODED_ANCHOR_LENGTH } from './encode-anchor.js';
import { AnchorDecodeError } from './errors.js';
import { resolveAnchor } from './resolve-anchor.js';

const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function textOf(content: string) {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  text.insert(0, content);
  return { doc, text };
}

/** What a browser (btoa, no Buffer) makes of the same bytes. */
const browserBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe('encodeAnchor and decodeAnchor', () => {
  it.each([
    { name: 'a short text', content: 'one two three', start: 4, end: 7 },
    { name: 'the whole text', content: 'one two three', start: 0, end: 13 },
    { name: 'a long text (large clocks)', content: 'ord '.repeat(50_000), start: 150_000, end: 199_999 },
    { name: 'emoji and æøå', content: 'Hei 😀 blåbær', start: 4, end: 13 },
  ])('round-trips $name', ({ content, start, end }) => {
    const { doc, text } = textOf(content);
    const anchor = createAnchor(text, start, end);
    const encoded = encodeAnchor(anchor);
    const decoded = decodeAnchor(encoded);

    // Not Y.compareRelativePositions: a position made in a document also
    // carries the root type's name, which the encoding leaves out once it
    // names a character.
    for (const side of ['start', 'end'] as const) {
      expect(decoded[side].item).toEqual(anchor[side].item);
      expect(decoded[side].assoc).toBe(anchor[side].assoc);
    }
    expect(encodeAnchor(decoded)).toEqual(encoded);
    expect(resolveAnchor(doc, text, decoded)).toEqual(resolveAnchor(doc, text, anchor));
    for (const value of [encoded.startAnchor, encoded.endAnchor]) {
      expect(value).toMatch(STANDARD_BASE64);
      expect(value.length).toBeLessThanOrEqual(28);
    }
  });

  it('writes the same text a browser would, and reads what a client made with Y.encodeRelativePosition', () => {
    const { doc, text } = textOf('one two three');
    const start = Y.createRelativePositionFromTypeIndex(text, 4, 0);
    const end = Y.createRelativePositionFromTypeIndex(text, 7, -1);
    const fromClient = {
      startAnchor: browserBase64(Y.encodeRelativePosition(start)),
      endAnchor: browserBase64(Y.encodeRelativePosition(end)),
    };
    expect(encodeAnchor({ start, end })).toEqual(fromClient);
    expect(resolveAnchor(doc, text, decodeAnchor(fromClient))).toEqual({
      status: 'ok',
      start: 4,
      end: 7,
      quote: 'two',
    });
  });

  it('reads the older encoding without the trailing assoc (it means assoc 0)', () => {
    const { text } = textOf('one two three');
    const bytes = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 4, 0));
    const legacy = browserBase64(bytes.subarray(0, bytes.length - 1));
    const decoded = decodeAnchor({ startAnchor: legacy, endAnchor: legacy });
    expect(decoded.start.assoc).toBe(0);
    expect(decoded.start.item).not.toBeNull();
  });

  const { text } = textOf('one two three');
  const valid = encodeAnchor(createAnchor(text, 4, 7));
  const validBytes = Y.encodeRelativePosition(createAnchor(text, 4, 7).start);

  it.each([
    { name: 'null', input: null, message: 'an encoded anchor is an object with startAnchor and endAnchor' },
    {
      name: 'a string',
      input: valid.startAnchor,
      message: 'an encoded anchor is an object with startAnchor and endAnchor',
    },
    {
      name: 'a missing endAnchor',
      input: { startAnchor: valid.startAnchor },
      message: 'endAnchor must be a non-empty base64 string',
    },
    {
      name: 'a number',
      input: { startAnchor: 42, endAnchor: valid.endAnchor },
      message: 'startAnchor must be a non-empty base64 string',
    },
    {
      name: 'an empty string',
      input: { ...valid, startAnchor: '' },
      message: 'startAnchor must be a non-empty base64 string',
    },
    {
      name: 'an overlong string',
      input: { ...valid, endAnchor: 'A'.repeat(MAX_ENCODED_ANCHOR_LENGTH + 4) },
      message: `endAnchor is too long (${MAX_ENCODED_ANCHOR_LENGTH + 4} > ${MAX_ENCODED_ANCHOR_LENGTH} characters)`,
    },
    {
      name: 'characters outside base64',
      input: { ...valid, startAnchor: 'not base64!' },
      message: 'startAnchor is not standard base64',
    },
    { name: 'unpadded base64', input: { ...valid, startAnchor: 'AAA' }, message: 'startAnchor is not standard base64' },
    {
      name: 'url-safe base64',
      input: { ...valid, startAnchor: 'A-_A' },
      message: 'startAnchor is not standard base64',
    },
    {
      name: 'embedded whitespace',
      input: { ...valid, startAnchor: `${valid.startAnchor.slice(0, 4)} ${valid.startAnchor.slice(4)}` },
      message: 'startAnchor is not standard base64',
    },
    {
      name: 'truncated bytes',
      input: { ...valid, startAnchor: '/w==' },
      message: 'startAnchor is not an encoded Yjs relative position (truncated)',
    },
    {
      name: 'an unknown kind',
      input: { ...valid, endAnchor: 'Bw==' },
      message: 'endAnchor is not an encoded Yjs relative position (unknown kind)',
    },
    {
      name: 'trailing bytes',
      input: { ...valid, startAnchor: browserBase64(new Uint8Array([...validBytes, 1, 2, 3])) },
      message: 'startAnchor is not an encoded Yjs relative position (unexpected bytes)',
    },
  ])('refuses $name', ({ input, message }) => {
    const attempt = () => decodeAnchor(input as never);
    expect(attempt).toThrow(AnchorDecodeError);
    expect(attempt).toThrow(message);
  });

  it('carries a code the api maps to 400', () => {
    expect(() => decodeAnchor({ startAnchor: '', endAnchor: '' })).toThrow(
      expect.objectContaining({ code: 'anchor_decode', name: 'AnchorDecodeError' }),
    );
  });
});
