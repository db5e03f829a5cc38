import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../platform/domain-error.js';
import { readSrt } from './read-srt.js';

const srt = (...cues: string[]) => cues.map((c, i) => `${i + 1}\n${c}\n`).join('\n');

describe('readSrt', () => {
  it.each([
    [
      'a Speaker: prefix names the speaker',
      srt('00:00:01,000 --> 00:00:02,000\nIntervjuer: Hei'),
      '[00:00:01] Intervjuer: Hei',
    ],
    [
      'consecutive cues of one speaker are joined, with the first time',
      srt(
        '00:00:01,000 --> 00:00:02,000\nInformant 2: Ja,',
        '00:00:02,000 --> 00:00:03,000\nInformant 2: sånn er det.',
        '00:00:04,000 --> 00:00:05,000\nI: Takk.',
      ),
      '[00:00:01] Informant 2: Ja, sånn er det.\n[00:00:04] I: Takk.',
    ],
    [
      'cues without a speaker stay their own lines',
      srt('00:00:01,000 --> 00:00:02,000\n[latter]', '00:00:03,000 --> 00:00:04,000\n[pause]'),
      '[00:00:01] [latter]\n[00:00:03] [pause]',
    ],
    [
      'two speakers in one cue, one per line',
      srt('00:00:01,000 --> 00:00:03,000\nIntervjuer: Ja?\nInformant: Nei.'),
      '[00:00:01] Intervjuer: Ja?\n[00:00:01] Informant: Nei.',
    ],
    [
      'the lines of a cue are joined',
      srt('00:00:01,000 --> 00:00:02,000\nKari: Dette er\nen lang setning'),
      '[00:00:01] Kari: Dette er en lang setning',
    ],
    [
      'tags, ASS codes and entities',
      srt('00:00:01,000 --> 00:00:02,000\n{\\an8}<font color="#ff0">Gul</font> &amp; <b>fet</b>'),
      '[00:00:01] Gul & fet',
    ],
    ['a dot instead of a comma, short hours', srt('0:00:09.5 --> 0:00:10.0\nHei'), '[00:00:09] Hei'],
    ['coordinates after the timing', srt('00:00:01,000 --> 00:00:02,000 X1:10 X2:20 Y1:5 Y2:9\nHei'), '[00:00:01] Hei'],
    [
      'no numbers',
      '00:00:01,000 --> 00:00:02,000\nHei\n\n00:00:03,000 --> 00:00:04,000\nHallo\n',
      '[00:00:01] Hei\n[00:00:03] Hallo',
    ],
    [
      'a blank line inside a cue',
      '1\n00:00:01,000 --> 00:00:02,000\nHei\n\npå deg\n\n2\n00:00:03,000 --> 00:00:04,000\nHallo',
      '[00:00:01] Hei på deg\n[00:00:03] Hallo',
    ],
    ['BOM, CRLF and æøå', '\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nÅse: Blåbær\r\n', '[00:00:01] Åse: Blåbær'],
    [
      'a header word is not a speaker',
      srt('00:00:01,000 --> 00:00:02,000\nMerk: opptaket stopper'),
      '[00:00:01] Merk: opptaket stopper',
    ],
  ])('%s', (_, source, text) => {
    expect(readSrt(source).text).toBe(text);
  });

  it('reports the speakers the file names', () => {
    const source = srt(
      '00:00:01,000 --> 00:00:02,000\nI: a',
      '00:00:02,000 --> 00:00:03,000\nKari: b',
      '00:00:03,000 --> 00:00:04,000\nc',
    );
    expect(readSrt(source).speakers).toEqual(['I', 'Kari']);
  });

  it.each([
    [
      'garbage timestamps',
      srt('aa:bb:cc,ddd --> ee:ff:gg,hhh\nHei'),
      /invalid cue timing on line 2: "aa:bb:cc,ddd --> ee:ff:gg,hhh"/,
    ],
    [
      'one bad cue among good ones',
      srt('00:00:01,000 --> 00:00:02,000\nHei', '00:00:03,000 --> 00:00:99,000\nHallo'),
      /invalid cue timing on line 6/,
    ],
    ['plain prose', 'Dette er bare tekst.\n\nIngen tider her.', /no valid cue found/],
    ['empty', '', /no valid cue found/],
    ['cues without text', srt('00:00:01,000 --> 00:00:02,000\n<i></i>'), /cues have no text/],
  ])('refuses %s with a 400 naming the problem', (_, source, message) => {
    let error: unknown;
    try {
      readSrt(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(message) });
  });
});
