import { describe, expect, it } from '@jest/globals';
import { csvField, csvRow } from './csv.js';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hei"', '"say ""hei"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null as an empty field and ends rows with CRLF', () => {
    expect(csvRow(['a', null, undefined, 'b'])).toBe('a,,,b\r\n');
  });
});
