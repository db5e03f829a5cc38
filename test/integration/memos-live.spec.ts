import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiError, Memo, MemoHistory, MemoSummary } from '@tolk/contracts';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { createTestDatabase } from './support/databases.js';
import {
  addMember,
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';

/**
 * Memos as live Yjs documents (`/collab/memo:<id>`) on the transcripts' live
 * path, with stock y-websocket clients: concurrent writers converge, every
 * update is stored with its author, viewers are read-only, REST writes are
 * one more writer and refuse a stale version.
 */
const TRANSCRIPT = 'Intervjuer: Hvordan var hjemmekontoret?\nInformant: Ensomt.\n';

describe('live memos', () => {
  let database: { url: string; drop(): Promise<void> };
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let documentId: string;
  const clients: CollabClient[] = [];

  const open = (memoId: string, user: TestUser) => {
    const client = connectCollab(app.url, `memo:${memoId}`, user.token);
    clients.push(client);
    return client;
  };

  const memoOf = async (memoId: string) =>
    (await app.http.get(`/api/memos/${memoId}`).set(bearer(student)).expect(200)).body as Memo;
  const until = async (condition: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 5_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({}, database);
    [student, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Notater' }).expect(201)).body
      .id;
    for (const [user, role] of [
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, student, projectId, user, role);
    }
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 1', text: TRANSCRIPT })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.tolk.close();
    await database.drop();
  });

  it('two writers of the project memo converge; the text survives a restart; history names both', async () => {
    // Supervisors write memos even though this project does not let them edit transcripts.
    const memo = (await app.http.get(`/api/projects/${projectId}/memo`).set(bearer(student)).expect(200)).body as Memo;
    expect(memo).toMatchObject({
      scope: 'project',
      targetId: projectId,
      title: 'Notater',
      format: 'markdown',
      body: '',
    });

    const a = open(memo.id, student);
    const b = open(memo.id, supervisor);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < 15; i++) {
      a.text.insert(a.text.length, `student${i} `);
      b.text.insert(0, `veileder${i} `);
      await new Promise((r) => setTimeout(r, i % 3));
    }
    const complete = (s: string) => s.includes('student14') && s.includes('veileder14');
    await eventually(() => a.text.toString() === b.text.toString() && complete(a.text.toString()), 'convergence');
    const merged = a.text.toString();
    for (let i = 0; i < 15; i++) expect(merged).toContain(`student${i} `);
    for (let i = 0; i < 15; i++) expect(merged).toContain(`veileder${i} `);

    // Every update is stored with who sent it, in the memo's own log.
    const authors = await dbQuery<{ user_id: string }>(
      app,
      'SELECT DISTINCT user_id FROM memo_updates WHERE memo_id = $1',
      [memo.id],
    );
    expect(authors.map((r) => r.user_id).sort()).toEqual([student.id, supervisor.id].sort());
    const rest = (await app.http.get(`/api/memos/${memo.id}`).set(bearer(viewer)).expect(200)).body as Memo;
    expect(rest.body).toBe(merged);

    // History: sessions by both, and the text as it is now by who typed it.
    const history = (await app.http.get(`/api/memos/${memo.id}/history`).set(bearer(viewer)).expect(200))
      .body as MemoHistory;
    expect(new Set(history.sessions.map((s) => s.name))).toEqual(new Set(['Sara Student', 'Viktor Veileder']));
    expect(history.authors.map((r) => r.text).join('')).toBe(merged);
    const typedBy = (name: string) =>
      history.authors
        .filter((r) => r.name === name)
        .map((r) => r.text)
        .join('');
    expect(typedBy('Sara Student')).toContain('student14');
    expect(typedBy('Sara Student')).not.toContain('veileder');
    expect(typedBy('Viktor Veileder')).toContain('veileder14');
    expect(typedBy('Viktor Veileder')).not.toContain('student');

    // A restart: the server stops (storing everything), another starts on the same database.
    for (const client of clients.splice(0)) client.destroy();
    await app.tolk.close();
    app = await startTestApp({}, database);
    const later = open(memo.id, student);
    await later.synced;
    expect(later.text.toString()).toBe(merged);
    const reread = (await app.http.get(`/api/projects/${projectId}/memo`).set(bearer(supervisor)).expect(200))
      .body as Memo;
    expect(reread.body).toBe(merged);
    expect(reread.version).toBe(rest.version);
  });

  it("refuses a viewer's memo update like a text edit: it reaches nobody and is not stored", async () => {
    const memo = (await app.http.get(`/api/documents/${documentId}/memo`).set(bearer(student)).expect(200))
      .body as Memo;
    const owners = open(memo.id, student);
    const viewers = open(memo.id, viewer);
    await Promise.all([owners.synced, viewers.synced]);
    viewers.text.insert(0, 'VIEWER WAS HERE ');
    owners.text.insert(0, 'Studentens notat.');
    await eventually(() => viewers.text.toString().includes('Studentens notat.'), 'the student at the viewer');
    expect(owners.text.toString()).toBe('Studentens notat.');
    const stored = await dbQuery<{ user_id: string }>(app, 'SELECT user_id FROM memo_updates WHERE memo_id = $1', [
      memo.id,
    ]);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((r) => r.user_id === student.id)).toBe(true);
    const rest = (await app.http.get(`/api/documents/${documentId}/memo`).set(bearer(student)).expect(200))
      .body as Memo;
    expect(rest.body).toBe('Studentens notat.');
    // And over REST a viewer is refused too.
    await app.http
      .put(`/api/memos/${memo.id}`)
      .set(bearer(viewer))
      .send({ body: 'x', version: rest.version })
      .expect(403);
  });

  it('a REST write reaches live writers; a PUT from a stale version is 409 memo_changed and changes nothing', async () => {
    const first = (await app.http.get(`/api/projects/${projectId}/memo`).set(bearer(student)).expect(200)).body as Memo;
    const live = open(first.id, supervisor);
    await live.synced;
    const saved = (
      await app.http
        .put(`/api/projects/${projectId}/memo`)
        .set(bearer(student))
        .send({ body: `${first.body}\n\n## Tema\nEnsomhet.`, version: first.version })
        .expect(200)
    ).body as Memo;
    expect(saved.body).toBe(`${first.body}\n\n## Tema\nEnsomhet.`);
    expect(saved.version).not.toBe(first.version);
    await eventually(() => live.text.toString() === saved.body, 'the REST write at the live writer');

    // The supervisor types; the student's next PUT still carries the old version.
    live.text.insert(live.text.length, ' Viktigste funn.');
    await until(async () => (await memoOf(first.id)).body.endsWith('Viktigste funn.'), 'the live edit at the server');
    const refused = await app.http
      .put(`/api/projects/${projectId}/memo`)
      .set(bearer(student))
      .send({ body: 'Alt annet slettet.', version: saved.version })
      .expect(409);
    const error = refused.body as ApiError;
    expect(error.reason).toBe('memo_changed');
    const current = await memoOf(first.id);
    expect(current.body).toBe(`${saved.body} Viktigste funn.`);
    expect(error.params).toEqual({ version: current.version });
    expect(live.text.toString()).toBe(current.body);
  });

  it('segment memos are anchored like codings; the list names every memo; non-members learn nothing', async () => {
    const start = TRANSCRIPT.indexOf('Ensomt.');
    const segment = (
      await app.http
        .post(`/api/documents/${documentId}/memos`)
        .set(bearer(supervisor))
        .send({ start, end: start + 7 })
        .expect(201)
    ).body as Memo;
    expect(segment).toMatchObject({ scope: 'segment', targetId: documentId, title: 'Ensomt.' });
    expect(segment.segment).toMatchObject({ start, end: start + 7, quote: 'Ensomt.' });
    await app.http
      .put(`/api/memos/${segment.id}`)
      .set(bearer(supervisor))
      .send({ body: 'Kort svar.', version: segment.version })
      .expect(200);
    // The text moves; the segment memo follows its words.
    const transcript = connectCollab(app.url, documentId, student.token);
    clients.push(transcript);
    await transcript.synced;
    transcript.text.insert(0, 'Dato: 1. mars.\n');
    await until(async () => (await memoOf(segment.id)).segment?.start === start + 15, 'the segment to move');
    const moved = (await app.http.get(`/api/memos/${segment.id}`).set(bearer(viewer)).expect(200)).body as Memo;
    expect(moved.segment).toMatchObject({ start: start + 15, end: start + 22, quote: 'Ensomt.' });
    expect(moved.body).toBe('Kort svar.');

    const list = (await app.http.get(`/api/projects/${projectId}/memos`).set(bearer(viewer)).expect(200))
      .body as MemoSummary[];
    expect(list.map((m) => [m.scope, m.title])).toEqual([
      ['project', 'Notater'],
      ['document', 'Informant 1'],
      ['segment', 'Ensomt.'],
    ]);
    expect(list[2]).toMatchObject({ id: segment.id, updatedBy: { id: supervisor.id, name: 'Viktor Veileder' } });

    // Non-members: 404 over REST, and the live endpoint closes as for a missing document.
    await app.http.get(`/api/memos/${segment.id}`).set(bearer(outsider)).expect(404);
    await app.http.get(`/api/projects/${projectId}/memos`).set(bearer(outsider)).expect(404);
    await app.http.get(`/api/memos/${segment.id}/history`).set(bearer(outsider)).expect(404);
    const stranger = open(segment.id, outsider);
    expect((await stranger.closed).code).toBe(4404);

    await app.http.delete(`/api/memos/${segment.id}`).set(bearer(viewer)).expect(403);
    await app.http.delete(`/api/memos/${segment.id}`).set(bearer(supervisor)).expect(204);
    await app.http.get(`/api/memos/${segment.id}`).set(bearer(supervisor)).expect(404);
  });
});
