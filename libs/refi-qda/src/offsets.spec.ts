import { describe, expect, it } from '@jest/globals';
import { codePointLength, exportText, normaliseSourceText } from './offsets.js';

// "a😀b\r\nc": a, an emoji (2 UTF-16 units, 1 code point), b, CRLF, c.
const RAW = '\uFEFFa😀b\r\nc';

describe('normaliseSourceText', () => {
  const n = normaliseSourceText(RAW);

  it('drops the BOM and turns CRLF into LF', () => {
    expect(n.text).toBe('a😀b\nc');
  });

  it('reads UTF-16 offsets with CRLF as two (NVivo for Windows)', () => {
    // a=0, 😀=1..2, b=3, CR=4, LF=5, c=6, end=7
    expect([0, 1, 3, 4, 6, 7].map((o) => n.toTolk(o, 'utf16'))).toEqual([0, 1, 3, 4, 5, 6]);
    expect(n.toTolk(8, 'utf16')).toBeUndefined();
  });

  it('reads code points with CRLF as two (the standard)', () => {
    // a=0, 😀=1, b=2, CR=3, LF=4, c=5, end=6
    expect([0, 1, 2, 3, 5, 6].map((o) => n.toTolk(o, 'codepoints'))).toEqual([0, 1, 3, 4, 5, 6]);
  });

  it('reads code points with CRLF as one (ATLAS.ti)', () => {
    // a=0, 😀=1, b=2, CRLF=3, c=4, end=5
    expect([2, 3, 4, 5].map((o) => n.toTolk(o, 'codepoints-crlf1'))).toEqual([3, 4, 5, 6]);
  });

  it('puts a position inside an emoji or a CRLF at the start of it', () => {
    expect(n.toTolk(2, 'utf16')).toBe(1);
    expect(n.toTolk(5, 'utf16')).toBe(4);
  });

  it('refuses negative and fractional offsets', () => {
    expect(n.toTolk(-1, 'utf16')).toBeUndefined();
    expect(n.toTolk(1.5, 'utf16')).toBeUndefined();
  });
});

describe('exportText', () => {
  it('writes LF text and code point offsets of it', () => {
    const tolk = 'x😀\r\ny';
    const out = exportText(tolk);
    expect(out.text).toBe('x😀\ny');
    // Tolk: x=0, 😀=1..2, CR=3, LF=4, y=5, end=6 → export: x=0, 😀=1, LF=2, y=3, end=4
    expect([0, 1, 3, 5, 6].map(out.toCodePoint)).toEqual([0, 1, 2, 3, 4]);
  });

  it('is the inverse of reading code points', () => {
    const tolk = 'Æ 🎉 ø\nsecond 👩‍👩‍👧 line';
    const out = exportText(tolk);
    const back = normaliseSourceText(out.text);
    for (let i = 0; i <= tolk.length; i++) {
      const isInsidePair = i > 0 && /[\uDC00-\uDFFF]/u.test(tolk[i] ?? '') && /[\uD800-\uDBFF]/u.test(tolk[i - 1]);
      if (!isInsidePair) expect(back.toTolk(out.toCodePoint(i), 'codepoints')).toBe(i);
    }
  });
});

it('codePointLength counts an emoji once', () => {
  expect(codePointLength('a😀b')).toBe(3);
});
