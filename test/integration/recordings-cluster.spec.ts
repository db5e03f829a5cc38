import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordingInfo } from '@tolk/contracts';
import { randomBytes } from 'node:crypto';
import { wav } from './support/audio.js';
import { createTestDatabase } from './support/databases.js';
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
 * Two instances of one cluster share a database and nothing else (no disk):
 * an upload begun on one goes on through the other, either serves every
 * byte and every range, and a deletion through one is a deletion on both.
 */
describe('a recording served by two instances', () => {
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let documentId: string;
  /** 20 s of 16 kHz mono WAV: 640 044 bytes, three chunks of 256 KiB. */
  const audio = wav(20);

  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = {
      secret: 'recordings-cluster-secret-that-is-long-enough-7',
      // The key lives outside the database, the same on every instance (TOLK_RECORDING_KEY).
      recordingKey: randomBytes(32).toString('base64'),
    };
    a = await startTestApp(shared, database);
    b = await startTestApp(shared, database);
    [owner, viewer] = await Promise.all([createUser(a, 'Sara Student'), createUser(a, 'Siri Sensor')]);
    const projectId = (await a.http.post('/api/projects').set(bearer(owner)).send({ name: 'Klynge' }).expect(201)).body
      .id as string;
    await addMember(a, owner, projectId, viewer, 'viewer');
    documentId = (
      await a.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 7', text: '[00:00:03] Informant: Ja.' })
        .expect(201)
    ).body.id as string;
  }, 120_000);

  afterAll(async () => {
    // beforeAll may have failed before assigning them all.
    /* eslint-disable @typescript-eslint/no-unnecessary-condition */
    await a?.close();
    await b?.close();
    await database?.drop();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  });

  const patch = (app: TestApp, url: string, offset: number, bytes: Buffer) =>
    app.http
      .patch(url)
      .set(bearer(owner))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', String(offset))
      .set('Content-Type', 'application/offset+octet-stream')
      .send(bytes);

  it('takes the upload through both, serves it from either, and deletes it for both', async () => {
    const url = (
      await a.http
        .post(`/api/documents/${documentId}/recording`)
        .set(bearer(owner))
        .send({ size: audio.length, filename: 'klynge.wav', contentType: 'audio/wav' })
        .expect(201)
    ).body.uploadUrl as string;
    const half = 300_000;
    await patch(a, url, 0, audio.subarray(0, half)).expect(204);
    // The other instance knows where the upload stands and takes the rest.
    const head = await b.http.head(url).set(bearer(owner)).set('Tus-Resumable', '1.0.0').expect(200);
    expect(head.headers['upload-offset']).toBe(String(half));
    await patch(b, url, half, audio.subarray(half)).expect(204);

    for (const app of [a, b]) {
      const info = (await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(viewer)).expect(200))
        .body as RecordingInfo;
      expect(info).toMatchObject({ size: audio.length, durationMs: 20_000, contentType: 'audio/wav' });
      const whole = await app.http
        .get(`/api/documents/${documentId}/recording/audio`)
        .set(bearer(viewer))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(Buffer.compare(whole.body as Buffer, audio)).toBe(0);
      // A range across the first chunk boundary (262 144), decrypted by either instance.
      const middle = await app.http
        .get(`/api/documents/${documentId}/recording/audio`)
        .set(bearer(viewer))
        .set('Range', 'bytes=262000-262300')
        .buffer(true)
        .parse(binaryBody)
        .expect(206);
      expect(Buffer.compare(middle.body as Buffer, audio.subarray(262_000, 262_301))).toBe(0);
    }
    // The ticket in audioUrl from one instance is good on the other (same secret).
    const info = (await a.http.get(`/api/documents/${documentId}/recording`).set(bearer(viewer)).expect(200))
      .body as RecordingInfo;
    const byTicket = await b.http.get(info.audioUrl).set('Range', 'bytes=0-3').buffer(true).parse(binaryBody);
    expect(byTicket.status).toBe(206);
    expect((byTicket.body as Buffer).toString('ascii')).toBe('RIFF');

    await b.http.delete(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(204);
    for (const app of [a, b]) {
      await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(viewer)).expect(404);
      await app.http
        .get(`/api/documents/${documentId}/recording/audio`)
        .set(bearer(viewer))
        .set('Range', 'bytes=0-3')
        .expect(404);
    }
    expect(await dbQuery(a, 'SELECT 1 FROM recording_chunks')).toEqual([]);
  });
});
