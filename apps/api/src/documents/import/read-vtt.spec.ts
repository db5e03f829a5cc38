import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../platform/domain-error.js';
import { readVtt } from './read-vtt.js';

const vtt = (...blocks: string[]) => ['WEBVTT', '', ...blocks.flatMap((b) => [b, ''])].join('\n');

describe('readVtt', () => {
  it.each([
    ['a voice tag names the speaker', vtt('00:00:01.000 --> 00:00:02.000\n<v Kari>Hei</v>'), '[00:00:01] Kari: Hei'],
    [
      'voice tag with classes',
      vtt('00:00:01.000 --> 00:00:02.000\n<v.loud.first Kari Nordmann>Hei'),
      '[00:00:01] Kari Nordmann: Hei',
    ],
    [
      'consecutive cues of one speaker become one line with the first time',
      vtt(
        '00:00:01.000 --> 00:00:02.000\n<v Kari>Hei,',
        '00:00:02.500 --> 00:00:04.000\n<v Kari>hvordan går det?',
        '00:00:05.000 --> 00:00:06.000\n<v Ola>Bra.',
      ),
      '[00:00:01] Kari: Hei, hvordan går det?\n[00:00:05] Ola: Bra.',
    ],
    [
      'a Speaker: prefix names the speaker (Zoom)',
      vtt('1\n00:00:01.000 --> 00:00:02.000\nKari Nordmann: Hei alle'),
      '[00:00:01] Kari Nordmann: Hei alle',
    ],
    [
      'cues without a speaker stay lines of their own',
      vtt('00:00:01.000 --> 00:00:02.000\nHei', '00:00:03.000 --> 00:00:04.000\nHallo'),
      '[00:00:01] Hei\n[00:00:03] Hallo',
    ],
    [
      'two voices in one cue',
      vtt('00:00:07.000 --> 00:00:09.000\n<v Kari>Ja?</v> <v Ola>Nei.</v>'),
      '[00:00:07] Kari: Ja?\n[00:00:07] Ola: Nei.',
    ],
    [
      'markup stripped, entities decoded, lines of a cue joined',
      vtt(
        '00:00:01.000 --> 00:00:02.000 align:start position:10%\n<c.yellow>Rødt</c> &amp; <i>blått</i>\n<b>og</b> <00:00:01.500>grønt &lt;3',
      ),
      '[00:00:01] Rødt & blått og grønt <3',
    ],
    ['hours are optional; seconds are truncated', vtt('59:59.999 --> 01:00:00.000\nSent'), '[00:59:59] Sent'],
    ['long recordings', vtt('123:04:05.000 --> 123:04:06.000\nLangt'), '[123:04:05] Langt'],
    [
      'header lines, NOTE, STYLE and identifiers are skipped',
      vtt(
        'Kind: captions',
        'NOTE hemmelig\nflere linjer',
        'STYLE\n::cue { color: red }',
        'intro\n00:00:01.000 --> 00:00:02.000\nHei',
      ),
      '[00:00:01] Hei',
    ],
    [
      'a BOM and CRLF are fine',
      '\uFEFFWEBVTT - tittel\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Kari>Hei\r\n',
      '[00:00:01] Kari: Hei',
    ],
    ['a cue straight after the header line', 'WEBVTT\n00:00:01.000 --> 00:00:02.000\nHei', '[00:00:01] Hei'],
    ['æøå and emoji kept', vtt('00:00:01.000 --> 00:00:02.000\n<v Åse>Blåbær 🫐'), '[00:00:01] Åse: Blåbær 🫐'],
  ])('%s', (_, source, text) => {
    expect(readVtt(source).text).toBe(text);
  });

  it('reports the speakers the file names', () => {
    const source = vtt(
      '00:00:01.000 --> 00:00:02.000\n<v Kari>a',
      '00:00:02.000 --> 00:00:03.000\nOla: b',
      '00:00:03.000 --> 00:00:04.000\n<v Kari>c',
    );
    expect(readVtt(source).speakers).toEqual(['Kari', 'Ola']);
  });

  it.each([
    ['no header', '00:00:01.000 --> 00:00:02.000\nHei', /first line must be "WEBVTT"/],
    ['an SRT file', '1\n00:00:01,000 --> 00:00:02,000\nHei', /upload it as \.srt/],
    ['WEBVTTX', 'WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHei', /WEBVTT/],
    ['no cues', 'WEBVTT\n\nNOTE bare en merknad\n', /without any cue text/],
    ['empty', '', /WEBVTT/],
    [
      'garbage timing',
      vtt('00:00:01.000 --> 00:00:02.000\nHei', 'kl. 5 --> kl. 6\nHallo'),
      /invalid cue timing on line 6: "kl\. 5 --> kl\. 6"/,
    ],
    ['SRT-style comma in WebVTT', vtt('00:00:01,000 --> 00:00:02,000\nHei'), /invalid cue timing on line 3/],
    ['minutes out of range', vtt('00:61:00.000 --> 00:62:00.000\nHei'), /invalid cue timing/],
  ])('refuses %s with a 400 naming the problem', (_, source, message) => {
    let error: unknown;
    try {
      readVtt(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(message) });
  });
});
