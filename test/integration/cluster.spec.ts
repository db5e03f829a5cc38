import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClientToServerEvents,
  Deadline,
  JoinAck,
  PresenceEvent,
  ServerToClientEvents,
  SnapshotSummary,
} from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { COLLAB_CLOSE } from '@tolk/contracts';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { createTestDatabase } from './support/databases.js';
import { type RedisServer, startRedis } from './support/redis-server.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const TEXT = 'Intervjuer: Hva endret seg?\nInformant 3: Alt ble digitalt over natten.';

/**
 * Two api instances on one PostgreSQL and a real redis-server, as behind a
 * load balancer without sticky sessions: clients of one project and one
 * transcript spread over both.
 */
describe('two api instances with Redis', () => {
  let redis: RedisServer;
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let projectId: string;
  const collabs: CollabClient[] = [];
  const sockets: ClientSocket[] = [];

  const collab = (app: TestApp, documentId: string, user: TestUser) => {
    const client = connectCollab(app.url, documentId, user.token);
    collabs.push(client);
    return client;
  };
  const socketOn = async (app: TestApp, user: TestUser) => {
    const socket: ClientSocket = io(app.url, {
      path: '/socket.io',
      auth: { token: user.token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const ack = await new Promise<JoinAck>((resolve) => socket.emit('project:join', { projectId }, resolve));
    expect(ack).toEqual({ ok: true });
    return socket;
  };
  const newDocument = async () =>
    (
      await a.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 3', text: TEXT })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    const shared = { secret: 'cluster-test-secret-that-is-long-enough-42', redisUrl: redis.url };
    a = await startTestApp(shared, database);
    b = await startTestApp(shared, database);
    [owner, coder] = await Promise.all([createUser(a, 'Sara Student'), createUser(a, 'Kari Koder')]);
    projectId = (await a.http.post('/api/projects').set(bearer(owner)).send({ name: 'Klynge' }).expect(201)).body.id;
    await addMember(a, owner, projectId, coder, 'coder');
  }, 120_000);
  afterEach(() => {
    for (const client of collabs.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await redis?.stop();
  });

  it('stock Yjs clients on different instances converge after interleaved concurrent edits', async () => {
    const documentId = await newDocument();
    const onA = collab(a, documentId, owner);
    const onB = collab(b, documentId, coder);
    await Promise.all([onA.synced, onB.synced]);
    for (let round = 0; round < 20; round++) {
      onA.text.insert(round % 7, `a${round} `);
      onB.text.insert(onB.text.length, ` b${round}`);
      if (round % 5 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await eventually(
      () =>
        onA.text.toString() === onB.text.toString() &&
        onA.text.toString().includes('b19') &&
        onB.text.toString().includes('a19'),
      'convergence',
    );
    const text = onA.text.toString();
    // Both instances read the same text for the REST api: the one the clients have.
    for (const app of [a, b]) {
      const body = (await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body;
      expect(body.text).toBe(text);
    }
  });

  it('sends a server-side edit (a restore) on one instance to the clients on the other, through the same path', async () => {
    const documentId = await newDocument();
    const snapshotId = (
      await a.http.post(`/api/projects/${projectId}/snapshots`).set(bearer(owner)).send({ name: 'Før' }).expect(201)
    ).body.id as string;
    const onB = collab(b, documentId, coder);
    await onB.synced;
    onB.text.insert(0, 'Endret av koder. ');
    // Committed on B before A restores (A holds no room: it reads PostgreSQL).
    const readOnA = async () =>
      (await a.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body.text as string;
    for (let i = 0; i < 100 && !(await readOnA()).startsWith('Endret'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await readOnA()).toBe(`Endret av koder. ${TEXT}`);

    await a.http.post(`/api/snapshots/${snapshotId}/restore`).set(bearer(owner)).expect(200);
    await eventually(() => onB.text.toString() === TEXT, 'the restore on the client of the other instance');
    // Stored once, in the update log and in documents.text, and both instances read it.
    for (const app of [a, b]) {
      const body = (await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body;
      expect(body.text).toBe(TEXT);
    }
    const listed = (await a.http.get(`/api/projects/${projectId}/documents`).set(bearer(owner)).expect(200)).body as {
      id: string;
      length: number;
    }[];
    expect(listed.find((d) => d.id === documentId)?.length).toBe(TEXT.length);
  });

  it('shows each client the cursors of people on the other instance, with their real names', async () => {
    const documentId = await newDocument();
    const onA = collab(a, documentId, owner);
    const onB = collab(b, documentId, coder);
    await Promise.all([onA.synced, onB.synced]);
    onA.provider.awareness.setLocalStateField('user', { id: 'forged', name: 'Someone Else', color: '#2f7d6d' });
    await eventually(
      () =>
        [...onB.provider.awareness.getStates().values()].some(
          (state) => (state as { user?: { name?: string } }).user?.name === 'Sara Student',
        ),
      'the cursor of the client on A at B',
    );
    const seen = [...onB.provider.awareness.getStates().values()].map(
      (state) => (state as { user?: { id?: string } }).user?.id,
    );
    expect(seen).toContain(owner.id);
    expect(seen).not.toContain('forged');
  });

  it('delivers socket.io project events and presence to members on the other instance', async () => {
    const documentId = await newDocument();
    const socketOnB = await socketOn(b, coder);
    const code = (
      await a.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Digitalisering' })
        .expect(201)
    ).body;
    const created = new Promise<unknown>((resolve) => socketOnB.on('coding:created', resolve));
    const start = TEXT.indexOf('digitalt');
    await a.http
      .post(`/api/documents/${documentId}/codings`)
      .set(bearer(owner))
      .send({ codeId: code.id, start, end: start + 8 })
      .expect(201);
    expect(await created).toMatchObject({ codeId: code.id, quote: 'digitalt', projectId });

    // Sara opens the transcript on A; Kari, on B, sees her in it.
    const present = new Promise<PresenceEvent>((resolve) => {
      socketOnB.on('presence', (event) => {
        if (event.users.some((u) => u.userId === owner.id && u.documentId === documentId)) resolve(event);
      });
    });
    await collab(a, documentId, owner).synced;
    expect((await present).users).toEqual(
      expect.arrayContaining([{ userId: owner.id, name: 'Sara Student', documentId }]),
    );
  });

  it('closes a removed member’s live-text connection on the other instance within a second', async () => {
    const documentId = await newDocument();
    const viewer = await createUser(a, 'Vera Viewer');
    await addMember(a, owner, projectId, viewer, 'viewer');
    const onB = collab(b, documentId, viewer);
    await onB.synced;
    const removedAt = Date.now();
    await a.http.delete(`/api/projects/${projectId}/members/${viewer.id}`).set(bearer(owner)).expect(204);
    const closed = await onB.closed;
    expect(closed.code).toBe(COLLAB_CLOSE.accessRevoked);
    expect(Date.now() - removedAt).toBeLessThan(1_000);
  });

  it('signing out on one instance closes the account’s /collab and socket.io connections on the other within a second', async () => {
    const documentId = await newDocument();
    const leaver = await createUser(a, 'Lars Logout');
    await addMember(a, owner, projectId, leaver, 'coder');
    const onB = collab(b, documentId, leaver);
    await onB.synced;
    const socket = await socketOn(b, leaver);
    const disconnected = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    const signedOutAt = Date.now();
    await a.http.post('/api/auth/logout').set(bearer(leaver)).expect(204);
    const [closed] = await Promise.all([onB.closed, disconnected]);
    expect(closed.code).toBe(COLLAB_CLOSE.unauthenticated);
    expect(Date.now() - signedOutAt).toBeLessThan(1_000);
    await b.http.get('/api/auth/me').set(bearer(leaver)).expect(401);
  });

  it('catches up from PostgreSQL when Redis comes back after an outage', async () => {
    const documentId = await newDocument();
    const onA = collab(a, documentId, owner);
    const onB = collab(b, documentId, coder);
    await Promise.all([onA.synced, onB.synced]);
    await redis.stop();
    // Each instance keeps serving its own clients meanwhile.
    onA.text.insert(0, 'Skrevet på A. ');
    onB.text.insert(onB.text.length, ' Skrevet på B.');
    const onA2 = collab(a, documentId, owner);
    await onA2.synced;
    await eventually(() => onA2.text.toString().startsWith('Skrevet på A.'), 'a second client on A sees A’s edit');
    expect(onA.text.toString()).not.toContain('Skrevet på B.');
    await redis.restart();
    await eventually(
      () =>
        [onA, onA2, onB].every(
          (c) => c.text.toString().includes('Skrevet på A.') && c.text.toString().includes('Skrevet på B.'),
        ),
      'every client has both edits',
      10_000,
    );
    expect(new Set([onA, onA2, onB].map((c) => c.text.toString())).size).toBe(1);
  });

  it('takes a deadline once, and members on the other instance hear of its snapshot', async () => {
    const socketOnB = await socketOn(b, coder);
    const announced: string[] = [];
    socketOnB.on('snapshot:created', (snapshot) => announced.push(snapshot.name));
    const dueAt = new Date(Date.now() + 1_500).toISOString();
    const deadline = (
      await a.http
        .post(`/api/projects/${projectId}/deadlines`)
        .set(bearer(owner))
        .send({ name: 'Klyngefrist', dueAt })
        .expect(201)
    ).body as Deadline;
    await eventually(() => announced.includes('Klyngefrist'), 'the snapshot to be announced on B', 10_000);
    // Give a second taker every chance to show up.
    await new Promise((r) => setTimeout(r, 1_500));
    const snapshots = (await b.http.get(`/api/projects/${projectId}/snapshots`).set(bearer(owner)).expect(200))
      .body as SnapshotSummary[];
    expect(snapshots.filter((s) => s.name === 'Klyngefrist')).toHaveLength(1);
    expect(announced.filter((name) => name === 'Klyngefrist')).toHaveLength(1);
    const [listed] = (
      (await b.http.get(`/api/projects/${projectId}/deadlines`).set(bearer(owner)).expect(200)).body as Deadline[]
    ).filter((d) => d.id === deadline.id);
    expect(listed?.snapshotId).toBe(snapshots.find((s) => s.name === 'Klyngefrist')!.id);
  }, 30_000);
});
