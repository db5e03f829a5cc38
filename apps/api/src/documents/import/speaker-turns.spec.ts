import { describe, expect, it } from '@jest/globals';
import { findSpeakerTurns, parseSpeakerLabel } from './speaker-turns.js';

describe('parseSpeakerLabel', () => {
  it.each([
    ['Intervjuer: Kan du fortelle?', 'Intervjuer', 'role'],
    ['Interviewer: Tell me more.', 'Interviewer', 'role'],
    ['Informant 2: Ja.', 'Informant 2', 'role'],
    ['Informant2: Ja.', 'Informant2', 'role'],
    ['Deltaker B: Nei.', 'Deltaker B', 'role'],
    ['intervjuer: små bokstaver', 'intervjuer', 'role'],
    ['Speaker 1: Hello', 'Speaker 1', 'role'],
    ['I: Og så?', 'I', 'role'],
    ['IP: Tja.', 'IP', 'role'],
    ['IP2: Tja.', 'IP2', 'role'],
    ['Inf: Ja', 'Inf', 'role'],
    ['Kari: Hei', 'Kari', 'name'],
    ['Kari Nordmann: Hei', 'Kari Nordmann', 'name'],
    ['Anne-Lise: Hei', 'Anne-Lise', 'name'],
    ['Øystein: æøå', 'Øystein', 'name'],
    ['R1: Ja', 'R1', 'name'],
    // Not a role ("the informant"), but name-like: it counts only if it opens two turns.
    ['Informanten: hun sa ja', 'Informanten', 'name'],
    ['  Intervjuer: innrykket', 'Intervjuer', 'role'],
    ['[00:01:02] Intervjuer: med tid', 'Intervjuer', 'role'],
    ['(01:02) Kari: med tid', 'Kari', 'name'],
    ['00:01:02 Kari: med tid', 'Kari', 'name'],
    ['Intervjuer:', 'Intervjuer', 'role'],
  ])('%j has the label %j (%s)', (line, label, kind) => {
    expect(parseSpeakerLabel(line)).toMatchObject({ label, kind });
  });

  it.each([
    ['Det var slik: vi hadde ikke tid.'],
    ['Merk: lydopptaket er dårlig her.'],
    ['Dato: 3. mars 2024'],
    ['Sted: Bodø'],
    ['Se https://example.org for mer.'],
    ['10:30 møttes vi.'],
    ['Intervjuer:Hei (ingen mellomrom)'],
    ['Intervjuer : mellomrom før kolon'],
    ['hun sa: Intervjuer: nei'],
    ['En veldig lang innledning med Mange Ord Som Begynner Med Store Bokstaver: tekst'],
    ['1: første punkt'],
    [''],
  ])('%j has no speaker label', (line) => {
    expect(parseSpeakerLabel(line)).toBeUndefined();
  });

  it('says where the text after the label starts', () => {
    expect(parseSpeakerLabel('[00:00:05] Kari:  hei')).toMatchObject({ labelStart: 11, textStart: 18 });
  });
});

describe('findSpeakerTurns', () => {
  it('finds turns with UTF-16 offsets: header outside, continuation lines inside, trailing blank lines outside', () => {
    const text =
      'Intervju 3 😅\r\nIntervjuer: Hei!\r\n\r\nInformant 2: Hallo.\r\nMer tekst.\r\n\r\nIntervjuer: Takk.\r\n';
    const { speakers, turns } = findSpeakerTurns(text);
    expect(speakers).toEqual([
      { name: 'Intervjuer', turns: 2 },
      { name: 'Informant 2', turns: 1 },
    ]);
    const first = text.indexOf('Intervjuer: Hei');
    const second = text.indexOf('Informant 2');
    const third = text.indexOf('Intervjuer: Takk');
    expect(turns).toEqual([
      { speaker: 'Intervjuer', start: first, end: first + 'Intervjuer: Hei!'.length },
      { speaker: 'Informant 2', start: second, end: text.indexOf('Mer tekst.') + 'Mer tekst.'.length },
      { speaker: 'Intervjuer', start: third, end: third + 'Intervjuer: Takk.'.length },
    ]);
    expect(text.slice(turns[1]?.start, turns[1]?.end)).toBe('Informant 2: Hallo.\r\nMer tekst.');
  });

  it.each([
    ['a name that opens two turns is a speaker', 'Kari: a\nOla: b\nKari: c\nOla: d', ['Kari', 'Ola']],
    ['a name that opens one turn is not', 'Kari: a\nOla: b\nKari: c', ['Kari']],
    ['a role counts from its first turn', 'Intervjuer: a\nsvar', ['Intervjuer']],
    ['header words never count, however often', 'Merk: a\nMerk: b\nTema: c\nTema: d', []],
    ['ordinary prose with colons has no speakers', 'Vi sa det slik: nei.\nHun svarte: ja.\nDet var det.', []],
    [
      'labels differing only in case and spacing are one speaker',
      'Informant  2: a\ninformant 2: b',
      ['Informant  2'.replace('  ', ' ')],
    ],
    ['timestamped lines', '[00:00:01] Intervjuer: a\n[00:00:05] Informant 1: b', ['Intervjuer', 'Informant 1']],
  ])('%s', (_, text, names) => {
    expect(findSpeakerTurns(text).speakers.map((s) => s.name)).toEqual(names);
  });

  it('counts labels it is told about whatever they look like', () => {
    const text = '[00:00:01] dr_who: hei\n[00:00:03] Ola: hallo';
    expect(findSpeakerTurns(text, { known: ['dr_who', 'Ola'] }).speakers).toEqual([
      { name: 'dr_who', turns: 1 },
      { name: 'Ola', turns: 1 },
    ]);
  });

  it('finds nothing in an empty text', () => {
    expect(findSpeakerTurns('')).toEqual({ speakers: [], turns: [] });
  });
});
