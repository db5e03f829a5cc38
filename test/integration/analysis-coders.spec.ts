import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import type {
  Code,
  CodeAttributeMatrix,
  CodeDocumentMatrix,
  CodeFrequency,
  Cooccurrence,
  Segment,
} from '@tolk/contracts';
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
 * The coder dimension on the demo's shape: the student (owner) and the
 * supervisor both code «Tillit tar tid.» with Tillit; the supervisor also
 * codes a longer stretch overlapping it with Tillit and tries Isolasjon.
 *
 *   Informant 2 (sosionom), line 2: «Informant 2: Tillit tar tid. Vi må bli kjent først.»
 *     student    Tillit «Tillit tar tid.»
 *     supervisor Tillit «Tillit tar tid.»
 *     supervisor Tillit «tid. Vi må»           (overlaps: the union is «Tillit tar tid. Vi må»)
 *     supervisor Isolasjon «Vi må bli kjent først.»
 *   Informant 1 (vernepleier), line 1: «Informant 1: Jeg stoler på dem.»
 *     student    Tillit «Jeg stoler på dem.»
 */
const TEXT2 = 'Intervjuer: Hva betyr tillit?\nInformant 2: Tillit tar tid. Vi må bli kjent først.';
const TEXT1 = 'Informant 1: Jeg stoler på dem.';

describe('analysis per coder: coder filters and the union (merge=union)', () => {
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let projectId: string;
  let trust: Code;
  let isolation: Code;
  let d1: string;
  let d2: string;

  const get = async <T>(path: string, user = student) =>
    (await app.http.get(path).set(bearer(user)).expect(200)).body as T;
  const frequency = (rows: CodeFrequency[], code: Code) => {
    const { codings, documents, characters } = rows.find((r) => r.codeId === code.id)!;
    return { codings, documents, characters };
  };
  const docxParagraphs = async (body: Buffer) => {
    const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
    return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)]
      .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''))
      .filter(Boolean);
  };
  const download = (path: string, user = student) =>
    app.http.get(path).set(bearer(user)).buffer(true).parse(binaryBody).expect(200);

  beforeAll(async () => {
    app = await startTestApp();
    [student, supervisor] = await Promise.all(['Sara Student', 'Viktor Veileder'].map((n) => createUser(app, n)));
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Tillit' }).expect(201)).body
      .id;
    await addMember(app, student, projectId, supervisor, 'supervisor');
    const doc = async (title: string, text: string, utdanning: string) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(student))
          .send({ title, text, attributes: { utdanning } })
          .expect(201)
      ).body.id as string;
    d1 = await doc('Informant 1', TEXT1, 'vernepleier');
    d2 = await doc('Informant 2', TEXT2, 'sosionom');
    const code = async (name: string) =>
      (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(student)).send({ name }).expect(201))
        .body as Code;
    trust = await code('Tillit');
    isolation = await code('Isolasjon');
    const coding = (documentId: string, text: string, codeId: string, phrase: string, user: TestUser) => {
      const start = text.indexOf(phrase);
      return app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(user))
        .send({ codeId, start, end: start + phrase.length })
        .expect(201);
    };
    await coding(d2, TEXT2, trust.id, 'Tillit tar tid.', student);
    await coding(d2, TEXT2, trust.id, 'Tillit tar tid.', supervisor);
    await coding(d2, TEXT2, trust.id, 'tid. Vi må', supervisor);
    await coding(d2, TEXT2, isolation.id, 'Vi må bli kjent først.', supervisor);
    await coding(d1, TEXT1, trust.id, 'Jeg stoler på dem.', student);
  });
  afterAll(async () => {
    await app.close();
  });

  it('frequencies: pooled codings count twice, the union counts a shared passage once', async () => {
    const base = `/api/projects/${projectId}/analysis/frequencies`;
    const pooled = await get<CodeFrequency[]>(base);
    expect(frequency(pooled, trust)).toEqual({ codings: 4, documents: 2, characters: 21 + 18 });
    const merged = await get<CodeFrequency[]>(`${base}?merge=union`);
    // «Tillit tar tid. Vi må» (21 characters) and «Jeg stoler på dem.» (18): two passages.
    expect(frequency(merged, trust)).toEqual({ codings: 2, documents: 2, characters: 21 + 18 });
    expect(frequency(merged, isolation)).toEqual({ codings: 1, documents: 1, characters: 22 });
    // Naming both people is the same as naming nobody; naming one counts only theirs.
    expect(await get(`${base}?merge=union&coder=${student.id}&coder=${supervisor.id}`)).toEqual(merged);
    const own = await get<CodeFrequency[]>(`${base}?coder=${supervisor.id}`);
    expect(frequency(own, trust)).toEqual({ codings: 2, documents: 1, characters: 21 });
    expect(frequency(await get<CodeFrequency[]>(`${base}?coder=${student.id}`), isolation).codings).toBe(0);
  });

  it('segments: the union lists a shared passage once with both coders, and its lines', async () => {
    const merged = await get<Segment[]>(`/api/projects/${projectId}/segments?codeId=${trust.id}&merge=union`);
    expect(merged.map((s) => [s.documentTitle, s.quote, s.lineStart, s.lineEnd, s.coders.map((c) => c.name)])).toEqual([
      ['Informant 1', 'Jeg stoler på dem.', 1, 1, ['Sara Student']],
      ['Informant 2', 'Tillit tar tid. Vi må', 2, 2, ['Sara Student', 'Viktor Veileder']],
    ]);
    const pooled = await get<Segment[]>(`/api/projects/${projectId}/segments?codeId=${trust.id}`);
    expect(pooled).toHaveLength(4);
    expect(pooled.every((s) => s.coders.length === 1 && s.coders[0].id === s.createdBy)).toBe(true);
    const bySupervisor = await get<Segment[]>(`/api/projects/${projectId}/segments?coder=${supervisor.id}`);
    expect(bySupervisor.map((s) => s.quote).sort()).toEqual([
      'Tillit tar tid.',
      'Vi må bli kjent først.',
      'tid. Vi må',
    ]);
    // Paging cuts the passages, not the codings.
    const second = await get<Segment[]>(`/api/projects/${projectId}/segments?merge=union&limit=1&offset=1`);
    expect(second.map((s) => s.quote)).toEqual(['Tillit tar tid. Vi må']);
  });

  it('co-occurrence and matrices count passages under the union', async () => {
    const pooled = await get<Cooccurrence>(`/api/projects/${projectId}/analysis/cooccurrence`);
    const merged = await get<Cooccurrence>(`/api/projects/${projectId}/analysis/cooccurrence?merge=union`);
    const t = pooled.codeIds.indexOf(trust.id);
    const i = pooled.codeIds.indexOf(isolation.id);
    // Pooled: the three Tillit codings in Informant 2 overlap pairwise; only «tid. Vi må» meets Isolasjon.
    expect([pooled.matrix[t][t], pooled.matrix[t][i]]).toEqual([3, 1]);
    expect([merged.matrix[t][t], merged.matrix[t][i]]).toEqual([0, 1]);
    const matrix = await get<CodeAttributeMatrix>(
      `/api/projects/${projectId}/analysis/matrix?attribute=utdanning&merge=union`,
    );
    expect(matrix.values).toEqual(['sosionom', 'vernepleier']);
    expect(matrix.counts[matrix.codeIds.indexOf(trust.id)]).toEqual([1, 1]);
    const supervisorOnly = await get<CodeAttributeMatrix>(
      `/api/projects/${projectId}/analysis/matrix?attribute=utdanning&coder=${supervisor.id}`,
    );
    expect(supervisorOnly.counts[supervisorOnly.codeIds.indexOf(trust.id)]).toEqual([2, 0]);
    const documents = await get<CodeDocumentMatrix>(`/api/projects/${projectId}/analysis/document-matrix?merge=union`);
    expect(documents.counts[documents.codeIds.indexOf(trust.id)][documents.documentIds.indexOf(d2)]).toBe(1);
  });

  it('the quote report lists a passage once, naming both coders; coder narrows it', async () => {
    const everyone = await docxParagraphs(
      (await download(`/api/projects/${projectId}/export/report.docx?locale=nb`)).body,
    );
    const quotes = everyone.filter((p) => p.includes('Tillit tar tid.'));
    expect(quotes).toEqual([
      '«Tillit tar tid. Vi må» — Informant 2, linje 2, kodet av Sara Student og Viktor Veileder',
    ]);
    const own = await docxParagraphs(
      (await download(`/api/projects/${projectId}/export/report.docx?locale=en&coder=${student.id}`)).body,
    );
    expect(own.filter((p) => p.includes('Tillit tar tid.'))).toEqual([
      '«Tillit tar tid.» — Informant 2, line 2, coded by Sara Student',
    ]);
    expect(own.some((p) => p.includes('Vi må bli kjent'))).toBe(false);
  });

  it('the segment table: pooled by default, one row per passage with merge=union, narrowed by coder', async () => {
    const rows = async (query: string): Promise<string[][]> =>
      parse(((await download(`/api/projects/${projectId}/export/segments.csv?${query}`)).body as Buffer).toString(), {
        bom: true,
      });
    const quoteAndCoders = (table: string[][]) => table.slice(1).map((r) => [r[5], r.at(-1)]);
    expect(quoteAndCoders(await rows('locale=en&merge=union'))).toEqual([
      ['Jeg stoler på dem.', 'Sara Student'],
      ['Tillit tar tid. Vi må', 'Sara Student, Viktor Veileder'],
      ['Vi må bli kjent først.', 'Viktor Veileder'],
    ]);
    expect(await rows('locale=en')).toHaveLength(6);
    expect(quoteAndCoders(await rows(`locale=en&coder=${student.id}`)).map((r) => r[0])).toEqual([
      'Jeg stoler på dem.',
      'Tillit tar tid.',
    ]);
  });

  it('with blind coding on, a supervisor asking for the student gets none; the owner gets what she asks for', async () => {
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(student))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    try {
      const base = `/api/projects/${projectId}/analysis/frequencies`;
      expect(frequency(await get<CodeFrequency[]>(`${base}?coder=${student.id}`, supervisor), trust).codings).toBe(0);
      expect(frequency(await get<CodeFrequency[]>(`${base}?merge=union`, supervisor), trust)).toEqual({
        codings: 1,
        documents: 1,
        characters: 21,
      });
      const segments = await get<Segment[]>(`/api/projects/${projectId}/segments?merge=union`, supervisor);
      expect(segments.flatMap((s) => s.coders.map((c) => c.name))).not.toContain('Sara Student');
      const report = await docxParagraphs(
        (await download(`/api/projects/${projectId}/export/report.docx?locale=nb&coder=${student.id}`, supervisor))
          .body,
      );
      expect(report.some((p) => p.includes('kodet av'))).toBe(false);
      expect(frequency(await get<CodeFrequency[]>(`${base}?coder=${supervisor.id}`), trust).codings).toBe(2);
    } finally {
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(student))
        .send({ settings: { blindCoding: false } })
        .expect(200);
    }
  });

  it('refuses a coder that is not an id, or another merge, naming the parameter', async () => {
    for (const query of ['coder=nobody', 'merge=intersection']) {
      for (const path of ['analysis/frequencies', 'analysis/cooccurrence', 'segments', 'export/segments.csv']) {
        const res = await app.http.get(`/api/projects/${projectId}/${path}?${query}`).set(bearer(student)).expect(400);
        expect(res.body.reason).toBe('invalid_filter');
        expect(res.body.params.field).toBe(query.split('=')[0]);
      }
    }
  });
});
