import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { MAX_DOCUMENT_BYTES } from '@tolk/contracts';
import { DomainError } from '../../platform/domain-error.js';
import { formatOf, importTranscript } from './import-transcript.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

async function docx(paragraphs: string[]): Promise<Buffer> {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  const archive = new JSZip();
  archive.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
  );
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function refusal(name: string, bytes: Buffer): Promise<DomainError> {
  try {
    await importTranscript(name, bytes);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('formatOf', () => {
  it.each([
    ['intervju.txt', 'txt'],
    ['INTERVJU.DOCX', 'docx'],
    ['møte 3.vtt', 'vtt'],
    ['a.b.srt', 'srt'],
    ['intervju.doc', undefined],
    ['intervju', undefined],
    ['.txt.pdf', undefined],
  ])('%s → %s', (name, format) => {
    expect(formatOf(name)).toBe(format);
  });
});

describe('importTranscript', () => {
  it('reads .txt exactly (BOM dropped, CRLF kept) and finds its speakers', async () => {
    const text = 'Intervjuer: Hei\r\nInformant 2: Hallo, æøå\r\nIntervjuer: Takk';
    const imported = await importTranscript('x.txt', Buffer.from(`\uFEFF${text}`, 'utf8'));
    expect(imported).toMatchObject({
      text,
      format: 'txt',
      speakers: [
        { name: 'Intervjuer', turns: 2 },
        { name: 'Informant 2', turns: 1 },
      ],
    });
    expect(imported.turns.map((turn) => text.slice(turn.start, turn.end))).toEqual(text.split('\r\n'));
  });

  it('reads .docx paragraphs as lines', async () => {
    const imported = await importTranscript('x.docx', await docx(['I: Hei', 'IP: Hallo']));
    expect(imported).toMatchObject({
      text: 'I: Hei\nIP: Hallo',
      format: 'docx',
      speakers: [
        { name: 'I', turns: 1 },
        { name: 'IP', turns: 1 },
      ],
    });
  });

  it('counts WebVTT voices as speakers whatever their names look like', async () => {
    const source =
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v ola_n>hei\n\n00:00:03.000 --> 00:00:04.000\n<v Kari>hallo\n';
    const imported = await importTranscript('x.vtt', Buffer.from(source, 'utf8'));
    expect(imported).toMatchObject({
      text: '[00:00:01] ola_n: hei\n[00:00:03] Kari: hallo',
      format: 'vtt',
      speakers: [
        { name: 'ola_n', turns: 1 },
        { name: 'Kari', turns: 1 },
      ],
    });
  });

  it('reads a .srt that is really WebVTT as WebVTT', async () => {
    const imported = await importTranscript(
      'x.srt',
      Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Kari>Hei\n'),
    );
    expect(imported).toMatchObject({ text: '[00:00:01] Kari: Hei', format: 'vtt' });
  });

  it('reads .srt with Speaker: prefixes', async () => {
    const imported = await importTranscript('x.srt', Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nKari: Hei\n'));
    expect(imported).toMatchObject({
      text: '[00:00:01] Kari: Hei',
      format: 'srt',
      speakers: [{ name: 'Kari', turns: 1 }],
    });
  });

  it.each<[string, string, () => Promise<Buffer>, string, RegExp]>([
    [
      'an unknown extension',
      'intervju.pdf',
      async () => Buffer.from('%PDF'),
      'unsupported_media_type',
      /only \.txt, \.docx, \.vtt, \.srt/,
    ],
    ['no extension', 'intervju', async () => Buffer.from('Hei'), 'unsupported_media_type', /only \.txt/],
    ['Latin-1 text', 'x.txt', async () => Buffer.from('Blåbær', 'latin1'), 'invalid', /UTF-8/],
    [
      'Latin-1 subtitles',
      'x.srt',
      async () => Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nBlåbær', 'latin1'),
      'invalid',
      /UTF-8/,
    ],
    [
      'a Word document named .txt',
      'x.txt',
      () => docx(['Hei']),
      'invalid',
      /zip archive .*upload Word documents as \.docx/,
    ],
    [
      'a .vtt without header',
      'x.vtt',
      async () => Buffer.from('00:00:01.000 --> 00:00:02.000\nHei'),
      'invalid',
      /WEBVTT/,
    ],
    [
      'a .docx whose text is over the limit',
      'x.docx',
      // Words that do not repeat, so the file packs like a real transcript (not refused for its ratio first).
      () => docx([Array.from({ length: MAX_DOCUMENT_BYTES / 6 }, (_, i) => (i * 2654435761) % 999_983).join(' ')]),
      'too_large',
      /file is larger than 2 MiB/,
    ],
  ])('refuses %s', async (_, name, make, code, message) => {
    expect(await refusal(name, await make())).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
