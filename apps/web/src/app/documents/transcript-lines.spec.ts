import { countWords, lineSpeaker, transcriptLines } from './transcript-lines';

describe('lineSpeaker', () => {
  it.each([
    ['Intervjuer: Hei.', { start: 0, name: 'Intervjuer' }],
    ['Informant 2: Ja, det stemmer.', { start: 0, name: 'Informant 2' }],
    // A turn typed while transcribing (Ctrl+J) or imported from .vtt: the label follows the time mark.
    ['[00:12:34] Informant: Det begynte med en telefon.', { start: 11, name: 'Informant' }],
    ['[1:02:03.5] Intervjuer: Og så?', { start: 12, name: 'Intervjuer' }],
    ['[00:12:34] ', null],
    ['Da vi kom dit sa hun: nei.', null],
    ['[00:12:34] Da vi kom dit sa hun: nei.', null],
    ['[99:99:99] Intervjuer: ikke et tidsmerke', null],
  ])('%j', (line, expected) => {
    expect(lineSpeaker(line)).toEqual(expected);
  });

  it('leaves the reading view of a line without a time mark as it was', () => {
    expect(transcriptLines('Intervjuer: Hei.\nJa.')).toEqual([
      { speaker: 'Intervjuer', text: ' Hei.' },
      { speaker: null, text: 'Ja.' },
    ]);
  });
});

describe('countWords', () => {
  it.each([
    '',
    '   ',
    'Hei.',
    ' Intervjuer: Hei, hvordan går det?\n\nInformant 2:\tJa,  takk. ',
    'ord\u00a0med\u2009smale\u3000mellomrom\u2028og\ufeffslutt',
    'Ærlig talt – «nei».\r\n[00:12:34] Informant: 😀 ja',
  ])('counts what splitting on white space counts: %j', (text) => {
    expect(countWords(text)).toBe(text.split(/\s+/u).filter(Boolean).length);
  });

  it('counts a long transcript', () => {
    expect(countWords('ett to tre\n'.repeat(5000))).toBe(15_000);
  });
});
