import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClientToServerEvents,
  Comment,
  DocumentActivity,
  Notification,
  ProjectCommentThread,
  ServerToClientEvents,
} from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase } from './support/databases.js';
import { type RedisServer, startRedis } from './support/redis-server.js';
import {
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const TEXT = 'Intervjuer: Hvordan var det å begynne?\nInformant 4: Det var tungt i starten, men så ble det bedre.';
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/**
 * Notifications on two api instances sharing PostgreSQL and a real
 * redis-server: what is stored on one is read on the other, and what
 * happens on one reaches the recipient's sockets on the other.
 */
describe('notifications', () => {
  let redis: RedisServer;
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  let student: TestUser;
  let viktor: TestUser;
  let kari: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let documentId: string;
  const sockets: ClientSocket[] = [];

  /** A socket of `user` on `app` that joined no project: notifications need none. */
  const listen = async (app: TestApp, user: TestUser) => {
    const socket: ClientSocket = io(app.url, {
      path: '/socket.io',
      auth: { token: user.token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const next = <K extends 'notification' | 'notification:withdrawn'>(socket: ClientSocket, event: K) =>
    new Promise<Parameters<ServerToClientEvents[K]>[0]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5_000);
      socket.once(event, ((payload: Parameters<ServerToClientEvents[K]>[0]) => {
        clearTimeout(timer);
        resolve(payload);
      }) as never);
    });
  const comment = async (app: TestApp, user: TestUser, body: object, document = documentId) =>
    (await app.http.post(`/api/documents/${document}/comments`).set(bearer(user)).send(body).expect(201))
      .body as Comment;
  const inbox = async (app: TestApp, user: TestUser, query = '') =>
    (await app.http.get(`/api/notifications${query}`).set(bearer(user)).expect(200)).body as Notification[];
  const unread = async (app: TestApp, user: TestUser) =>
    ((await app.http.get('/api/notifications/unread-count').set(bearer(user)).expect(200)).body as { count: number })
      .count;
  const readAll = (user: TestUser) =>
    a.http.post('/api/notifications/read').set(bearer(user)).send({ all: true }).expect(204);

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    const shared = { secret: 'notifications-test-secret-long-enough-42', redisUrl: redis.url };
    a = await startTestApp(shared, database);
    b = await startTestApp(shared, database);
    [student, viktor, kari, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Kari Koder', 'Otto Outsider'].map((n) => createUser(a, n)),
    );
    projectId = (await a.http.post('/api/projects').set(bearer(student)).send({ name: 'Masteroppgave' }).expect(201))
      .body.id;
    for (const [user, role] of [
      [viktor, 'supervisor'],
      [kari, 'coder'],
    ] as const) {
      await addMember(a, student, projectId, user, role);
    }
    documentId = (
      await a.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 4', text: TEXT })
        .expect(201)
    ).body.id;
  }, 120_000);
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const user of [student, viktor, kari]) await readAll(user);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
    await redis.stop();
  });

  it('a mention of an offline member is stored once, read on the other instance later, and sent live there', async () => {
    const start = TEXT.indexOf('tungt');
    const first = await comment(a, student, { body: '@Viktor er dette et godt sitat?', start, end: start + 5 });
    // Viktor was signed out: he finds exactly one notification when he comes, on the other instance.
    const stored = await inbox(b, viktor, '?unread=true');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      kind: 'mention',
      projectId,
      projectName: 'Masteroppgave',
      documentId,
      documentTitle: 'Informant 4',
      commentId: first.id,
      threadId: first.id,
      actor: { id: student.id, name: 'Sara Student' },
      readAt: null,
    });
    expect(await unread(b, viktor)).toBe(1);
    const rows = await dbQuery<{ count: number }>(
      a,
      'SELECT count(*)::int AS count FROM notifications WHERE comment_id = $1',
      [first.id],
    );
    expect(rows[0].count).toBe(1);
    // Nobody is told of their own comment, and Kari was not named.
    expect(await unread(a, student)).toBe(0);
    expect(await unread(a, kari)).toBe(0);

    // Now he is online on B (in no project): a mention made on A reaches him live.
    const socket = await listen(b, viktor);
    const arriving = next(socket, 'notification');
    const second = await comment(a, student, { body: 'Og denne, @Viktor Veileder?' });
    const live = await arriving;
    expect(live).toMatchObject({ kind: 'mention', commentId: second.id, actor: { id: student.id } });
    expect((await inbox(a, viktor, '?unread=true')).map((n) => n.id)).toEqual([live.id, stored[0].id]);
  });

  it('a reply notifies everyone else who wrote in the thread, once each, and a mention wins over a reply', async () => {
    const root = await comment(a, student, { body: 'Hva tenker dere om starten?' });
    await comment(a, kari, { body: 'Jeg koder den som «mestring».', parentId: root.id });
    expect(await inbox(a, student, '?unread=true')).toEqual([
      expect.objectContaining({ kind: 'reply', threadId: root.id, actor: expect.objectContaining({ id: kari.id }) }),
    ]);
    await readAll(student);
    // Viktor replies and names Kari: Kari gets a mention (not also a reply), Sara a reply.
    const reply = await comment(b, viktor, { body: 'Enig med @Kari.', parentId: root.id });
    const [forKari] = await inbox(a, kari, '?unread=true');
    expect(forKari).toMatchObject({ kind: 'mention', commentId: reply.id, threadId: root.id });
    expect(await unread(a, kari)).toBe(1);
    const [forSara] = await inbox(a, student, '?unread=true');
    expect(forSara).toMatchObject({ kind: 'reply', commentId: reply.id, threadId: root.id });
    expect(await unread(a, viktor)).toBe(0);
  });

  it('never notifies someone who is not a member, and a member who leaves stops seeing them', async () => {
    await comment(a, student, { body: '@Otto Outsider bør lese dette' });
    expect(await unread(a, outsider)).toBe(0);
    expect(await inbox(a, outsider)).toEqual([]);

    const leaving = await createUser(a, 'Lise Leaving');
    await addMember(a, student, projectId, leaving, 'coder');
    await comment(a, student, { body: 'Takk for hjelpen, @Lise' });
    expect(await unread(a, leaving)).toBe(1);
    await a.http.delete(`/api/projects/${projectId}/members/${leaving.id}`).set(bearer(student)).expect(204);
    expect(await unread(b, leaving)).toBe(0);
    expect(await inbox(b, leaving)).toEqual([]);
    // A removed member named afterwards gets nothing at all (beside the invitation they accepted and the mention).
    await comment(a, student, { body: 'Lise: @Lise Leaving' });
    const rows = await dbQuery<{ kind: string }>(a, 'SELECT kind FROM notifications WHERE user_id = $1', [leaving.id]);
    expect(rows.map((r) => r.kind).sort()).toEqual(['invitation', 'mention']);
  });

  it('under blind coding a notification tells nothing of another coder’s codings', async () => {
    await a.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(student))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    try {
      const code = (
        await a.http
          .post(`/api/projects/${projectId}/codes`)
          .set(bearer(student))
          .send({ name: 'Hemmelig kode' })
          .expect(201)
      ).body;
      const start = TEXT.indexOf('bedre');
      const coding = (
        await a.http
          .post(`/api/documents/${documentId}/codings`)
          .set(bearer(kari))
          .send({ codeId: code.id, start, end: start + 5 })
          .expect(201)
      ).body;
      const socket = await listen(b, viktor);
      const arriving = next(socket, 'notification');
      await comment(a, kari, { body: '@Viktor se på slutten av svaret' });
      const live = await arriving;
      const [stored] = await inbox(b, viktor, '?unread=true');
      for (const told of [live, stored]) {
        const json = JSON.stringify(told);
        for (const secret of [coding.id, code.id, 'Hemmelig kode', 'bedre']) expect(json).not.toContain(secret);
      }
      // Coding is no cause for a notification: Viktor was told of the comment only.
      expect(await unread(b, viktor)).toBe(1);
    } finally {
      await a.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(student))
        .send({ settings: { blindCoding: false } })
        .expect(200);
    }
  });

  it('marks read by id (only one’s own) or all at once', async () => {
    await comment(a, student, { body: '@Viktor én' });
    await comment(a, student, { body: '@Viktor to' });
    await comment(a, student, { body: '@Kari tre' });
    const [newest, older] = await inbox(a, viktor, '?unread=true');
    const [karis] = await inbox(a, kari, '?unread=true');
    await b.http
      .post('/api/notifications/read')
      .set(bearer(viktor))
      .send({ ids: [newest.id, karis.id] })
      .expect(204);
    expect(await unread(a, viktor)).toBe(1);
    expect(await unread(a, kari)).toBe(1);
    const all = await inbox(a, viktor);
    expect(all.find((n) => n.id === newest.id)?.readAt).toEqual(expect.any(String));
    expect(all.find((n) => n.id === older.id)?.readAt).toBeNull();
    await b.http.post('/api/notifications/read').set(bearer(viktor)).send({ all: true }).expect(204);
    expect(await unread(a, viktor)).toBe(0);
    for (const bad of [{}, { ids: ['nope'] }, { all: false }])
      await a.http.post('/api/notifications/read').set(bearer(viktor)).send(bad).expect(400);
    await a.http.get('/api/notifications?unread=maybe').set(bearer(viktor)).expect(400);
  });

  it('deleting a comment withdraws its unread notifications (live too) and keeps read ones without it', async () => {
    const root = await comment(a, student, { body: '@Viktor kan du se her?' });
    const reply = await comment(a, kari, { body: 'Og @Viktor, her også.', parentId: root.id });
    const [aboutReply, aboutRoot] = await inbox(a, viktor, '?unread=true');
    expect([aboutReply.commentId, aboutRoot.commentId]).toEqual([reply.id, root.id]);
    await a.http
      .post('/api/notifications/read')
      .set(bearer(viktor))
      .send({ ids: [aboutRoot.id] })
      .expect(204);

    // Only the author or the owner deletes.
    await a.http.delete(`/api/comments/${root.id}`).set(bearer(kari)).expect(403);
    await a.http.delete(`/api/comments/${root.id}`).set(bearer(outsider)).expect(404);
    const socket = await listen(b, viktor);
    const withdrawn = next(socket, 'notification:withdrawn');
    await a.http.delete(`/api/comments/${root.id}`).set(bearer(student)).expect(204);
    expect(await withdrawn).toEqual({ ids: [aboutReply.id] });
    expect(await unread(b, viktor)).toBe(0);
    const left = await inbox(b, viktor);
    expect(left.find((n) => n.id === aboutReply.id)).toBeUndefined();
    expect(left.find((n) => n.id === aboutRoot.id)).toMatchObject({ commentId: null, readAt: expect.any(String) });
    // The replies went with the thread.
    const threads = (await a.http.get(`/api/documents/${documentId}/comments`).set(bearer(student)).expect(200))
      .body as { id: string }[];
    expect(threads.find((t) => t.id === root.id)).toBeUndefined();
    await a.http.delete(`/api/comments/${reply.id}`).set(bearer(kari)).expect(404);

    // A reply alone: its author deletes it, the thread stays.
    const other = await comment(a, student, { body: 'En tråd' });
    const own = await comment(a, kari, { body: 'Mitt svar', parentId: other.id });
    await a.http.delete(`/api/comments/${own.id}`).set(bearer(kari)).expect(204);
    const after = (await a.http.get(`/api/documents/${documentId}/comments`).set(bearer(student)).expect(200)).body as {
      id: string;
      replies: unknown[];
    }[];
    expect(after.find((t) => t.id === other.id)?.replies).toEqual([]);
  });

  it('settings turn kinds off and on, per person', async () => {
    expect((await a.http.get('/api/me/notification-settings').set(bearer(kari)).expect(200)).body).toEqual({
      mention: true,
      reply: true,
      proposal: true,
      'proposal-decided': true,
      'deadline-snapshot': true,
      invitation: true,
      'recording-deadline': true,
    });
    const changed = await a.http
      .put('/api/me/notification-settings')
      .set(bearer(kari))
      .send({ mention: false })
      .expect(200);
    expect(changed.body).toMatchObject({ mention: false, reply: true });
    await comment(a, student, { body: '@Kari stille nå' });
    expect(await unread(a, kari)).toBe(0);
    await a.http.put('/api/me/notification-settings').set(bearer(kari)).send({ mention: true }).expect(200);
    await comment(a, student, { body: '@Kari nå igjen' });
    expect(await unread(a, kari)).toBe(1);
    await a.http.put('/api/me/notification-settings').set(bearer(kari)).send({ mention: 'nei' }).expect(400);
    await a.http.put('/api/me/notification-settings').set(bearer(kari)).send({ email: true }).expect(400);
  });

  it('a deadline’s snapshot notifies every member, and the document list counts comments and unread', async () => {
    await a.http
      .post(`/api/projects/${projectId}/deadlines`)
      .set(bearer(viktor))
      .send({ name: 'Innlevering', dueAt: inSeconds(1) })
      .expect(201);
    let found: Notification | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      found = (await inbox(b, kari, '?unread=true')).find((n) => n.kind === 'deadline-snapshot');
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toMatchObject({ kind: 'deadline-snapshot', actor: null, snapshotId: expect.any(String) });
    for (const user of [student, viktor]) {
      expect((await inbox(a, user, '?unread=true')).filter((n) => n.kind === 'deadline-snapshot')).toHaveLength(1);
    }
    await readAll(kari);

    const second = (
      await a.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(student))
        .send({ title: 'Informant 5', text: 'Intervjuer: Fortell.' })
        .expect(201)
    ).body.id as string;
    const open = await comment(a, viktor, { body: 'Åpen, @Kari' }, second);
    const resolved = await comment(a, viktor, { body: 'Løst' }, second);
    await a.http.patch(`/api/comments/${resolved.id}`).set(bearer(student)).send({ resolved: true }).expect(200);
    const activity = (await b.http.get(`/api/projects/${projectId}/documents/activity`).set(bearer(kari)).expect(200))
      .body as DocumentActivity[];
    expect(activity.find((d) => d.documentId === second)).toMatchObject({
      openComments: 1,
      unreadForMe: 1,
      lastChange: { by: { id: student.id, name: 'Sara Student' } },
    });
    expect(open.mentions).toEqual([kari.id]);
  });

  it('lists the project’s threads, filtered by status, mentions of me, author and transcript', async () => {
    const fresh = (await a.http.post('/api/projects').set(bearer(student)).send({ name: 'Filtrering' }).expect(201))
      .body.id as string;
    await addMember(a, student, fresh, viktor, 'supervisor');
    const doc = async (title: string) =>
      (
        await a.http
          .post(`/api/projects/${fresh}/documents`)
          .set(bearer(student))
          .send({ title, text: TEXT })
          .expect(201)
      ).body.id as string;
    const [one, two] = [await doc('En'), await doc('To')];
    const start = TEXT.indexOf('starten');
    const mentioning = await comment(a, viktor, { body: '@Sara sjekk', start, end: start + 7 }, one);
    const plain = await comment(a, student, { body: 'Notat' }, two);
    const closed = await comment(a, viktor, { body: 'Ferdig' }, two);
    await comment(a, viktor, { body: 'Svar til Sara', parentId: plain.id }, two);
    await a.http.patch(`/api/comments/${closed.id}`).set(bearer(student)).send({ resolved: true }).expect(200);
    const list = async (query: string, user = student) =>
      (
        (await b.http.get(`/api/projects/${fresh}/comments${query}`).set(bearer(user)).expect(200))
          .body as ProjectCommentThread[]
      ).map((t) => t.id);

    expect(await list('')).toEqual([closed.id, plain.id, mentioning.id]);
    expect(await list('?status=open')).toEqual([plain.id, mentioning.id]);
    expect(await list('?status=resolved')).toEqual([closed.id]);
    expect(await list('?mentions=me')).toEqual([mentioning.id]);
    expect(await list('?mentions=me', viktor)).toEqual([]);
    expect(await list(`?documentId=${two}`)).toEqual([closed.id, plain.id]);
    expect(await list(`?author=${student.id}`)).toEqual([plain.id]);
    expect(await list(`?author=${viktor.id}&status=open`)).toEqual([plain.id, mentioning.id]);
    const [first] = (await b.http.get(`/api/projects/${fresh}/comments?documentId=${one}`).set(bearer(viktor)))
      .body as ProjectCommentThread[];
    expect(first).toMatchObject({ documentTitle: 'En', quote: 'starten', start, replies: [] });
    for (const bad of ['?status=all', '?mentions=you', '?author=x', '?documentId=1', '?sort=new'])
      await a.http.get(`/api/projects/${fresh}/comments${bad}`).set(bearer(student)).expect(400);
    await a.http.get(`/api/projects/${fresh}/comments`).set(bearer(kari)).expect(404);
  });
});
