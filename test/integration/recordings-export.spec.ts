import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage, Coding, ProjectImportResult } from '@tolk/contracts';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { validateXML } from 'xmllint-wasm';
import { wav } from './support/audio.js';
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

/*
 * REFI-QDA export of interview recordings: only when the owner ticks it
 * (`?recordings=true`), each transcript with a recording goes out as an
 * AudioSource whose Transcript has a SyncPoint per time mark (milliseconds),
 * with the audio's bytes in sources/; without the tick no byte of audio
 * leaves. Both files validate against the standard's schema, and Tolk's
 * own import of the ticked file brings back the text and its codings.
 */
const schema = () => readFile(new URL('../../libs/refi-qda/schema/Project-mrt2019.xsd', import.meta.url), 'utf8');

describe('REFI-QDA export with the recordings', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let projectId: string;
  let documentId: string;
  /** 12 s of WAV, written here. */
  const audio = wav(12);
  const TEXT = 'Intervjuer: Hvordan var det?\n[00:00:05] Informant: Det var en lang dag.\n';

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder] = await Promise.all([createUser(app, 'Sara Student'), createUser(app, 'Kari Koder')]);
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Opptak ut' }).expect(201)).body
      .id as string;
    await addMember(app, owner, projectId, coder, 'coder');
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 3', text: TEXT })
        .expect(201)
    ).body.id as string;
    const code = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Dagen' }).expect(201)
    ).body.id as string;
    const start = TEXT.indexOf('Det var en lang dag.');
    await app.http
      .post(`/api/documents/${documentId}/codings`)
      .set(bearer(owner))
      .send({ codeId: code, start, end: start + 'Det var en lang dag.'.length })
      .expect(201);
    const url = (
      await app.http
        .post(`/api/documents/${documentId}/recording`)
        .set(bearer(owner))
        .send({ size: audio.length, filename: 'intervju.wav', contentType: 'audio/wav' })
        .expect(201)
    ).body.uploadUrl as string;
    await app.http
      .patch(url)
      .set(bearer(owner))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', '0')
      .set('Content-Type', 'application/offset+octet-stream')
      .send(audio)
      .expect(204);
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  const exportOf = async (query: string, who = owner) =>
    (
      await app.http
        .get(`/api/projects/${projectId}/export.qdpx${query}`)
        .set(bearer(who))
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
    ).body as Buffer;

  const validate = async (xml: string) => {
    const result = await validateXML({
      xml: [{ fileName: 'project.qde', contents: xml }],
      schema: [await schema()],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  };

  it('leaves the audio out without the tick: a TextSource, no audio bytes', async () => {
    const zip = await JSZip.loadAsync(await exportOf(''));
    const xml = await zip.file('project.qde')!.async('string');
    await validate(xml);
    expect(xml).toContain('<TextSource');
    expect(xml).not.toContain('<AudioSource');
    expect(Object.keys(zip.files).sort()).toEqual(['project.qde', `sources/${documentId}.txt`]);
    // `recordings=false` is the same as no tick.
    const unticked = await JSZip.loadAsync(await exportOf('?recordings=false'));
    expect(Object.keys(unticked.files)).toHaveLength(2);
  });

  it('with the owner’s tick writes an AudioSource, its transcript with sync points in ms, and the audio', async () => {
    const zip = await JSZip.loadAsync(await exportOf('?recordings=true'));
    const xml = await zip.file('project.qde')!.async('string');
    await validate(xml);
    expect(xml).not.toContain('<TextSource');
    const source = /<AudioSource [^>]*>/u.exec(xml)?.[0] ?? '';
    expect(source).toContain(`guid="${documentId}"`);
    expect(source).toContain('name="Informant 3"');
    const path = /path="internal:\/\/([^"]+)"/u.exec(source)?.[1];
    expect(path).toMatch(/\.wav$/u);
    expect(xml).toContain(`plainTextPath="internal://${documentId}.txt"`);
    // [00:00:05] stands at code point 29 (after "Intervjuer: Hvordan var det?\n").
    expect(xml).toMatch(/<SyncPoint guid="[^"]+" timeStamp="5000" position="29"\/>/u);
    expect(xml).toMatch(/<TranscriptSelection [^>]*fromSyncPoint="[^"]+" toSyncPoint="[^"]+"/u);
    const stored = await zip.file(`sources/${path!}`)!.async('nodebuffer');
    expect(Buffer.compare(stored, audio)).toBe(0);
    expect(await zip.file(`sources/${documentId}.txt`)!.async('string')).toBe(TEXT);

    // The voices leaving Tolk is in the audit log.
    const audit = (await app.http.get(`/api/projects/${projectId}/audit`).set(bearer(owner)).expect(200))
      .body as AuditPage;
    expect(audit.entries.find((e) => e.action === 'recording.exported')).toMatchObject({
      actor: { userId: owner.id },
      target: { type: 'document', id: documentId },
    });
  });

  it('lets only the owner tick it, and never for a snapshot', async () => {
    const refused = await app.http
      .get(`/api/projects/${projectId}/export.qdpx?recordings=true`)
      .set(bearer(coder))
      .expect(403);
    expect(refused.body.reason).toBe('role_forbidden');
    // The coder's own export (no tick) works as before.
    expect((await JSZip.loadAsync(await exportOf('', coder))).file(/\.wav$/u)).toEqual([]);
    const snapshot = (
      await app.http.post(`/api/projects/${projectId}/snapshots`).set(bearer(owner)).send({ name: 'Før' }).expect(201)
    ).body.id as string;
    const fromSnapshot = await app.http
      .get(`/api/projects/${projectId}/export.qdpx?snapshotId=${snapshot}&recordings=true`)
      .set(bearer(owner))
      .expect(400);
    expect(fromSnapshot.body.reason).toBe('invalid_input');
  });

  it('imports the ticked file back: the transcript and its coding, the audio reported as skipped', async () => {
    const bytes = await exportOf('?recordings=true');
    const result = (
      await app.http.post('/api/projects/import').set(bearer(owner)).attach('file', bytes, 'opptak.qdpx').expect(201)
    ).body as ProjectImportResult;
    expect(result.summary).toMatchObject({ sources: 1, codings: 1 });
    expect(result.summary.skipped.map((s) => [s.name, s.reasonCode])).toEqual([['Informant 3', 'audio_source']]);
    const [document] = await dbQuery<{ id: string }>(app, 'SELECT id FROM documents WHERE project_id = $1', [
      result.projectId,
    ]);
    const text = (await app.http.get(`/api/documents/${document.id}`).set(bearer(owner)).expect(200)).body as {
      text: string;
      timestamps: { ms: number }[];
    };
    expect(text.text).toBe(TEXT);
    expect(text.timestamps.map((t) => t.ms)).toEqual([5000]);
    const codings = (await app.http.get(`/api/documents/${document.id}/codings`).set(bearer(owner)).expect(200))
      .body as Coding[];
    expect(codings.map((c) => c.quote)).toEqual(['Det var en lang dag.']);
    // The audio itself is not imported: the new project has no recording.
    expect(await dbQuery(app, 'SELECT 1 FROM recordings WHERE project_id = $1', [result.projectId])).toEqual([]);
  });
});
