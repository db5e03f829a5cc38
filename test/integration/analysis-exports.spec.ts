import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Code } from '@tolk/contracts';
import {
  bearer,
  binaryBody,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

const TEXT1 = 'Intervjuer: Hvordan var det?\nInformant 1: Vi mistet kontakten med mange brukere, "helt ærlig".';
const TEXT2 = 'Informant 2: =SUM(A1) sa kollegaen, men digitaliseringen hjalp oss.';

/** The bytes as an ArrayBuffer of their own (what exceljs loads). */
const arrayBuffer = (body: Buffer): ArrayBuffer =>
  body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;

describe('exports: segments as CSV and XLSX, quotes report as DOCX', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let relations: Code;
  let trust: Code;
  let digital: Code;

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Rus og covid' }).expect(201))
      .body.id;
    await addMember(app, owner, projectId, coder, 'coder');
    const doc = async (title: string, text: string, attributes: object) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .send({ title, text, attributes })
          .expect(201)
      ).body.id as string;
    const d1 = await doc('Informant 1', TEXT1, { utdanning: 'vernepleier', erfaring: '7' });
    const d2 = await doc('Informant 2', TEXT2, { utdanning: 'sosionom' });
    const code = async (name: string, extra: object = {}) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/codes`)
          .set(bearer(owner))
          .send({ name, ...extra })
          .expect(201)
      ).body as Code;
    relations = await code('Relasjoner', { description: 'Hvordan relasjonene til brukerne endret seg.' });
    trust = await code('Tillit', { parentId: relations.id });
    digital = await code('Digitalisering');
    const coding = (documentId: string, codeId: string, text: string, phrase: string, user = owner) => {
      const start = text.indexOf(phrase);
      return app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(user))
        .send({ codeId, start, end: start + phrase.length })
        .expect(201);
    };
    await coding(d1, relations.id, TEXT1, 'Vi mistet kontakten med mange brukere, "helt ærlig"');
    await coding(d1, trust.id, TEXT1, 'mange brukere', coder);
    await coding(d2, digital.id, TEXT2, '=SUM(A1) sa kollegaen, men digitaliseringen hjalp oss');
  });
  afterAll(async () => {
    await app.close();
  });

  it('CSV: UTF-8 with BOM, one row per coding, attributes as columns, formulas disarmed', async () => {
    const res = await app.http
      .get(`/api/projects/${projectId}/export/segments.csv`)
      .set(bearer(owner))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Rus-og-covid-segments-\d{4}-\d\d-\d\d\.csv"/,
    );
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(body.toString('utf8'), { bom: true });
    expect(rows[0]).toEqual(['Document', 'erfaring', 'utdanning', 'Code', 'Start', 'End', 'Quote', 'Coded by']);
    expect(rows.slice(1)).toEqual([
      [
        'Informant 1',
        '7',
        'vernepleier',
        'Relasjoner',
        String(TEXT1.indexOf('Vi mistet')),
        String(TEXT1.indexOf('Vi mistet') + 51),
        'Vi mistet kontakten med mange brukere, "helt ærlig"',
        'Sara Student',
      ],
      [
        'Informant 1',
        '7',
        'vernepleier',
        'Relasjoner / Tillit',
        String(TEXT1.indexOf('mange')),
        String(TEXT1.indexOf('mange') + 13),
        'mange brukere',
        'Kari Koder',
      ],
      [
        'Informant 2',
        '',
        'sosionom',
        'Digitalisering',
        '13',
        '66',
        "'=SUM(A1) sa kollegaen, men digitaliseringen hjalp oss",
        'Sara Student',
      ],
    ]);
  });

  it('CSV in Norwegian: ; between fields, Norwegian headers and file name, from ?locale or Accept-Language', async () => {
    const csv = (request: ReturnType<TestApp['http']['get']>) =>
      request.set(bearer(owner)).buffer(true).parse(binaryBody).expect(200);
    const url = `/api/projects/${projectId}/export/segments.csv`;
    const byQuery = await csv(app.http.get(url).query({ locale: 'nb' }).set('Accept-Language', 'en-GB'));
    const byHeader = await csv(app.http.get(url).set('Accept-Language', 'de-DE,nb-NO;q=0.8,en;q=0.5'));
    for (const res of [byQuery, byHeader]) {
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="Rus-og-covid-segmenter-\d{4}-\d\d-\d\d\.csv"/,
      );
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFFDokument;erfaring;utdanning;Kode;Start;Slutt;Sitat;Kodet av\r\n')).toBe(true);
      const rows: string[][] = parse(text, { bom: true, delimiter: ';' });
      expect(rows).toHaveLength(4);
      // The quote's comma stays inside its field; the formula is still disarmed.
      expect(rows[3][6]).toBe("'=SUM(A1) sa kollegaen, men digitaliseringen hjalp oss");
    }
    // English when asked, whatever the browser says; and by default.
    const english = await csv(app.http.get(url).query({ locale: 'en' }).set('Accept-Language', 'nb'));
    expect((english.body as Buffer).toString('utf8')).toMatch(
      /^\uFEFFDocument,erfaring,utdanning,Code,Start,End,Quote,Coded by\r\n/u,
    );
    const unknown = await csv(app.http.get(url).set('Accept-Language', 'fr-FR'));
    expect(unknown.headers['content-disposition']).toContain('-segments-');
    const refused = await app.http.get(url).query({ locale: 'de' }).set(bearer(owner)).expect(400);
    expect(refused.body.reason).toBe('invalid_locale');
  });

  it('XLSX in Norwegian: Norwegian headers and file name', async () => {
    const res = await app.http
      .get(`/api/projects/${projectId}/export/segments.xlsx`)
      .query({ locale: 'nb' })
      .set(bearer(owner))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-disposition']).toMatch(/filename="Rus-og-covid-segmenter-/u);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(res.body as Buffer));
    const header = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Dokument', 'erfaring', 'utdanning', 'Kode', 'Start', 'Slutt', 'Sitat', 'Kodet av']);
  });

  it('XLSX: the same rows, typed cells', async () => {
    const res = await app.http
      .get(`/api/projects/${projectId}/export/segments.xlsx`)
      .set(bearer(owner))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(res.body as Buffer));
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Rus og covid');
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(sheet.rowCount).toBe(4);
    expect(values(1)).toEqual(['Document', 'erfaring', 'utdanning', 'Code', 'Start', 'End', 'Quote', 'Coded by']);
    expect(values(3)).toEqual([
      'Informant 1',
      '7',
      'vernepleier',
      'Relasjoner / Tillit',
      TEXT1.indexOf('mange'),
      TEXT1.indexOf('mange') + 13,
      'mange brukere',
      'Kari Koder',
    ]);
    // Typed as text, so no apostrophe is needed and none is added.
    expect(values(4)[6]).toBe('=SUM(A1) sa kollegaen, men digitaliseringen hjalp oss');
  });

  it('DOCX: per code in codebook order, its description and every quote attributed to its document', async () => {
    const res = await app.http
      .get(`/api/projects/${projectId}/export/report.docx`)
      .set(bearer(owner))
      .set('Accept-Language', 'nb-NO,nb;q=0.9,en;q=0.5')
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    // The text of each paragraph, in order.
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)]
      .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''))
      .map((t) => t.replaceAll('&quot;', '"').replaceAll('&amp;', '&'))
      .filter(Boolean);
    expect(paragraphs).toEqual([
      'Rus og covid',
      expect.stringMatching(/^Sitater per kode · Per \d{4}-\d\d-\d\d$/u),
      'Innhold',
      'Relasjoner',
      'Tillit',
      'Digitalisering',
      'Relasjoner',
      'Definisjon: Hvordan relasjonene til brukerne endret seg.',
      '«Vi mistet kontakten med mange brukere, "helt ærlig"» — Informant 1, linje 2, kodet av Sara Student',
      'Tillit',
      '«mange brukere» — Informant 1, linje 2, kodet av Kari Koder',
      'Digitalisering',
      '«=SUM(A1) sa kollegaen, men digitaliseringen hjalp oss» — Informant 2, linje 1, kodet av Sara Student',
    ]);
    const english = await app.http
      .get(`/api/projects/${projectId}/export/report.docx?lang=en`)
      .set(bearer(owner))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const englishXml = await (await JSZip.loadAsync(english.body as Buffer)).file('word/document.xml')!.async('string');
    expect(englishXml).toContain('Quotes by code');
    await app.http.get(`/api/projects/${projectId}/export/report.docx?lang=de`).set(bearer(owner)).expect(400);
  });

  it('with blind coding on, a coder exports only their own codings', async () => {
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    try {
      const res = await app.http
        .get(`/api/projects/${projectId}/export/segments.csv`)
        .set(bearer(coder))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const rows: string[][] = parse((res.body as Buffer).toString('utf8'), { bom: true });
      expect(rows.slice(1).map((r) => r[6])).toEqual(['mange brukere']);
    } finally {
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { blindCoding: false } })
        .expect(200);
    }
  });

  it('hides the project from outsiders', async () => {
    for (const file of ['segments.csv', 'segments.xlsx', 'report.docx']) {
      const res = await app.http.get(`/api/projects/${projectId}/export/${file}`).set(bearer(outsider)).expect(404);
      expect(res.body.message).toBe('Project not found');
    }
  });
});
