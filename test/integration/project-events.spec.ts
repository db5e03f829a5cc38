import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClientToServerEvents, JoinAck, PresenceEvent, ServerToClientEvents } from '@tolk/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { type CollabClient, connectCollab } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('project events over socket.io', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let outsider: TestUser;
  let projectId: string;
  const sockets: ClientSocket[] = [];
  const collabs: CollabClient[] = [];

  const connect = (token: string | undefined) => {
    const socket: ClientSocket = io(app.url, {
      path: '/socket.io',
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  };
  const join = (socket: ClientSocket, id: string) =>
    new Promise<JoinAck>((resolve) => socket.emit('project:join', { projectId: id }, resolve));
  const next = <E extends keyof ServerToClientEvents>(
    socket: ClientSocket,
    event: E,
    match: (arg: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ) =>
    new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event}`)), 3_000);
      const listener = (arg: Parameters<ServerToClientEvents[E]>[0]) => {
        if (!match(arg)) return;
        clearTimeout(timer);
        socket.off(event, listener as never);
        resolve(arg);
      };
      socket.on(event, listener as never);
    });

  /** Waits (up to 5 s) until `done()` holds. */
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Events' }).expect(201)).body.id;
    await addMember(app, owner, projectId, coder, 'coder');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const client of collabs.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a connection without a valid token', async () => {
    for (const token of [undefined, 'garbage']) {
      const socket = connect(token);
      const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
      expect(error.message).toBe('unauthorized');
    }
  });

  it('lets members join; an outsider and a missing project get the same answer', async () => {
    expect(await join(connect(coder.token), projectId)).toEqual({ ok: true });
    const outsiders = connect(outsider.token);
    const refused = await join(outsiders, projectId);
    expect(refused).toEqual({ error: 'Project not found', reason: 'not_found' });
    expect(await join(outsiders, randomUUID())).toEqual(refused);
    expect(await join(outsiders, 'not-a-uuid')).toEqual(refused);
  });

  it('tells members about new and deleted documents, and nobody else', async () => {
    const members = connect(coder.token);
    await join(members, projectId);
    const outsiders = connect(outsider.token);
    await join(outsiders, projectId);
    let outsiderHeard = false;
    outsiders.on('document:created', () => (outsiderHeard = true));

    const created = next(members, 'document:created');
    const res = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .send({ title: 'Informant 9', text: 'Hei.' })
      .expect(201);
    expect(await created).toEqual({ ...res.body, projectId });

    const deleted = next(members, 'document:deleted');
    await app.http.delete(`/api/documents/${res.body.id}`).set(bearer(owner)).expect(204);
    expect(await deleted).toEqual({ id: res.body.id, projectId });
    expect(outsiderHeard).toBe(false);
  });

  it('reports presence: who is in the project and which document they have open', async () => {
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: 'Tekst.' })
        .expect(201)
    ).body.id as string;
    const watcher = connect(owner.token);
    const initial = next(watcher, 'presence');
    await join(watcher, projectId);
    expect((await initial).users).toEqual([{ userId: owner.id, name: 'Sara Student', documentId: null }]);

    const inDocument = next(watcher, 'presence', (e: PresenceEvent) =>
      e.users.some((u) => u.documentId === documentId),
    );
    const editor = connectCollab(app.url, documentId, coder.token);
    collabs.push(editor);
    expect((await inDocument).users).toContainEqual({ userId: coder.id, name: 'Kari Koder', documentId });

    const left = next(watcher, 'presence', (e: PresenceEvent) => !e.users.some((u) => u.userId === coder.id));
    editor.destroy();
    collabs.splice(0);
    await left;
  });

  it('stops sending a removed member the project’s events', async () => {
    const extra = await createUser(app, 'Ekstra');
    await addMember(app, owner, projectId, extra, 'viewer');
    const socket = connect(extra.token);
    expect(await join(socket, projectId)).toEqual({ ok: true });
    const changed = next(socket, 'member:changed');
    await app.http.delete(`/api/projects/${projectId}/members/${extra.id}`).set(bearer(owner)).expect(204);
    expect(await changed).toEqual({ projectId, userId: extra.id });

    let heard = false;
    socket.on('document:created', () => (heard = true));
    const members = connect(coder.token);
    await join(members, projectId);
    const created = next(members, 'document:created');
    await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .send({ title: 'Etter', text: 'x' })
      .expect(201);
    await created;
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toBe(false);
  });

  it('sends coding events to all members, and with blind coding only to the author and the owners', async () => {
    const supervisor = await createUser(app, 'Viktor Veileder');
    await addMember(app, owner, projectId, supervisor, 'supervisor');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Blind', text: 'Litt tekst å kode.' })
        .expect(201)
    ).body.id as string;
    const codeId = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Hendelser' }).expect(201)
    ).body.id;
    const [owners, coders, supervisors] = [connect(owner.token), connect(coder.token), connect(supervisor.token)];
    for (const socket of [owners, coders, supervisors]) expect(await join(socket, projectId)).toEqual({ ok: true });

    const open = [next(owners, 'coding:created'), next(coders, 'coding:created'), next(supervisors, 'coding:created')];
    const first = await app.http
      .post(`/api/documents/${documentId}/codings`)
      .set(bearer(coder))
      .send({ codeId, start: 0, end: 4 })
      .expect(201);
    for (const heard of await Promise.all(open))
      expect(heard).toMatchObject({ id: first.body.id, projectId, quote: 'Litt' });

    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    let supervisorHeard = false;
    supervisors.on('coding:created', () => (supervisorHeard = true));
    const blind = [next(owners, 'coding:created'), next(coders, 'coding:created')];
    const second = await app.http
      .post(`/api/documents/${documentId}/codings`)
      .set(bearer(coder))
      .send({ codeId, start: 5, end: 10 })
      .expect(201);
    for (const heard of await Promise.all(blind)) expect(heard.id).toBe(second.body.id);
    await new Promise((r) => setTimeout(r, 150));
    expect(supervisorHeard).toBe(false);
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: false } })
      .expect(200);
  });

  it('with blind coding, keeps a coding from another coder and follows a role change without a rejoin', async () => {
    const second = await createUser(app, 'Knut Koder');
    await addMember(app, owner, projectId, second, 'coder');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Blind igjen', text: 'Noen ord å kode her.' })
        .expect(201)
    ).body.id as string;
    const codeId = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Ord' }).expect(201)
    ).body.id;
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    const [owners, knuts] = [connect(owner.token), connect(second.token)];
    for (const socket of [owners, knuts]) expect(await join(socket, projectId)).toEqual({ ok: true });

    const codeAs = (start: number) =>
      app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(coder))
        .send({ codeId, start, end: start + 4 })
        .expect(201);
    let knutHeard = 0;
    knuts.on('coding:created', () => knutHeard++);
    const ownerHeard = next(owners, 'coding:created');
    const hidden = await codeAs(0);
    expect((await ownerHeard).id).toBe(hidden.body.id);
    await new Promise((r) => setTimeout(r, 150));
    expect(knutHeard).toBe(0);

    // Made owner while connected: the next coding reaches him, from the same socket.
    await app.http
      .patch(`/api/projects/${projectId}/members/${second.id}`)
      .set(bearer(owner))
      .send({ role: 'owner' })
      .expect(200);
    const knutHears = next(knuts, 'coding:created');
    const seen = await codeAs(5);
    expect((await knutHears).id).toBe(seen.body.id);
    expect(knutHeard).toBe(1);

    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: false } })
      .expect(200);
  });

  it('tells "code all hits" as one coding:batch to clients that ask for it, one event per coding to others', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `Tillit nummer ${i}.`).join(' ');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Mange treff', text })
        .expect(201)
    ).body.id as string;
    const codeId = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tillit' }).expect(201)
    ).body.id as string;
    const batchAware = connect(owner.token);
    const perCoding = connect(owner.token);
    expect(
      await new Promise<JoinAck>((resolve) => batchAware.emit('project:join', { projectId, batches: true }, resolve)),
    ).toEqual({ ok: true });
    expect(await join(perCoding, projectId)).toEqual({ ok: true });
    const heard = { batches: [] as unknown[], singleOnBatchAware: 0, created: 0, deleted: 0 };
    batchAware.on('coding:batch', (batch) => heard.batches.push(batch));
    batchAware.on('coding:created', () => heard.singleOnBatchAware++);
    batchAware.on('coding:deleted', () => heard.singleOnBatchAware++);
    perCoding.on('coding:created', () => heard.created++);
    perCoding.on('coding:deleted', () => heard.deleted++);

    const made = await app.http
      .post(`/api/projects/${projectId}/search/code-all`)
      .set(bearer(coder))
      .send({ q: 'tillit', codeId })
      .expect(201);
    expect(made.body).toMatchObject({ created: 40, skipped: 0 });
    await until(() => heard.batches.length === 1 && heard.created === 40);
    expect(heard.batches).toEqual([
      {
        projectId,
        batchId: made.body.batchId,
        kind: 'created',
        codings: expect.arrayContaining([expect.objectContaining({ documentId, codeId, quote: 'Tillit' })]),
      },
    ]);
    expect((heard.batches[0] as { codings: unknown[] }).codings).toHaveLength(40);
    expect(heard.created).toBe(40);

    await app.http
      .delete(`/api/projects/${projectId}/search/code-all/${made.body.batchId}`)
      .set(bearer(coder))
      .expect(200);
    await until(() => heard.batches.length === 2 && heard.deleted === 40);
    const undone = heard.batches[1] as { kind: string; codings: { id: string; documentId: string }[] };
    expect(undone.kind).toBe('deleted');
    expect(undone.codings).toHaveLength(40);
    expect(undone.codings.every((c) => c.documentId === documentId && Object.keys(c).length === 2)).toBe(true);
    expect(heard.deleted).toBe(40);
    await new Promise((r) => setTimeout(r, 150));
    expect(heard.singleOnBatchAware).toBe(0);
    expect(heard.batches).toHaveLength(2);
  });
  it('tells "code all hits" at its limit (2,000 hits) as one coding:batch, and its undo as one more', async () => {
    const hits = 2_000;
    const text = Array.from({ length: hits }, (_, i) => `Samhold ${i}.`).join(' ');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Tusenvis av treff', text })
        .expect(201)
    ).body.id as string;
    const codeId = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Samhold' }).expect(201)
    ).body.id as string;
    const client = connect(owner.token);
    expect(
      await new Promise<JoinAck>((resolve) => client.emit('project:join', { projectId, batches: true }, resolve)),
    ).toEqual({ ok: true });
    const batches: { kind: string; batchId: string; codings: { id: string; documentId: string; codeId?: string }[] }[] =
      [];
    let single = 0;
    client.on('coding:batch', (batch) => batches.push(batch as (typeof batches)[number]));
    client.on('coding:created', () => single++);
    client.on('coding:deleted', () => single++);

    const made = await app.http
      .post(`/api/projects/${projectId}/search/code-all`)
      .set(bearer(coder))
      .send({ q: 'samhold', codeId })
      .expect(201);
    expect(made.body).toMatchObject({ created: hits, skipped: 0 });
    await until(() => batches.length === 1);
    expect(batches).toHaveLength(1);
    const [created] = batches;
    expect(created).toMatchObject({ kind: 'created', batchId: made.body.batchId });
    expect(created.codings).toHaveLength(hits);
    expect(new Set(created.codings.map((c) => c.id)).size).toBe(hits);
    expect(created.codings.every((c) => c.documentId === documentId && c.codeId === codeId)).toBe(true);

    await app.http
      .delete(`/api/projects/${projectId}/search/code-all/${made.body.batchId}`)
      .set(bearer(coder))
      .expect(200);
    await until(() => batches.length === 2);
    expect(batches[1].kind).toBe('deleted');
    expect(new Set(batches[1].codings.map((c) => c.id))).toEqual(new Set(created.codings.map((c) => c.id)));
    await new Promise((r) => setTimeout(r, 150));
    expect(batches).toHaveLength(2);
    expect(single).toBe(0);
  });
});
