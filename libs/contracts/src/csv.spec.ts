import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

/** Splits one CSV line the way a spreadsheet does with `separator`, honouring double quotes. */
function cellsAsRead(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...cells, cell];
}

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

  it('writes Norwegian files with ; and a decimal comma, keeping the BOM', () => {
    expect(
      toCsv(
        ['Kode', 'Andel'],
        [
          ['Tillit', 0.25],
          ['Makt', 3],
        ],
        'nb',
      ),
    ).toBe('\uFEFFKode;Andel\r\nTillit;0,25\r\nMakt;3\r\n');
    expect(toCsv(['Code', 'Share'], [['Trust', 0.25]], 'en')).toBe('\uFEFFCode,Share\r\nTrust,0.25\r\n');
  });

  describe.each([
    ['en', ','],
    ['nb', ';'],
  ] as const)('in a %s file (separator %j)', (locale, written) => {
    it.each([
      ['x;=HYPERLINK("http://evil/")'],
      ['x,=HYPERLINK(1)'],
      ['x;+1'],
      ['a,b;@SUM(1)'],
      ['x\t=1'],
      ['tekst; -ja'],
    ])('no reader, whatever separator it splits on, finds a formula in %j', (text) => {
      const line = toCsv(['Sitat', 'Tall'], [[text, 1]], locale).split('\r\n')[1];
      for (const separator of [',', ';', '\t']) {
        const cells = cellsAsRead(line, separator);
        for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/u);
      }
      // And read with the separator it was written with, the text comes back whole.
      expect(cellsAsRead(line, written)).toEqual([text, '1']);
    });
  });
});
