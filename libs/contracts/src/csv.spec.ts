import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes only what needs it', () => {
    const csv = toCsv(['Document', 'Quote', 'Start'], [['Informant 1', 'Vi sa "nei", og\nså ja', 12]]);
    expect(csv).toBe('\uFEFFDocument,Quote,Start\r\nInformant 1,"Vi sa ""nei"", og\nså ja",12\r\n');
  });

  it.each([['=SUM(A1)'], ['+47 123'], ['-ja'], ['@cmd'], ['\tx']])('keeps %j from running as a formula', (text) => {
    const csv = toCsv(['Quote'], [[text]]);
    expect(csv.split('\r\n')[1].replace(/^"|"$/gu, '')).toBe(`'${text}`);
  });

  it('leaves numbers and ordinary text alone', () => {
    expect(toCsv(['a', 'b'], [[-3, 'æøå – «sitat»']])).toBe('\uFEFFa,b\r\n-3,æøå – «sitat»\r\n');
  });
});
