import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { Code } from '@tolk/contracts';
import {
  addMember,
  bearer,
  binaryBody,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';

/**
 * The quote report a thesis cites (docs/api.md, «Quote report»), in its
 * three formats. A 50-line interview with time marks; the student and the
 * supervisor both code an overlapping stretch of lines 45–47 with Tillit
 * (a sub-code of Relasjoner), so the union is one passage naming both;
 * the supervisor codes the interviewer's question on line 44 with Isolasjon.
 */
const LINES = Array.from({ length: 50 }, (_, i) =>
  i % 2 === 0 ? `Intervjuer: Spørsmål nummer ${i + 1}?` : `Informant 2: Svar nummer ${i + 1}.`,
);
LINES[43] = 'Intervjuer: Føler du deg alene på jobben?';
LINES[44] = '[00:12:34] Informant 2: Tillit tar tid.';
LINES[45] = 'Vi må bli kjent først, og det tar måneder.';
LINES[46] = 'Først da forteller de hvordan de har det.';
const TEXT = LINES.join('\n');
const QUOTE_START = TEXT.indexOf('Tillit tar tid.');
const QUOTE = 'Tillit tar tid. Vi må bli kjent først, og det tar måneder. Først da forteller de hvordan de har det.';

describe('the quote report: DOCX with headings and contents, Markdown and ODT; each passage once', () => {
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let projectId: string;
  let relations: Code;
  let trust: Code;

  const download = (path: string, user = student) =>
    app.http.get(path).set(bearer(user)).buffer(true).parse(binaryBody).expect(200);
  const report = (format: string, query = '', locale = 'nb') =>
    download(`/api/projects/${projectId}/export/report.${format}?locale=${locale}${query}`);

  beforeAll(async () => {
    app = await startTestApp();
    [student, supervisor] = await Promise.all(['Sara Student', 'Viktor Veileder'].map((n) => createUser(app, n)));
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Tillit' }).expect(201)).body
      .id as string;
    await addMember(app, student, projectId, supervisor, 'supervisor');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 2', text: TEXT })
        .expect(201)
    ).body.id as string;
    const code = async (name: string, description = '', parentId: string | null = null) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/codes`)
          .set(bearer(student))
          .send({ name, description, parentId })
          .expect(201)
      ).body as Code;
    relations = await code('Relasjoner', 'Hvordan relasjonene til brukerne endret seg.');
    trust = await code('Tillit', 'Når informanten sier hva som bygger tillit.', relations.id);
    await app.http
      .patch(`/api/codes/${trust.id}`)
      .set(bearer(student))
      .send({ whenToUse: 'Tillit til brukerne.', whenNotToUse: 'Tillit til systemet.' })
      .expect(200);
    const isolation = await code('Isolasjon');
    const coding = (codeId: string, start: number, end: number, user: TestUser) =>
      app.http.post(`/api/documents/${documentId}/codings`).set(bearer(user)).send({ codeId, start, end }).expect(201);
    // Student: lines 45–46; supervisor: from line 46 into 47; and the whole stretch once more.
    await coding(trust.id, QUOTE_START, TEXT.indexOf('måneder.') + 8, student);
    await coding(trust.id, TEXT.indexOf('og det tar'), TEXT.indexOf('har det.') + 8, supervisor);
    await coding(trust.id, QUOTE_START, TEXT.indexOf('har det.') + 8, supervisor);
    await coding(isolation.id, TEXT.indexOf('Føler du'), TEXT.indexOf('jobben?') + 7, supervisor);
    await app.http
      .put(`/api/codes/${trust.id}/memo`)
      .set(bearer(student))
      .send({ body: 'Tillit kom opp i alle intervjuene.' })
      .expect(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const docx = async (query = '') => {
    const zip = await JSZip.loadAsync((await report('docx', query)).body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)].map((p) => ({
      style: /<w:pStyle w:val="([^"]+)"/u.exec(p[0])?.[1] ?? null,
      text: [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''),
    }));
    return { zip, xml, paragraphs };
  };

  it('DOCX: themes as Heading 1/2, a table of contents field, each passage once with lines, time and both coders', async () => {
    const { zip, xml, paragraphs } = await docx();
    const headings = paragraphs.filter((p) => p.style?.startsWith('Heading')).map((p) => [p.style, p.text]);
    expect(headings).toEqual([
      ['Heading1', 'Relasjoner'],
      ['Heading2', 'Tillit'],
      ['Heading1', 'Isolasjon'],
    ]);
    expect(paragraphs[0]).toEqual({ style: 'Title', text: 'Tillit' });
    // A TOC field over the heading styles, filled in before Word updates it, and Word asked to update fields.
    const instruction = /<w:instrText[^>]*>\s*(TOC [^<]*)<\/w:instrText>/u.exec(xml)?.[1] ?? '';
    expect(instruction).toContain('\\o &quot;1-6&quot;');
    expect(paragraphs.filter((p) => p.style?.startsWith('TOC')).map((p) => p.text.replace(/\d+$/u, ''))).toEqual([
      'Relasjoner',
      'Tillit',
      'Isolasjon',
    ]);
    expect(await zip.file('word/settings.xml')!.async('string')).toMatch(/<w:updateFields( w:val="true")?\/>/u);
    const quotes = paragraphs.filter((p) => p.text.includes('Tillit tar tid'));
    expect(quotes.map((p) => p.text)).toEqual([
      `«${QUOTE}» — Informant 2, linje 45–47 [00:12:34], kodet av Sara Student og Viktor Veileder`,
    ]);
    // The interviewer's question: the speaker named beside the transcript; before any time mark, no time.
    expect(paragraphs.map((p) => p.text)).toContain(
      '«Føler du deg alene på jobben?» — Informant 2 (Intervjuer), linje 44, kodet av Viktor Veileder',
    );
    expect(paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        'Definisjon: Når informanten sier hva som bygger tillit.',
        'Brukes når: Tillit til brukerne.',
        'Brukes ikke når: Tillit til systemet.',
      ]),
    );
    expect(paragraphs.map((p) => p.text).join('\n')).not.toContain('Tillit kom opp');
  });

  it('DOCX options: chosen themes with their sub-codes, order, memos, no definitions, one coder', async () => {
    const chosen = await docx(`&codeId=${trust.id}&memos=true&definitions=false`);
    const texts = chosen.paragraphs.map((p) => p.text);
    expect(chosen.paragraphs.filter((p) => p.style?.startsWith('Heading')).map((p) => [p.style, p.text])).toEqual([
      ['Heading1', 'Tillit'],
    ]);
    expect(texts).toContain('Tillit kom opp i alle intervjuene.');
    expect(texts.some((t) => t.startsWith('Definisjon'))).toBe(false);
    const byName = await docx('&order=name');
    expect(byName.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Isolasjon',
      'Relasjoner',
    ]);
    const own = await docx(`&coder=${student.id}`);
    expect(own.paragraphs.filter((p) => p.text.includes('Tillit tar tid')).map((p) => p.text)).toEqual([
      '«Tillit tar tid. Vi må bli kjent først, og det tar måneder.» — Informant 2, linje 45–46 [00:12:34], kodet av Sara Student',
    ]);
    await app.http.get(`/api/projects/${projectId}/export/report.docx?order=size`).set(bearer(student)).expect(400);
    await app.http
      .get(`/api/projects/${projectId}/export/report.md?codeId=nope`)
      .set(bearer(student))
      .expect(400)
      .expect((res) => expect(res.body.reason).toBe('invalid_filter'));
  });

  it('Markdown: headings one level under the title, a contents list, each quote once as a block quote', async () => {
    const res = await report('md');
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Tillit-sitater-");
    expect(res.headers['content-disposition']).toContain('.md');
    const md = (res.body as Buffer).toString('utf8');
    expect(md.split('\n').filter((l) => /^#+ /u.test(l))).toEqual([
      '# Tillit',
      '## Relasjoner',
      '### Tillit',
      '## Isolasjon',
    ]);
    expect(md).toContain(
      '**Innhold**\n\n- [Relasjoner](#relasjoner)\n  - [Tillit](#tillit)\n- [Isolasjon](#isolasjon)',
    );
    expect(md.split('Tillit tar tid')).toHaveLength(2);
    expect(md).toContain(
      `> «${QUOTE}»\n>\n> — Informant 2, linje 45–47 [00:12:34], kodet av Sara Student og Viktor Veileder`,
    );
  });

  it('ODT: a zip with mimetype first and stored, content.xml that parses, outline headings and a table of contents', async () => {
    const res = await report('odt', '', 'en');
    expect(res.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    const body = res.body as Buffer;
    // The first local header: signature, method 0 (stored), name "mimetype", then the type itself.
    expect(body.readUInt32LE(0)).toBe(0x04034b50);
    expect(body.readUInt16LE(8)).toBe(0);
    expect(body.subarray(30, 38).toString('ascii')).toBe('mimetype');
    expect(body.subarray(38, 38 + 39).toString('ascii')).toBe('application/vnd.oasis.opendocument.text');
    const zip = await JSZip.loadAsync(body);
    const parse = async (name: string) => {
      const errors: string[] = [];
      const text = await zip.file(name)!.async('string');
      const doc = new DOMParser({
        errorHandler: {
          warning: () => undefined,
          error: (m: string) => errors.push(m),
          fatalError: (m: string) => errors.push(m),
        },
      }).parseFromString(text, 'text/xml');
      expect(errors).toEqual([]);
      return doc;
    };
    const content = await parse('content.xml');
    await parse('styles.xml');
    const manifest = await parse('META-INF/manifest.xml');
    expect(manifest.documentElement.getAttribute('manifest:version')).toBe('1.3');
    const headings = [...Array.from(content.getElementsByTagName('text:h'))].map((h) => [
      h.getAttribute('text:outline-level'),
      h.textContent,
    ]);
    expect(headings).toEqual([
      ['1', 'Relasjoner'],
      ['2', 'Tillit'],
      ['1', 'Isolasjon'],
    ]);
    expect(content.getElementsByTagName('text:table-of-content')).toHaveLength(1);
    const paragraphs = Array.from(content.getElementsByTagName('text:p')).map((p) => p.textContent);
    expect(paragraphs.filter((p) => p.includes('Tillit tar tid'))).toEqual([`«${QUOTE}»`]);
    expect(paragraphs).toContain('— Informant 2, lines 45–47 [00:12:34], coded by Sara Student and Viktor Veileder');
    expect(paragraphs).toContain('Contents');
  });
});
