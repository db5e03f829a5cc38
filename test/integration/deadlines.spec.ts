import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClientToServerEvents,
  Coding,
  Code,
  Deadline,
  JoinAck,
  ServerToClientEvents,
  Snapshot,
  SnapshotDocument,
  SnapshotSummary,
} from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase } from './support/databases.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const TEXT = 'Intervjuer: Hvordan var det?\nInformant 3: Det var tungt i starten.';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe('deadlines', () => {
  let app: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let coder: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  const sockets: ClientSocket[] = [];
  const extra: TestApp[] = [];

  /** Another api instance on the same database (a restart, or a second instance behind a load balancer). */
  /** Another api instance on the same database (a restart, or a second instance behind a load balancer). */
  const instance = async (databaseUrl = app.databaseUrl) => {
    const other = await startTestApp({}, { url: databaseUrl });
    if (databaseUrl === app.databaseUrl) extra.push(other);
    return other;
  };

  beforeAll(async () => {
    app = await startTestApp();
    [owner, supervisor, coder, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Kari Koder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const other of extra.splice(0)) await other.close();
  });
  afterAll(async () => {
    await app.close();
  });

  async function project() {
    const projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Bachelor' }).expect(201))
      .body.id as string;
    for (const [user, role] of [
      [supervisor, 'supervisor'],
      [coder, 'coder'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 3', text: TEXT })
        .expect(201)
    ).body.id as string;
    const code = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Reaksjoner' })
        .expect(201)
    ).body as Code;
    return { projectId, documentId, code };
  }
  const deadlines = async (projectId: string, user = viewer) =>
    (await app.http.get(`/api/projects/${projectId}/deadlines`).set(bearer(user)).expect(200)).body as Deadline[];

  it('takes a snapshot named after a deadline when it is due, and tells the members', async () => {
    const p = await project();
    const socket: ClientSocket = io(app.url, {
      path: '/socket.io',
      auth: { token: viewer.token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    expect(
      await new Promise<JoinAck>((resolve) => socket.emit('project:join', { projectId: p.projectId }, resolve)),
    ).toEqual({ ok: true });
    const announced = new Promise<SnapshotSummary & { projectId: string }>((resolve) =>
      socket.on('snapshot:created', resolve),
    );

    await app.http
      .post(`/api/documents/${p.documentId}/codings`)
      .set(bearer(owner))
      .send({ codeId: p.code.id, start: 0, end: 10 })
      .expect(201);
    const created = (
      await app.http
        .post(`/api/projects/${p.projectId}/deadlines`)
        .set(bearer(owner))
        .send({ name: 'Innlevering', dueAt: inSeconds(2) })
        .expect(201)
    ).body as Deadline;
    expect(created).toMatchObject({ name: 'Innlevering', snapshotId: null, takenAt: null, createdBy: owner.id });
    expect((await deadlines(p.projectId)).map((d) => d.id)).toEqual([created.id]);

    const event = await announced;
    // Work after the deadline is not in its snapshot.
    await app.http
      .post(`/api/documents/${p.documentId}/codings`)
      .set(bearer(owner))
      .send({ codeId: p.code.id, start: 12, end: 20 })
      .expect(201);
    expect(event).toMatchObject({
      projectId: p.projectId,
      name: 'Innlevering',
      kind: 'deadline',
      deadlineId: created.id,
      dueAt: created.dueAt,
      createdBy: null,
    });
    expect(new Date(event.createdAt).getTime()).toBeGreaterThanOrEqual(new Date(created.dueAt).getTime());
    const [taken] = await deadlines(p.projectId);
    expect(taken).toMatchObject({ id: created.id, snapshotId: event.id, takenAt: event.createdAt });
    const snapshot = (
      await app.http.get(`/api/snapshots/${event.id}/documents/${p.documentId}`).set(bearer(viewer)).expect(200)
    ).body as SnapshotDocument;
    expect(snapshot.codings.map((c: Coding) => [c.start, c.end])).toEqual([[0, 10]]);
  });

  it('takes a deadline that passed while the server was down at the next start, with the intended time next to the actual', async () => {
    const database = await createTestDatabase();
    let tolk = await instance(database.url);
    try {
      let http = tolk.http;
      const student = await createUser(tolk, 'Sara Student');
      const projectId = (await http.post('/api/projects').set(bearer(student)).send({ name: 'Nede' }).expect(201)).body
        .id as string;
      const created = (
        await http
          .post(`/api/projects/${projectId}/deadlines`)
          .set(bearer(student))
          .send({ name: 'Utkast', dueAt: inSeconds(1) })
          .expect(201)
      ).body as Deadline;
      // Down before the deadline, up again after it.
      await tolk.close();
      await sleep(1_600);
      tolk = await instance(database.url);
      http = tolk.http;
      let listed: Deadline[] = [];
      const until = Date.now() + 5_000;
      while (Date.now() < until) {
        listed = (await http.get(`/api/projects/${projectId}/deadlines`).set(bearer(student)).expect(200))
          .body as Deadline[];
        if (listed[0]?.snapshotId) break;
        await sleep(50);
      }
      expect(listed[0]).toMatchObject({ id: created.id, snapshotId: expect.any(String) });
      const snapshot = (await http.get(`/api/snapshots/${listed[0].snapshotId}`).set(bearer(student)).expect(200))
        .body as Snapshot;
      expect(snapshot).toMatchObject({
        name: 'Utkast',
        kind: 'deadline',
        dueAt: created.dueAt,
        createdAt: listed[0].takenAt,
      });
      expect(new Date(snapshot.createdAt).getTime()).toBeGreaterThan(new Date(created.dueAt).getTime() + 400);
    } finally {
      await tolk.close();
      await database.drop();
    }
  });

  it('takes each deadline exactly once with several instances running', async () => {
    const p = await project();
    await instance();
    await instance();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = (
        await app.http
          .post(`/api/projects/${p.projectId}/deadlines`)
          .set(bearer(owner))
          .send({ name: `Frist ${i}`, dueAt: inSeconds(1 + i * 0.2) })
          .expect(201)
      ).body as Deadline;
      ids.push(d.id);
    }
    let listed: Deadline[] = [];
    const until = Date.now() + 6_000;
    while (Date.now() < until) {
      listed = await deadlines(p.projectId);
      if (listed.every((d) => d.snapshotId)) break;
      await sleep(100);
    }
    expect(listed.every((d) => d.snapshotId)).toBe(true);
    await sleep(1_500);
    const snapshots = (await app.http.get(`/api/projects/${p.projectId}/snapshots`).set(bearer(owner)).expect(200))
      .body as SnapshotSummary[];
    expect(snapshots.map((s) => s.name).sort()).toEqual(['Frist 0', 'Frist 1', 'Frist 2']);
  });

  it('checks input and roles: owner and supervisor set deadlines, everyone reads them', async () => {
    const p = await project();
    const post = (user: TestUser, body: object) =>
      app.http.post(`/api/projects/${p.projectId}/deadlines`).set(bearer(user)).send(body);
    for (const dueAt of ['2030-05-15T12:00:00', '15.05.2030 12:00', 'tomorrow', 42]) {
      const res = await post(owner, { name: 'Frist', dueAt }).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/dueAt/)]));
    }
    expect((await post(owner, { name: 'Frist', dueAt: '2020-01-01T12:00:00+01:00' }).expect(400)).body.message).toMatch(
      /future/,
    );
    await post(owner, { name: '', dueAt: '2030-05-15T12:00:00+02:00' }).expect(400);
    await post(coder, { name: 'Frist', dueAt: '2030-05-15T12:00:00+02:00' }).expect(403);
    await post(viewer, { name: 'Frist', dueAt: '2030-05-15T12:00:00+02:00' }).expect(403);
    await post(outsider, { name: 'Frist', dueAt: '2030-05-15T12:00:00+02:00' }).expect(404);
    const late = (await post(supervisor, { name: 'Levering', dueAt: '2030-05-15T12:00:00+02:00' }).expect(201))
      .body as Deadline;
    const early = (await post(owner, { name: 'Utkast', dueAt: '2030-03-01T09:00:00+01:00' }).expect(201))
      .body as Deadline;
    expect(late.dueAt).toBe('2030-05-15T10:00:00.000Z');
    expect((await deadlines(p.projectId)).map((d) => d.name)).toEqual(['Utkast', 'Levering']);
    await app.http.get(`/api/projects/${p.projectId}/deadlines`).set(bearer(outsider)).expect(404);
    await app.http.delete(`/api/deadlines/${early.id}`).set(bearer(coder)).expect(403);
    await app.http.delete(`/api/deadlines/${early.id}`).set(bearer(outsider)).expect(404);
    await app.http.delete(`/api/deadlines/${early.id}`).set(bearer(supervisor)).expect(204);
    expect((await deadlines(p.projectId)).map((d) => d.name)).toEqual(['Levering']);
  });
});
