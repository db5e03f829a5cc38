import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { bearer, binaryBody, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

const TEXT = 'Intervjuer: Hva skjedde?\nInformant 2: Vi flyttet alt over på nett, og ensomheten økte.';

/**
 * Every export (segments CSV/XLSX, quotes report, REFI-QDA project and
 * codebook) reads the project now or, with `?snapshotId=`, as one of its
 * snapshots froze it — a thesis hand-in exported after work went on.
 */
describe('exports of a snapshot', () => {
  let app: TestApp;
  let owner: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let otherProjectSnapshot: string;
  let snapshotId: string;

  const get = (path: string, user = owner) => app.http.get(path).set(bearer(user));
  const quotesIn = (csv: string) =>
    (parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as { Quote: string }[]).map((row) => row.Quote);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, outsider] = await Promise.all([createUser(app, 'Sara Student'), createUser(app, 'Otto Outsider')]);
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Innlevering' }).expect(201)).body
      .id;
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 2', text: TEXT })
        .expect(201)
    ).body.id;
    const code = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Ensomhet' }).expect(201)
    ).body;
    const codeAt = (phrase: string) => {
      const start = TEXT.indexOf(phrase);
      return app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(owner))
        .send({ codeId: code.id, start, end: start + phrase.length })
        .expect(201);
    };
    await codeAt('ensomheten økte');
    snapshotId = (
      await app.http
        .post(`/api/projects/${projectId}/snapshots`)
        .set(bearer(owner))
        .send({ name: 'Innlevering 1' })
        .expect(201)
    ).body.id;
    // Work goes on after the hand-in.
    await codeAt('flyttet alt over på nett');
    await app.http
      .post(`/api/projects/${projectId}/codes`)
      .set(bearer(owner))
      .send({ name: 'Digitalisering' })
      .expect(201);

    const other = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Annet' }).expect(201)).body.id;
    otherProjectSnapshot = (
      await app.http.post(`/api/projects/${other}/snapshots`).set(bearer(owner)).send({ name: 'X' }).expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('exports the segments as they were at the snapshot, and as they are now without it', async () => {
    const then = await get(`/api/projects/${projectId}/export/segments.csv?snapshotId=${snapshotId}`).expect(200);
    const now = await get(`/api/projects/${projectId}/export/segments.csv`).expect(200);
    expect(then.text).toContain('ensomheten økte');
    expect(then.text).not.toContain('flyttet alt over på nett');
    expect(now.text).toContain('flyttet alt over på nett');
    expect(quotesIn(then.text)).toEqual(['ensomheten økte']);
    expect(quotesIn(now.text).sort()).toEqual(['ensomheten økte', 'flyttet alt over på nett']);
  });

  it('exports the quotes report, the REFI-QDA project and the codebook as at the snapshot', async () => {
    const report = await get(`/api/projects/${projectId}/export/report.docx?snapshotId=${snapshotId}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const xml = await (await JSZip.loadAsync(report.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('ensomheten økte');
    expect(xml).not.toContain('flyttet alt over på nett');

    const qdpx = await get(`/api/projects/${projectId}/export.qdpx?snapshotId=${snapshotId}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const project = await (await JSZip.loadAsync(qdpx.body as Buffer)).file('project.qde')!.async('string');
    expect(project.match(/<PlainTextSelection /g)).toHaveLength(1);
    expect(project).not.toContain('Digitalisering');

    const qdc = await get(`/api/projects/${projectId}/codebook.qdc?snapshotId=${snapshotId}`).expect(200);
    expect(String(qdc.text ?? qdc.body)).toContain('Ensomhet');
    expect(String(qdc.text ?? qdc.body)).not.toContain('Digitalisering');
  });

  it('answers 404 for a snapshot of another project, a malformed id, or a caller who is not a member', async () => {
    for (const path of [
      `/api/projects/${projectId}/export/segments.csv?snapshotId=${otherProjectSnapshot}`,
      `/api/projects/${projectId}/export.qdpx?snapshotId=not-a-uuid`,
    ]) {
      await get(path).expect(404);
    }
    await get(`/api/projects/${projectId}/export/segments.csv?snapshotId=${snapshotId}`, outsider).expect(404);
  });
});
