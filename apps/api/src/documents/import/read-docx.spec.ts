import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { DomainError } from '../../platform/domain-error.js';
import { readDocx } from './read-docx.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

const documentXml = (body: string, doctype = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${doctype}<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;

async function docx(files: Record<string, string | Buffer>): Promise<Buffer> {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const withBody = (body: string, doctype?: string) =>
  docx({ '_rels/.rels': RELS, 'word/document.xml': documentXml(body, doctype) });
const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r>${r}</w:r>`).join('')}</w:p>`;
const t = (text: string) => `<w:t xml:space="preserve">${text}</w:t>`;

async function refusal(bytes: Buffer): Promise<DomainError> {
  try {
    await readDocx(bytes);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('readDocx accepted the file');
}

describe('readDocx', () => {
  it.each([
    [
      'one line per paragraph',
      p(t('Intervjuer: Hei')) + p(t('Informant 2: Hallo')),
      'Intervjuer: Hei\nInformant 2: Hallo',
    ],
    [
      'runs of one paragraph are joined',
      p('<w:rPr><w:b/></w:rPr>' + t('Intervjuer:'), t(' Hei på deg')),
      'Intervjuer: Hei på deg',
    ],
    [
      'a line break inside a paragraph is a line break',
      p(t('Intervjuer: Hei'), '<w:br/>', t('Informant: Hallo')),
      'Intervjuer: Hei\nInformant: Hallo',
    ],
    ['tabs are kept', p(t('00:01'), '<w:tab/>', t('Hei')), '00:01\tHei'],
    [
      'empty paragraphs are blank lines, but not at the start or end',
      '<w:p/>' + p(t('a')) + '<w:p/>' + p(t('b')) + '<w:p/><w:p/>',
      'a\n\nb',
    ],
    ['æøå, «» and emoji as written', p(t('Blåbær, «sånn sett» 😅 &amp; &lt;3')), 'Blåbær, «sånn sett» 😅 & <3'],
    [
      'table cells become lines',
      `<w:tbl><w:tr><w:tc>${p(t('Intervjuer'))}</w:tc><w:tc>${p(t('Hei'))}</w:tc></w:tr></w:tbl>`,
      'Intervjuer\nHei',
    ],
    [
      'deleted text (tracked changes) is left out',
      p(t('Ja')) + `<w:p><w:del><w:r><w:delText>slettet</w:delText></w:r></w:del></w:p>`,
      'Ja',
    ],
  ])('%s', async (_, body, text) => {
    expect(await readDocx(await withBody(body))).toBe(text);
  });

  it.each<[string, () => Promise<Buffer>, string, RegExp]>([
    [
      'a renamed text file',
      async () => Buffer.from('Intervjuer: Hei\n'),
      'invalid',
      /not a Word document \(\.docx\): a \.docx file is a zip archive and this is not one/,
    ],
    [
      'an old .doc file',
      async () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]),
      'invalid',
      /old Word \.doc file/,
    ],
    ['a zip without word/document.xml', () => docx({ 'notater.txt': 'Hei' }), 'invalid', /has no word\/document\.xml/],
    [
      'a truncated .docx',
      async () => {
        const whole = await withBody(p(t('Hei')));
        return whole.subarray(0, Math.floor(whole.length / 2));
      },
      'invalid',
      /not a readable Word document.*truncated/,
    ],
    [
      'a zip bomb',
      () =>
        docx({ 'word/document.xml': documentXml(p(t('Hei'))), 'word/media/fyll.bin': Buffer.alloc(21 * 1024 * 1024) }),
      'too_large',
      /too large once unpacked: .*more than 20 MiB/,
    ],
    [
      'too many entries',
      () =>
        docx({
          'word/document.xml': documentXml(p(t('Hei'))),
          ...Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`x${i}`, ''])),
        }),
      'too_large',
      /2,002 entries \(at most 2,000 are accepted\)/,
    ],
    [
      'XML that is not well-formed',
      () => docx({ 'word/document.xml': '<w:document><w:body>' }),
      'invalid',
      /not a readable Word document/,
    ],
    [
      'an external entity (XXE): not resolved, refused',
      () => withBody(p(t('&xxe;')), '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
      'invalid',
      /not a readable Word document/,
    ],
    [
      'entity expansion (billion laughs): not expanded, refused',
      () =>
        withBody(p(t('&b;')), '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'),
      'invalid',
      /not a readable Word document/,
    ],
  ])('refuses %s', async (_, make, code, message) => {
    expect(await refusal(await make())).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
