import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AccountExport, AuditPage, Code } from '@tolk/contracts';
import { wav } from './support/audio.js';
import {
  bearer,
  binaryBody,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

const TEXT = 'Intervjuer: Hva skjedde?\nInformant 2: Vi mistet kontakten med brukerne.';

describe('GDPR self-service: GET /api/me/export and DELETE /api/me', () => {
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let projectId: string;
  let documentId: string;
  let codingId: string;
  let commentId: string;

  const query = <T>(sql: string, params: unknown[] = []) => dbQuery<T>(app, sql, params);

  beforeAll(async () => {
    app = await startTestApp();
    [student, supervisor] = await Promise.all([createUser(app, 'Sara Student'), createUser(app, 'Viktor Veileder')]);
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Masteroppgave' }).expect(201))
      .body.id;
    await addMember(app, student, projectId, supervisor, 'supervisor');
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 2', text: TEXT })
        .expect(201)
    ).body.id;
    const code = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(student)).send({ name: 'Tillit' }).expect(201)
    ).body as Code;
    codingId = (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(student))
        .send({ codeId: code.id, start: 25, end: 44 })
        .expect(201)
    ).body.id;
    commentId = (
      await app.http
        .post(`/api/documents/${documentId}/comments`)
        .set(bearer(student))
        .send({ body: 'Viktig sitat' })
        .expect(201)
    ).body.id;
    await app.http
      .put(`/api/documents/${documentId}/memo`)
      .set(bearer(student))
      .send({ body: 'Notat om intervjuet' })
      .expect(200);
    // The project memo the student and the supervisor both write in: the student's export lists it.
    const projectMemo = (
      await app.http
        .put(`/api/projects/${projectId}/memo`)
        .set(bearer(supervisor))
        .send({ body: 'Veileder: husk metodekapitlet.' })
        .expect(200)
    ).body as { version: string };
    await app.http
      .put(`/api/projects/${projectId}/memo`)
      .set(bearer(student))
      .send({ body: 'Veileder: husk metodekapitlet.\nStudent: skrevet.', version: projectMemo.version })
      .expect(200);
    await app.http.put('/api/me/notification-settings').set(bearer(student)).send({ proposal: false }).expect(200);
    // Someone else's writing, which must not appear in the student's export.
    await app.http
      .post(`/api/documents/${documentId}/comments`)
      .set(bearer(supervisor))
      .send({ body: 'Veileders kommentar', parentId: commentId })
      .expect(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('exports everything about the caller, and nothing about anyone else', async () => {
    const res = await app.http.get('/api/me/export').set(bearer(student)).set('User-Agent', 'export-test').expect(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body as AccountExport;
    expect(data.account).toMatchObject({ id: student.id, email: student.email, name: 'Sara Student' });
    expect(data.memberships).toEqual([
      expect.objectContaining({ projectId, projectName: 'Masteroppgave', role: 'owner' }),
    ]);
    expect(data.documentsCreated).toEqual([expect.objectContaining({ id: documentId, title: 'Informant 2' })]);
    expect(data.codings).toEqual([
      expect.objectContaining({ id: codingId, documentId, quote: TEXT.slice(25, 44), deleted: false }),
    ]);
    expect(data.codingEvents).toEqual([expect.objectContaining({ codingId, action: 'created' })]);
    expect(data.codeEvents).toEqual([expect.objectContaining({ action: 'created' })]);
    expect(data.comments.map((c) => c.body)).toEqual(['Viktig sitat']);
    expect(data.memos.map((m) => m.body).sort()).toEqual([
      'Notat om intervjuet',
      'Veileder: husk metodekapitlet.\nStudent: skrevet.',
    ]);
    expect(data.memoEdits).toEqual(
      expect.arrayContaining([expect.objectContaining({ projectId, updates: expect.any(Number) })]),
    );
    expect(data.memoEdits).toHaveLength(2);
    // The supervisor's reply to the student's comment is in the student's notifications (not its text).
    expect(data.notifications).toEqual([
      expect.objectContaining({
        kind: 'reply',
        projectId,
        documentId,
        actor: { id: supervisor.id, name: 'Viktor Veileder' },
        readAt: null,
      }),
    ]);
    expect(data.notificationSettings?.muted).toEqual(['proposal']);
    expect(data.auditEntries.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login', 'project.create', 'coding.create', 'comment.create']),
    );
    expect(JSON.stringify(data)).not.toContain('Veileders kommentar');
    expect(JSON.stringify(data)).not.toContain(supervisor.email);
    // No transcript text and no password hash.
    expect(JSON.stringify(data)).not.toContain('Vi mistet kontakten med brukerne.');
    expect(JSON.stringify(data)).not.toContain('argon2');
    await app.http.get('/api/me/export').expect(401);
  });

  it("lists the recordings the caller uploaded, with where their audio is, and nobody else's", async () => {
    const audio = wav(2);
    const uploadUrl = (
      await app.http
        .post(`/api/documents/${documentId}/recording`)
        .set(bearer(student))
        .send({ size: audio.length, filename: 'intervju-2.wav', contentType: 'audio/wav' })
        .expect(201)
    ).body.uploadUrl as string;
    await app.http
      .patch(uploadUrl)
      .set(bearer(student))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', '0')
      .set('Content-Type', 'application/offset+octet-stream')
      .send(audio)
      .expect(204);
    const mine = (await app.http.get('/api/me/export').set(bearer(student)).expect(200)).body as AccountExport;
    expect(mine.recordings).toEqual([
      expect.objectContaining({
        projectId,
        documentId,
        filename: 'intervju-2.wav',
        contentType: 'audio/wav',
        size: audio.length,
        durationMs: 2000,
        complete: true,
        audioUrl: `/api/documents/${documentId}/recording/audio`,
      }),
    ]);
    const played = await app.http.get(mine.recordings[0].audioUrl).set(bearer(student)).buffer(true).parse(binaryBody);
    expect(played.status).toBe(200);
    expect(Buffer.compare(played.body as Buffer, audio)).toBe(0);
    const theirs = (await app.http.get('/api/me/export').set(bearer(supervisor)).expect(200)).body as AccountExport;
    expect(theirs.recordings).toEqual([]);
    await app.http.delete(`/api/documents/${documentId}/recording`).set(bearer(student)).expect(204);
    expect(
      ((await app.http.get('/api/me/export').set(bearer(student)).expect(200)).body as AccountExport).recordings,
    ).toEqual([]);
  });

  it('refuses erasure while the caller is the only owner of a project, naming it; nothing is changed', async () => {
    const res = await app.http.delete('/api/me').set(bearer(student)).expect(409);
    expect(res.body.message).toContain('“Masteroppgave”');
    expect(res.body.details).toEqual({ reason: 'sole_owner', projects: [{ id: projectId, name: 'Masteroppgave' }] });
    await app.http.get('/api/auth/me').set(bearer(student)).expect(200);
  });

  it('erases the account: sign-in ends, memberships go, codings and comments stay attributed to nobody, the audit log forgets where', async () => {
    await app.http
      .patch(`/api/projects/${projectId}/members/${supervisor.id}`)
      .set(bearer(student))
      .send({ role: 'owner' })
      .expect(200);
    await app.http.delete('/api/me').set(bearer(student)).expect(204);

    await app.http.get('/api/auth/me').set(bearer(student)).expect(401);
    expect(await query('SELECT id FROM users WHERE id = $1', [student.id])).toEqual([]);

    const members = (await app.http.get(`/api/projects/${projectId}/members`).set(bearer(supervisor)).expect(200))
      .body as { userId: string }[];
    expect(members.map((m) => m.userId)).toEqual([supervisor.id]);
    // The research stays.
    expect(await query('SELECT created_by FROM codings WHERE id = $1', [codingId])).toEqual([{ created_by: null }]);
    expect(await query('SELECT author_id, body FROM comments WHERE id = $1', [commentId])).toEqual([
      { author_id: null, body: 'Viktig sitat' },
    ]);
    await app.http.get(`/api/documents/${documentId}`).set(bearer(supervisor)).expect(200);

    // Accountable but no longer identifying: no address, user agent or email of the erased person.
    const traces = await query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_entries WHERE (actor_id = $1 AND (ip IS NOT NULL OR user_agent IS NOT NULL)) OR details::text LIKE '%' || $2 || '%'`,
      [student.id, student.email],
    );
    expect(traces).toEqual([{ n: '0' }]);
    const page = (await app.http.get(`/api/projects/${projectId}/audit`).set(bearer(supervisor)).expect(200))
      .body as AuditPage;
    const created = page.entries.find((e) => e.action === 'coding.create')!;
    expect(created.actor).toEqual({ userId: student.id, name: null, email: null });
    expect(page.entries.find((e) => e.action === 'member.remove')).toMatchObject({
      action: 'member.remove',
      actor: null,
      target: { type: 'user', id: student.id },
      details: { reason: 'account_erased' },
    });
    expect(
      await query(`SELECT action FROM audit_entries WHERE action = 'account.erase' AND target_id = $1`, [student.id]),
    ).toHaveLength(1);
    // (A later attempt with the old email is a new event, and is recorded as such.)
    await app.http.post('/api/auth/login').send({ email: student.email, password: student.password }).expect(401);
  });
});
