import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClientToServerEvents,
  Comment,
  CommentThread,
  Memo,
  MentionEvent,
  ServerToClientEvents,
} from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

const TEXT = 'Intervjuer: Har det blitt mer isolering?\nInformant 2: Ja, ensomheten har økt mye.';

describe('comments and memos', () => {
  let app: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let documentId: string;
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];

  const post = (body: object, user = supervisor) =>
    app.http.post(`/api/documents/${documentId}/comments`).set(bearer(user)).send(body);
  const threads = async (user = owner) =>
    (await app.http.get(`/api/documents/${documentId}/comments`).set(bearer(user)).expect(200)).body as CommentThread[];

  beforeAll(async () => {
    app = await startTestApp();
    [owner, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Kommentarer' }).expect(201)).body
      .id;
    for (const [user, role] of [
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 2', text: TEXT })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await app.close();
  });

  it('anchors a comment to a segment; replies form a thread; the whole document can be commented', async () => {
    const start = TEXT.indexOf('ensomheten har økt');
    const root = (
      await post({ body: 'Godt sitat til kapittel 5.', start, end: start + 'ensomheten har økt'.length }).expect(201)
    ).body as Comment;
    expect(root).toMatchObject({
      parentId: null,
      quote: 'ensomheten har økt',
      start,
      author: { id: supervisor.id, name: 'Viktor Veileder' },
      resolved: false,
    });
    const reply = (await post({ body: 'Enig, jeg bruker det.', parentId: root.id }, owner).expect(201)).body as Comment;
    expect(reply).toMatchObject({ parentId: root.id, startAnchor: null, quote: null });
    await post({ body: 'Hele intervjuet er sterkt.' }).expect(201);
    await post({ body: 'Svar på svar', parentId: reply.id }).expect(400);

    const all = await threads(viewer);
    const thread = all.find((t) => t.id === root.id)!;
    expect(thread.replies.map((r) => r.body)).toEqual(['Enig, jeg bruker det.']);
    expect(all.find((t) => t.body === 'Hele intervjuet er sterkt.')).toMatchObject({
      start: null,
      quote: null,
      replies: [],
    });
  });

  it('lets any commenter resolve and reopen a thread, only the author edit it; viewers read, outsiders see nothing', async () => {
    const root = (await post({ body: 'Sjekk transkripsjonen her.', start: 0, end: 10 }).expect(201)).body as Comment;
    const resolved = await app.http
      .patch(`/api/comments/${root.id}`)
      .set(bearer(owner))
      .send({ resolved: true })
      .expect(200);
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: { id: owner.id, name: 'Sara Student' } });
    await app.http.patch(`/api/comments/${root.id}`).set(bearer(supervisor)).send({ resolved: false }).expect(200);
    await app.http
      .patch(`/api/comments/${root.id}`)
      .set(bearer(owner))
      .send({ body: 'Endret av en annen' })
      .expect(403);
    await app.http
      .patch(`/api/comments/${root.id}`)
      .set(bearer(supervisor))
      .send({ body: 'Sjekk dette avsnittet.' })
      .expect(200);
    await post({ body: 'Leser kan ikke kommentere' }, viewer).expect(403);
    await app.http.get(`/api/documents/${documentId}/comments`).set(bearer(outsider)).expect(404);
    const foreign = await app.http
      .patch(`/api/comments/${root.id}`)
      .set(bearer(outsider))
      .send({ resolved: true })
      .expect(404);
    const missing = await app.http
      .patch('/api/comments/00000000-0000-4000-8000-000000000000')
      .set(bearer(owner))
      .send({ resolved: true })
      .expect(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('broadcasts new comments to the project and notifies a mentioned member', async () => {
    const connect = (user: TestUser) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(app.url, {
        path: '/socket.io',
        auth: { token: user.token },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise<typeof socket>((resolve) => socket.emit('project:join', { projectId }, () => resolve(socket)));
    };
    const [owners, viewers] = await Promise.all([connect(owner), connect(viewer)]);
    const heard = new Promise<Comment>((resolve) => viewers.once('comment:created', resolve));
    const mentioned = new Promise<MentionEvent>((resolve) => owners.once('mention', resolve));
    let viewerMentioned = false;
    viewers.on('mention', () => (viewerMentioned = true));

    const created = (await post({ body: '@Sara kan du se på dette?', start: 0, end: 11 }).expect(201)).body as Comment;
    expect(created.mentions).toEqual([owner.id]);
    expect((await heard).id).toBe(created.id);
    expect(await mentioned).toEqual({
      projectId,
      documentId,
      commentId: created.id,
      by: { id: supervisor.id, name: 'Viktor Veileder' },
    });
    expect(viewerMentioned).toBe(false);
  });

  it('keeps memos for the project, a document and a code; viewers read them', async () => {
    const codeId = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Ensomhet' }).expect(201)
    ).body.id;
    const empty = (await app.http.get(`/api/projects/${projectId}/memo`).set(bearer(viewer)).expect(200)).body as Memo;
    expect(empty).toMatchObject({ body: '', updatedAt: null, updatedBy: null, scope: 'project', format: 'markdown' });
    for (const path of [
      `/api/projects/${projectId}/memo`,
      `/api/documents/${documentId}/memo`,
      `/api/codes/${codeId}/memo`,
    ]) {
      const saved = (
        await app.http
          .put(path)
          .set(bearer(supervisor))
          .send({ body: `Notat for ${path}` })
          .expect(200)
      ).body as Memo;
      expect(saved).toMatchObject({
        body: `Notat for ${path}`,
        updatedBy: { id: supervisor.id, name: 'Viktor Veileder' },
      });
      const again = (await app.http.put(path).set(bearer(owner)).send({ body: 'Andre versjon' }).expect(200))
        .body as Memo;
      expect(again.updatedBy?.id).toBe(owner.id);
      expect((await app.http.get(path).set(bearer(viewer)).expect(200)).body.body).toBe('Andre versjon');
      await app.http.put(path).set(bearer(viewer)).send({ body: 'nei' }).expect(403);
      await app.http.get(path).set(bearer(outsider)).expect(404);
    }
    await app.http.put(`/api/codes/${codeId}/memo`).set(bearer(owner)).send({ body: 42 }).expect(400);
  });
});
