import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage, RecordingInfo } from '@tolk/contracts';
import { request as httpRequest } from 'node:http';
import { encoded, wav } from './support/audio.js';
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

const OFFSET_STREAM = 'application/offset+octet-stream';

describe('interview recordings', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  /** 30 s of 16 kHz mono WAV: 960 044 bytes, four chunks of 256 KiB. */
  const audio = wav(30);

  const newDocument = async (title: string) =>
    (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title, text: 'Intervjuer: [00:00:05] Hei.' })
        .expect(201)
    ).body.id as string;

  const start = async (user: TestUser, documentId: string, bytes: Buffer, contentType = 'audio/wav') =>
    (
      await app.http
        .post(`/api/documents/${documentId}/recording`)
        .set(bearer(user))
        .send({ size: bytes.length, filename: 'intervju.wav', contentType })
        .expect(201)
    ).body.uploadUrl as string;

  const patch = (user: TestUser, uploadUrl: string, offset: number, bytes: Buffer) =>
    app.http
      .patch(uploadUrl)
      .set(bearer(user))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', String(offset))
      .set('Content-Type', OFFSET_STREAM)
      .send(bytes);

  /** Uploads in pieces of the given sizes (the last piece takes the rest). */
  const upload = async (user: TestUser, documentId: string, bytes: Buffer, pieces: number[] = []) => {
    const url = await start(user, documentId, bytes);
    let offset = 0;
    for (const size of [...pieces, bytes.length]) {
      const piece = bytes.subarray(offset, Math.min(bytes.length, offset + size));
      if (piece.length === 0) break;
      const res = await patch(user, url, offset, piece).expect(204);
      offset += piece.length;
      expect(res.headers['upload-offset']).toBe(String(offset));
    }
    return url;
  };

  const audioOf = (user: TestUser, documentId: string, range?: string) => {
    const req = app.http.get(`/api/documents/${documentId}/recording/audio`).set(bearer(user));
    if (range) req.set('Range', range);
    return req.buffer(true).parse(binaryBody);
  };

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Viktor Veileder', 'Siri Sensor', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Opptak' }).expect(201)).body.id;
    for (const [user, role] of [
      [coder, 'coder'],
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const)
      await addMember(app, owner, projectId, user, role);
  });
  afterAll(async () => {
    await app.close();
  });

  it('takes a WAV in unaligned pieces, checks it by content, and plays it back byte for byte', async () => {
    const documentId = await newDocument('Informant 1');
    await upload(coder, documentId, audio, [100_000, 300_000, 5]);
    const info = (await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(viewer)).expect(200))
      .body as RecordingInfo;
    expect(info).toMatchObject({
      contentType: 'audio/wav',
      durationMs: 30_000,
      size: audio.length,
      uploadedBy: { id: coder.id, name: 'Kari Koder' },
      filename: 'intervju.wav',
      // Pseudonymisation never reaches the voices: flagged until the recording is deleted.
      pseudonymised: false,
    });
    expect(info.format).toMatch(/WAVE/);
    const whole = await audioOf(viewer, documentId).expect(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(Buffer.compare(whole.body as Buffer, audio)).toBe(0);
  });

  it('answers Range requests: the first bytes, a middle stretch across chunks, a suffix, and 416', async () => {
    const documentId = await newDocument('Informant 2');
    await upload(owner, documentId, audio);
    const first = await audioOf(viewer, documentId, 'bytes=0-99').expect(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${audio.length}`);
    expect(first.headers['content-length']).toBe('100');
    expect(Buffer.compare(first.body as Buffer, audio.subarray(0, 100))).toBe(0);

    // 262 144 is where the second chunk begins.
    const middle = await audioOf(viewer, documentId, 'bytes=262000-600000').expect(206);
    expect(middle.headers['content-range']).toBe(`bytes 262000-600000/${audio.length}`);
    expect(Buffer.compare(middle.body as Buffer, audio.subarray(262_000, 600_001))).toBe(0);

    const suffix = await audioOf(viewer, documentId, 'bytes=-500').expect(206);
    expect(suffix.headers['content-range']).toBe(`bytes ${audio.length - 500}-${audio.length - 1}/${audio.length}`);
    expect(Buffer.compare(suffix.body as Buffer, audio.subarray(audio.length - 500))).toBe(0);

    const open = await audioOf(viewer, documentId, `bytes=${audio.length - 10}-`).expect(206);
    expect(Buffer.compare(open.body as Buffer, audio.subarray(audio.length - 10))).toBe(0);

    for (const bad of [`bytes=${audio.length}-`, 'bytes=50-10', 'bytes=0-1,5-9', 'lines=1-2']) {
      const refused = await app.http
        .get(`/api/documents/${documentId}/recording/audio`)
        .set(bearer(viewer))
        .set('Range', bad)
        .expect(416);
      expect(refused.body).toMatchObject({ reason: 'range_not_satisfiable', params: { size: audio.length } });
      expect(refused.headers['content-range']).toBe(`bytes */${audio.length}`);
    }
  });

  it('keeps only ciphertext at rest', async () => {
    const documentId = await newDocument('Informant 3');
    await upload(owner, documentId, audio);
    const chunks = await dbQuery<{ seq: number; data: Buffer }>(
      app,
      `SELECT c.seq, c.data FROM recording_chunks c JOIN recordings r ON r.id = c.recording_id
        WHERE r.document_id = $1 ORDER BY c.seq`,
      [documentId],
    );
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3]);
    const stored = Buffer.concat(chunks.map((c) => c.data));
    // Each chunk carries its 16-byte GCM tag.
    expect(stored.length).toBe(audio.length + 4 * 16);
    expect(stored.includes(Buffer.from('RIFF'))).toBe(false);
    for (const at of [0, 44, 200_000, 500_000, 900_000])
      expect(stored.includes(audio.subarray(at, at + 32))).toBe(false);
  });

  it('resumes an upload whose connection broke half way, from the offset HEAD reports', async () => {
    const documentId = await newDocument('Informant 4');
    const url = await start(coder, documentId, audio);
    const sent = 400_000;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${app.url}${url}`, {
        method: 'PATCH',
        headers: {
          ...bearer(coder),
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': '0',
          'Content-Type': OFFSET_STREAM,
          'Content-Length': String(audio.length),
        },
      });
      req.on('error', () => resolve());
      req.write(audio.subarray(0, sent), () => setTimeout(() => req.destroy(), 300));
      req.on('close', () => resolve());
    });
    // The server stores what arrived once it notices the broken connection.
    let offset = 0;
    for (const deadline = Date.now() + 10_000; offset !== sent && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      const head = await app.http.head(url).set(bearer(coder)).set('Tus-Resumable', '1.0.0').expect(200);
      offset = Number(head.headers['upload-offset']);
      expect(head.headers['upload-length']).toBe(String(audio.length));
    }
    expect(offset).toBe(sent);
    await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(coder)).expect(404);
    const stale = await patch(coder, url, 0, audio.subarray(0, 10)).expect(409);
    expect(stale.body).toMatchObject({ reason: 'upload_offset_mismatch', params: { offset: sent } });
    await patch(coder, url, offset, audio.subarray(offset)).expect(204);
    const whole = await audioOf(owner, documentId).expect(200);
    expect(Buffer.compare(whole.body as Buffer, audio)).toBe(0);
  });

  it('reads mp3 and Ogg Opus made by ffmpeg, and refuses bytes that are not audio', async () => {
    for (const [extension, contentType, type] of [
      ['mp3', 'audio/mpeg', 'audio/mpeg'],
      ['ogg', 'audio/ogg', 'audio/ogg'],
    ] as const) {
      const bytes = encoded(extension, 4);
      const documentId = await newDocument(`Lyd ${extension}`);
      const url = await start(owner, documentId, bytes, contentType);
      await patch(owner, url, 0, bytes).expect(204);
      const info = (await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(200))
        .body as RecordingInfo;
      expect(info.contentType).toBe(type);
      expect(Math.abs(info.durationMs - 4000)).toBeLessThan(100);
    }
    const documentId = await newDocument('Ikke lyd');
    const fake = Buffer.from('Dette er ikke lyd, bare tekst med feil navn. '.repeat(100));
    const url = await start(owner, documentId, fake, 'audio/mpeg');
    const refused = await patch(owner, url, 0, fake).expect(415);
    expect(refused.body.reason).toBe('unsupported_recording');
    await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(404);
    expect(await dbQuery(app, 'SELECT 1 FROM recordings WHERE document_id = $1', [documentId])).toEqual([]);

    const pdf = await app.http
      .post(`/api/documents/${documentId}/recording`)
      .set(bearer(owner))
      .send({ size: 10, filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(pdf.body.reason).toBe('unsupported_recording');
    const big = await app.http
      .post(`/api/documents/${documentId}/recording`)
      .set(bearer(owner))
      .send({ size: 301 * 1024 * 1024, filename: 'lang.wav', contentType: 'audio/wav' })
      .expect(413);
    expect(big.body).toMatchObject({ reason: 'file_too_large', params: { maxBytes: 300 * 1024 * 1024 } });
  });

  it('lets members play, owner and coders upload, only the owner delete; outsiders get 404', async () => {
    const documentId = await newDocument('Informant 5');
    const body = { size: audio.length, filename: 'a.wav', contentType: 'audio/wav' };
    await app.http.post(`/api/documents/${documentId}/recording`).set(bearer(viewer)).send(body).expect(403);
    await app.http.post(`/api/documents/${documentId}/recording`).set(bearer(supervisor)).send(body).expect(403);
    await app.http.post(`/api/documents/${documentId}/recording`).set(bearer(outsider)).send(body).expect(404);
    const url = await start(coder, documentId, audio);
    // Someone else's upload does not exist for anyone but its uploader.
    await patch(owner, url, 0, audio).expect(404);
    await app.http.head(url).set(bearer(outsider)).expect(404);
    await patch(coder, url, 0, audio).expect(204);
    const again = await app.http.post(`/api/documents/${documentId}/recording`).set(bearer(owner)).send(body);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('recording_exists');

    await audioOf(supervisor, documentId, 'bytes=0-9').expect(206);
    await audioOf(outsider, documentId, 'bytes=0-9').expect(404);
    await app.http.get(`/api/documents/${documentId}/recording/audio`).expect(401);
    await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(outsider)).expect(404);

    // The <audio> element's way in: the ticket in audioUrl, no header.
    const info = (await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(viewer)).expect(200))
      .body as RecordingInfo;
    const byTicket = await app.http.get(info.audioUrl).set('Range', 'bytes=0-3').buffer(true).parse(binaryBody);
    expect(byTicket.status).toBe(206);
    expect((byTicket.body as Buffer).toString('ascii')).toBe('RIFF');
    const forged = info.audioUrl.replace(/ticket=([^.]+)\./, `ticket=${outsider.id}.`);
    await app.http.get(forged).expect(401);
    const otherDocument = await newDocument('Informant 6');
    await app.http.get(info.audioUrl.replace(documentId, otherDocument)).expect(401);

    await app.http.delete(`/api/documents/${documentId}/recording`).set(bearer(coder)).expect(403);
    await app.http.delete(`/api/documents/${documentId}/recording`).set(bearer(supervisor)).expect(403);
    await app.http.delete(`/api/documents/${documentId}/recording`).set(bearer(outsider)).expect(404);
  });

  it('reads [hh:mm:ss] marks as time points of the transcript and of its segments', async () => {
    const text = 'Intervjuer: Hei.\n[00:00:05] Informant: Hei på deg.\n[00:01:02] Intervjuer: Og så?';
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Med tider', text })
        .expect(201)
    ).body.id as string;
    const document = await app.http.get(`/api/documents/${documentId}`).set(bearer(viewer)).expect(200);
    expect(document.body.timestamps).toEqual([
      { ms: 5_000, start: text.indexOf('[00:00:05]') },
      { ms: 62_000, start: text.indexOf('[00:01:02]') },
    ]);
    const codeId = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tid' }).expect(201)
    ).body.id as string;
    for (const [start, end] of [
      [0, 4],
      [text.indexOf('Hei på'), text.indexOf('Hei på') + 6],
      [text.indexOf('Og så'), text.indexOf('Og så') + 5],
    ])
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(owner))
        .send({ codeId, start, end })
        .expect(201);
    const segments = await app.http
      .get(`/api/projects/${projectId}/segments`)
      .query({ codeId })
      .set(bearer(owner))
      .expect(200);
    expect((segments.body as { ms: number | null }[]).map((s) => s.ms)).toEqual([null, 5_000, 62_000]);
  });

  it('deletes every chunk in one step, keeps the transcript, and audits upload, play and delete', async () => {
    const documentId = await newDocument('Informant 7');
    await upload(owner, documentId, audio);
    const [{ id: recordingId }] = await dbQuery<{ id: string }>(
      app,
      'SELECT id FROM recordings WHERE document_id = $1',
      [documentId],
    );
    // A player asks for many ranges: one `recording.played` per listener per ten minutes.
    await Promise.all([audioOf(viewer, documentId, 'bytes=0-9'), audioOf(viewer, documentId, 'bytes=10-19')]);
    await audioOf(viewer, documentId, 'bytes=-10').expect(206);
    await audioOf(coder, documentId, 'bytes=0-0').expect(206);

    await app.http.delete(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(204);
    expect(await dbQuery(app, 'SELECT 1 FROM recording_chunks WHERE recording_id = $1', [recordingId])).toEqual([]);
    expect(await dbQuery(app, 'SELECT 1 FROM recordings WHERE id = $1', [recordingId])).toEqual([]);
    await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(404);
    await audioOf(owner, documentId, 'bytes=0-9').expect(404);
    await app.http.delete(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(404);
    const document = await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
    expect(document.body.text).toBe('Intervjuer: [00:00:05] Hei.');

    const audit = (
      await app.http.get(`/api/projects/${projectId}/audit`).set(bearer(owner)).query({ limit: 500 }).expect(200)
    ).body as AuditPage;
    const mine = audit.entries.filter((e) => e.action.startsWith('recording.') && e.target?.id === documentId);
    expect(mine.map((e) => [e.action, e.actor?.name])).toEqual([
      ['recording.deleted', 'Sara Student'],
      ['recording.played', 'Kari Koder'],
      ['recording.played', 'Siri Sensor'],
      ['recording.uploaded', 'Sara Student'],
    ]);
  });
});
