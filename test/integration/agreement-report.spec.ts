import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { AgreementResult, Code } from '@tolk/contracts';
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
 * Agreement a reliability section can quote, on a worked example: the
 * student and the supervisor both coded Informant 1 (10 characters) and
 * Informant 2 (30); only the student coded Informant 3 (20), with a code
 * the supervisor never used there.
 *
 *   Relasjoner  Informant 1: student [0,6), supervisor [2,8)  → both 4, only A 2, only B 2
 *   Digitalisering Informant 2: both [0,10), supervisor also [20,25) → both 10, only B 5
 *   Isolasjon   Informant 3: student [0,5)
 *
 * documents=both (the default) compares Informant 1 and 2 only: 40 units per code.
 */
const TEN = 'Hei, hvem?';
const THIRTY = 'Vi mistet kontakten med mange.';
const TWENTY = 'Ensom i hele vinter.';

const arrayBuffer = (body: Buffer): ArrayBuffer =>
  body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;

describe('agreement: documents both coded, prevalence, and the table as files', () => {
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let projectId: string;
  const docs: string[] = [];
  const codes: Code[] = [];
  let query: string;

  beforeAll(async () => {
    app = await startTestApp();
    [student, supervisor] = await Promise.all(['Sara Student', 'Viktor Veileder'].map((n) => createUser(app, n)));
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Reliabilitet' }).expect(201))
      .body.id;
    await addMember(app, student, projectId, supervisor, 'supervisor');
    for (const [title, text] of [
      ['Informant 1', TEN],
      ['Informant 2', THIRTY],
      ['Informant 3', TWENTY],
    ]) {
      docs.push(
        (
          await app.http
            .post(`/api/projects/${projectId}/documents`)
            .set(bearer(student))
            .send({ title, text })
            .expect(201)
        ).body.id,
      );
    }
    for (const name of ['Relasjoner', 'Digitalisering', 'Isolasjon']) {
      codes.push(
        (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(student)).send({ name }).expect(201)).body,
      );
    }
    const code = (user: TestUser, d: number, c: number, start: number, end: number) =>
      app.http
        .post(`/api/documents/${docs[d]}/codings`)
        .set(bearer(user))
        .send({ codeId: codes[c].id, start, end })
        .expect(201);
    await code(student, 0, 0, 0, 6);
    await code(supervisor, 0, 0, 2, 8);
    await code(student, 1, 1, 0, 10);
    await code(supervisor, 1, 1, 0, 10);
    await code(supervisor, 1, 1, 20, 25);
    await code(student, 2, 2, 0, 5);
    query = `coderA=${student.id}&coderB=${supervisor.id}`;
  });
  afterAll(async () => {
    await app.close();
  });

  const figures = async (extra = '') =>
    (
      await app.http
        .get(`/api/projects/${projectId}/analysis/agreement?${query}${extra}`)
        .set(bearer(student))
        .expect(200)
    ).body as AgreementResult;

  it('by default counts only the transcripts both coded, with prevalence and agreement over the coded text', async () => {
    const body = await figures();
    expect(body.documents).toBe('both');
    expect(body.documentIds).toEqual([docs[0], docs[1]]);
    expect(body.perCode.map((c) => c.codeId)).toEqual([codes[0].id, codes[1].id]);
    const [x, y] = body.perCode;
    expect([x.units, x.prevalenceA, x.prevalenceB, x.percentAgreementCoded]).toEqual([40, 6 / 40, 6 / 40, 4 / 8]);
    expect([y.units, y.prevalenceA, y.prevalenceB, y.percentAgreementCoded]).toEqual([40, 10 / 40, 15 / 40, 10 / 15]);
    expect(body.table).toEqual({ both: 14, onlyA: 2, onlyB: 7, neither: 57 });
    expect([body.prevalenceA, body.prevalenceB, body.percentAgreementCoded]).toEqual([16 / 80, 21 / 80, 14 / 23]);
    expect(body.percentAgreement).toBeCloseTo(71 / 80, 12);
  });

  it('documents=all also counts the transcript only one coded: its code gets κ = 0', async () => {
    const body = await figures('&documents=all');
    expect(body.documents).toBe('all');
    expect(body.documentIds).toEqual(docs);
    const isolation = body.perCode.find((c) => c.codeId === codes[2].id)!;
    expect(isolation).toMatchObject({ units: 60, cohensKappa: 0, prevalenceB: 0, percentAgreementCoded: 0 });
    expect(isolation.prevalenceA).toBeCloseTo(5 / 60, 12);
    // documentId narrows either choice; a transcript one side never coded leaves nothing under `both`.
    expect((await figures(`&documentId=${docs[2]}`)).documentIds).toEqual([]);
    expect((await figures(`&documentId=${docs[2]}`)).percentAgreementCoded).toBeNull();
    expect((await figures(`&documentId=${docs[2]}&documents=all`)).documentIds).toEqual([docs[2]]);
    const refused = await app.http
      .get(`/api/projects/${projectId}/analysis/agreement?${query}&documents=some`)
      .set(bearer(student))
      .expect(400);
    expect(refused.body).toMatchObject({ reason: 'invalid_filter', params: { field: 'documents' } });
  });

  const download = (file: string, extra = '') =>
    app.http
      .get(`/api/projects/${projectId}/analysis/${file}?${query}${extra}`)
      .set(bearer(student))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);

  it('XLSX in Norwegian: the table with both prevalences and the pooled row, then the method', async () => {
    const res = await download('agreement.xlsx', '&locale=nb');
    expect(res.headers['content-disposition']).toMatch(/filename="Reliabilitet-samsvar-\d{4}-\d\d-\d\d\.xlsx"/u);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(res.body as Buffer));
    const sheet = workbook.worksheets[0];
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      'Kode',
      'Enheter (tegn)',
      'Kodet av Sara Student (%)',
      'Kodet av Viktor Veileder (%)',
      'Samsvar, all tekst (%)',
      'Samsvar, kodet tekst (%)',
      'Cohens κ',
      'Krippendorffs α',
    ]);
    expect(values(2).slice(0, 6)).toEqual(['Relasjoner', 40, 15, 15, 90, 50]);
    expect(values(2)[6]).toBeCloseTo(0.608, 3);
    expect(values(3).slice(0, 6)).toEqual(['Digitalisering', 40, 25, 37.5, 87.5, 66.7]);
    const pooled = values(4) as [string, number, number, number, number, number];
    expect([pooled[0], pooled[1], pooled[2], pooled[5]]).toEqual(['Alle koder (samlet)', 80, 20, 60.9]);
    // 21/80 and 71/80 as percentages with one decimal (26.25 and 88.75 round either way in binary).
    expect([26.2, 26.3]).toContain(pooled[3]);
    expect([88.7, 88.8]).toContain(pooled[4]);
    const method = String(values(6)[0]);
    expect(method).toContain('målt på tegnnivå');
    expect(method).toContain('de 2 transkripsjonene begge hadde kodet: Informant 1, Informant 2');
    expect(method).toContain('Cohens kappa');
    // Most agreeing units are text neither coded: the note says so.
    expect(String(values(7)[0])).toContain('over teksten minst én av dem kodet, er samsvaret 60,9 %');
  });

  it('CSV in Norwegian: semicolons, decimal commas, BOM, the method below the table', async () => {
    const text = ((await download('agreement.csv', '&locale=nb')).body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFKode;Enheter (tegn);Kodet av Sara Student (%);')).toBe(true);
    const rows: string[][] = parse(text, { bom: true, delimiter: ';', relax_column_count: true });
    expect(rows[2].slice(0, 6)).toEqual(['Digitalisering', '40', '25', '37,5', '87,5', '66,7']);
    expect(rows.some((r) => r[0].includes('Samsvaret ble målt på tegnnivå'))).toBe(true);
  });

  it('DOCX in English: a heading, the method paragraph naming transcripts and date, and the table', async () => {
    const res = await download('agreement.docx', '&locale=en&documents=all');
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(' ');
    expect(text).toContain('Intercoder agreement');
    expect(text).toMatch(/Agreement was measured at character level in Tolk on \d{4}-\d\d-\d\d\./u);
    expect(text).toContain('all 3 transcripts of the project: Informant 1, Informant 2, Informant 3');
    expect(text).toContain('Isolasjon');
    expect(text).toContain('All codes (pooled)');
  });

  it('refuses the files as it refuses the figures', async () => {
    const same = await app.http
      .get(`/api/projects/${projectId}/analysis/agreement.xlsx?coderA=${student.id}&coderB=${student.id}`)
      .set(bearer(student))
      .expect(400);
    expect(same.body.reason).toBe('same_coders');
  });
});
