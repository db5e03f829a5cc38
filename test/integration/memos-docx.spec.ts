import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Code, Memo } from '@tolk/contracts';
import JSZip from 'jszip';
import {
  addMember,
  bearer,
  binaryBody,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';

/**
 * GET /api/projects/:projectId/memos.docx: every memo of a project in one
 * Word file, grouped by what it is about, headings in the reader's language,
 * each memo's text as it is now (live edits included), Markdown made Word's.
 */
const TRANSCRIPT = 'Intervjuer: Hvordan var hjemmekontoret?\nInformant: Ensomt, men effektivt.\n';

/** The text of each paragraph of the file, in order. */
async function paragraphs(bytes: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''))
    .map((t) => t.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'))
    .filter(Boolean);
}

/** The paragraph styles in order (Title, Heading1, …, 'bullet' for a list item; '' for a plain paragraph). */
async function styles(bytes: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)]
    .filter((p) => /<w:t[ >]/u.test(p[0]))
    .map((p) => (/<w:numPr>/u.test(p[0]) ? 'bullet' : (/<w:pStyle w:val="([^"]+)"/u.exec(p[0])?.[1] ?? '')));
}

describe('memos as a Word file', () => {
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let outsider: TestUser;
  let projectId: string;

  const download = async (who: TestUser, query = '', language?: string) => {
    const request = app.http.get(`/api/projects/${projectId}/memos.docx${query}`).set(bearer(who));
    if (language) void request.set('Accept-Language', language);
    return request.buffer(true).parse(binaryBody).expect(200);
  };

  beforeAll(async () => {
    app = await startTestApp();
    [student, supervisor, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Hjemmekontor' }).expect(201))
      .body.id;
    await addMember(app, student, projectId, supervisor, 'supervisor');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 1', text: TRANSCRIPT })
        .expect(201)
    ).body.id as string;
    // A second transcript whose memo nobody wrote: it is left out.
    const empty = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 2', text: 'Intervjuer: Hei.\n' })
        .expect(201)
    ).body.id as string;
    await app.http.get(`/api/documents/${empty}/memo`).set(bearer(student)).expect(200);
    const code = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(student))
        .send({ name: 'Ensomhet' })
        .expect(201)
    ).body as Code;

    const projectMemo = (await app.http.get(`/api/projects/${projectId}/memo`).set(bearer(student)).expect(200))
      .body as Memo;
    await app.http
      .put(`/api/projects/${projectId}/memo`)
      .set(bearer(supervisor))
      .send({
        body: '# Metode\nTematisk analyse etter **Braun & Clarke**.\n\n- fire informanter\n- *to* yrkesgrupper',
        version: projectMemo.version,
      })
      .expect(200);
    await app.http
      .put(`/api/documents/${documentId}/memo`)
      .set(bearer(student))
      .send({ body: 'Kort intervju.' })
      .expect(200);
    await app.http
      .put(`/api/codes/${code.id}/memo`)
      .set(bearer(student))
      .send({ body: 'Ensomhet <uten> kolleger.' })
      .expect(200);
    const start = TRANSCRIPT.indexOf('Ensomt');
    const segment = (
      await app.http
        .post(`/api/documents/${documentId}/memos`)
        .set(bearer(supervisor))
        .send({ start, end: start + 6 })
        .expect(201)
    ).body as Memo;
    await app.http
      .put(`/api/memos/${segment.id}`)
      .set(bearer(supervisor))
      .send({ body: 'Gjelder dette alle?', version: segment.version })
      .expect(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('holds every written memo under headings in Norwegian, each with who changed it last', async () => {
    const res = await download(student, '', 'nb-NO,nb;q=0.9,en;q=0.5');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''Hjemmekontor-notater-${today}.docx`);
    const bytes = res.body as Buffer;
    expect(await paragraphs(bytes)).toEqual([
      'Hjemmekontor',
      `Notater · Per ${today}`,
      'Prosjektnotat',
      `Sist endret ${today} av Viktor Veileder`,
      'Metode',
      'Tematisk analyse etter Braun & Clarke.',
      'fire informanter',
      'to yrkesgrupper',
      'Notater om transkripsjoner',
      'Informant 1',
      `Sist endret ${today} av Sara Student`,
      'Kort intervju.',
      'Notater om koder',
      'Ensomhet',
      `Sist endret ${today} av Sara Student`,
      'Ensomhet <uten> kolleger.',
      'Notater om utdrag',
      '«Ensomt» i Informant 1',
      `Sist endret ${today} av Viktor Veileder`,
      'Gjelder dette alle?',
    ]);
    // Headings per scope and per memo; the memo's own Markdown heading and list became Word's.
    expect(await styles(bytes)).toEqual([
      'Title',
      '',
      'Heading1',
      '',
      'Heading3',
      '',
      'bullet',
      'bullet',
      'Heading1',
      'Heading2',
      '',
      '',
      'Heading1',
      'Heading2',
      '',
      '',
      'Heading1',
      'Heading2',
      '',
      '',
    ]);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:b\/>[\s\S]*?Braun &amp; Clarke/u);
  });

  it('speaks English when asked, shows live edits, and is audited; outsiders get 404', async () => {
    // A live edit not yet copied to the memo's row is in the file already.
    const memo = (await app.http.get(`/api/projects/${projectId}/memo`).set(bearer(student)).expect(200)).body as Memo;
    await app.http
      .put(`/api/projects/${projectId}/memo`)
      .set(bearer(student))
      .send({ body: 'Nytt prosjektnotat.', version: memo.version })
      .expect(200);
    const english = await paragraphs((await download(supervisor, '?locale=en')).body as Buffer);
    expect(english).toEqual(
      expect.arrayContaining([
        'Project memo',
        'Nytt prosjektnotat.',
        'Memos on transcripts',
        'Memos on codes',
        'Memos on passages',
        '“Ensomt” in Informant 1',
      ]),
    );
    expect(english).not.toContain('Metode');
    await app.http.get(`/api/projects/${projectId}/memos.docx?locale=de`).set(bearer(student)).expect(400);
    await app.http.get(`/api/projects/${projectId}/memos.docx`).set(bearer(outsider)).expect(404);
    await app.http.get(`/api/projects/${projectId}/memos.docx`).expect(401);
    const audited = await dbQuery<{ n: string }>(
      app,
      `SELECT count(*) AS n FROM audit_entries WHERE action = 'memos.export_docx' AND project_id = $1`,
      [projectId],
    );
    expect(Number(audited[0].n)).toBeGreaterThanOrEqual(2);
  });
});
