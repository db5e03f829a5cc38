import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { COLLAB_CLOSE, MAX_COLLAB_MESSAGE_BYTES } from '@tolk/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type CollabClient, closeCode, connectCollab, eventually, rawSocket } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

describe('live text over /collab with stock y-websocket clients', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let viewer: TestUser;
  let supervisor: TestUser;
  let outsider: TestUser;
  let projectId: string;
  const clients: CollabClient[] = [];

  const open = (documentId: string, user: TestUser | undefined) => {
    const client = connectCollab(app.url, documentId, user?.token);
    clients.push(client);
    return client;
  };

  const newDocument = async (text = 'Intervjuer: Hei.\n') => {
    const res = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .send({ title: 'Informant', text })
      .expect(201);
    return res.body.id as string;
  };

  const storedUpdates = async (documentId: string) => {
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ user_id: string | null; n: number }>(
      'SELECT user_id, count(*)::int AS n FROM document_updates WHERE document_id = $1 GROUP BY user_id',
      [documentId],
    );
    await client.end();
    return rows;
  };

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, viewer, supervisor, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Vera Viewer', 'Viktor Veileder', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Live' }).expect(201)).body.id;
    for (const [user, role] of [
      [coder, 'coder'],
      [viewer, 'viewer'],
      [supervisor, 'supervisor'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  it('loads the stored text, and two editors converge after interleaved concurrent edits', async () => {
    const documentId = await newDocument('Intervjuer: Hvordan har du det?\n');
    const a = open(documentId, owner);
    const b = open(documentId, coder);
    await Promise.all([a.synced, b.synced]);
    expect(a.text.toString()).toBe('Intervjuer: Hvordan har du det?\n');

    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, `a${i} `);
      b.text.insert(0, `b${i} `);
      if (i % 5 === 0 && b.text.length > 3) b.text.delete(1, 1);
      await new Promise((r) => setTimeout(r, i % 3));
    }
    await eventually(
      () =>
        a.text.toString() === b.text.toString() &&
        a.text.toString().includes('a19') &&
        a.text.toString().includes('b19'),
      'convergence',
    );

    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer(coder)).expect(200);
    expect(res.body.text).toBe(a.text.toString());
    expect(res.body.length).toBe(a.text.length);
    // Each stored update records who sent it.
    const byUser = await storedUpdates(documentId);
    expect(byUser.map((r) => r.user_id).sort()).toEqual([owner.id, coder.id].sort());
    // The edit history says who changed the text, when.
    const history = await app.http.get(`/api/documents/${documentId}/history`).set(bearer(coder)).expect(200);
    const sessions = history.body as { userId: string; name: string; from: string; to: string; updates: number }[];
    expect(new Set(sessions.map((s) => s.name))).toEqual(new Set(['Sara Student', 'Kari Koder']));
    expect(sessions.reduce((n, s) => n + s.updates, 0)).toBe(byUser.reduce((n, r) => n + r.n, 0));
    for (const session of sessions) expect(Date.parse(session.to)).toBeGreaterThanOrEqual(Date.parse(session.from));
  });

  it('a viewer gets a read-only connection: its edit reaches nobody, not the database, not the REST text', async () => {
    const documentId = await newDocument('Original.');
    const owners = open(documentId, owner);
    const viewers = open(documentId, viewer);
    await Promise.all([owners.synced, viewers.synced]);

    viewers.text.insert(0, 'VIEWER WAS HERE ');
    owners.text.insert(owners.text.length, ' Owner edit.');
    // The owner's later edit reaches the viewer: the connection is live, only read-only.
    await eventually(() => viewers.text.toString().includes('Owner edit.'), 'the owner edit at the viewer');
    await new Promise((r) => setTimeout(r, 200));
    expect(owners.text.toString()).toBe('Original. Owner edit.');
    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
    expect(res.body.text).toBe('Original. Owner edit.');
    const byUser = await storedUpdates(documentId);
    expect(byUser.map((r) => r.user_id)).toEqual([owner.id]);
  });

  it('a supervisor edits only when the project allows it, and the switch applies to open connections', async () => {
    const documentId = await newDocument('Tekst.');
    const owners = open(documentId, owner);
    const refused = open(documentId, supervisor);
    const supervisors = open(documentId, supervisor);
    await Promise.all([owners.synced, refused.synced, supervisors.synced]);
    refused.text.insert(0, 'X');
    await new Promise((r) => setTimeout(r, 200));
    expect(owners.text.toString()).toBe('Tekst.');

    // The connection that stayed open (and did not type meanwhile) may now edit.
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { supervisorCanEditText: true } })
      .expect(200);
    supervisors.text.insert(supervisors.text.length, ' Veileders rettelse.');
    await eventually(() => owners.text.toString() === 'Tekst. Veileders rettelse.', 'the supervisor edit');

    // And back: the same open connection is read-only again at once.
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { supervisorCanEditText: false } })
      .expect(200);
    supervisors.text.insert(0, 'Y');
    await new Promise((r) => setTimeout(r, 200));
    expect(owners.text.toString()).toBe('Tekst. Veileders rettelse.');
  });

  it('refuses no token, a bad token, an outsider and a missing document alike (44xx, no retry)', async () => {
    const documentId = await newDocument();
    const cases: [TestUser | undefined, string, number][] = [
      [undefined, documentId, COLLAB_CLOSE.unauthenticated],
      [{ ...owner, token: 'not-a-token' }, documentId, COLLAB_CLOSE.unauthenticated],
      [outsider, documentId, COLLAB_CLOSE.notFound],
      [owner, randomUUID(), COLLAB_CLOSE.notFound],
      [owner, 'not-a-uuid', COLLAB_CLOSE.notFound],
    ];
    for (const [user, id, code] of cases) {
      const client = open(id, user);
      const closed = await client.closed;
      expect({ id: id === documentId ? 'doc' : id, code: closed.code }).toEqual({
        id: id === documentId ? 'doc' : id,
        code,
      });
      expect(client.text.toString()).toBe('');
    }
  });

  it('refuses the refresh cookie from another origin, and accepts it from the app itself', async () => {
    const documentId = await newDocument('Cookie.');
    const login = await app.http
      .post('/api/auth/login')
      .send({ email: owner.email, password: owner.password })
      .expect(200);
    const cookies = login.headers['set-cookie'] as unknown as string[];
    const collabCookie = cookies.find((c) => c.startsWith('tolk_refresh=') && c.includes('Path=/collab'))!;
    const { WebSocket } = await import('ws');
    const url = `${app.url.replace('http', 'ws')}/collab/${documentId}`;
    const host = new URL(app.url).host;
    const cookie = collabCookie.split(';')[0];
    const foreign = new WebSocket(url, { headers: { Cookie: cookie, Origin: 'https://evil.example' } });
    expect(await closeCode(foreign)).toBe(COLLAB_CLOSE.unauthenticated);
    const own = new WebSocket(url, { headers: { Cookie: cookie, Origin: `http://${host}` } });
    const first = await new Promise<Buffer>((resolve) => own.once('message', (data: Buffer) => resolve(data)));
    expect(first[0]).toBe(0); // a sync message: admitted
    own.close();
  });

  it('closes a removed member’s open connection at once, and makes a downgraded one read-only', async () => {
    const extra = await createUser(app, 'Ekstra Koder');
    await addMember(app, owner, projectId, extra, 'coder');
    const documentId = await newDocument('Før.');
    const owners = open(documentId, owner);
    const theirs = open(documentId, extra);
    const coders = open(documentId, coder);
    await Promise.all([owners.synced, theirs.synced, coders.synced]);

    await app.http
      .patch(`/api/projects/${projectId}/members/${coder.id}`)
      .set(bearer(owner))
      .send({ role: 'viewer' })
      .expect(200);
    coders.text.insert(0, 'NO ');
    await new Promise((r) => setTimeout(r, 200));
    expect(owners.text.toString()).toBe('Før.');

    const started = Date.now();
    await app.http.delete(`/api/projects/${projectId}/members/${extra.id}`).set(bearer(owner)).expect(204);
    const closed = await theirs.closed;
    expect(closed.code).toBe(COLLAB_CLOSE.accessRevoked);
    expect(Date.now() - started).toBeLessThan(1_000);
    await app.http
      .patch(`/api/projects/${projectId}/members/${coder.id}`)
      .set(bearer(owner))
      .send({ role: 'coder' })
      .expect(200);
  });

  it('sets awareness identity from the token: nobody can pose as someone else', async () => {
    const documentId = await newDocument();
    const owners = open(documentId, owner);
    const coders = open(documentId, coder);
    await Promise.all([owners.synced, coders.synced]);
    coders.provider.awareness.setLocalStateField('user', { id: owner.id, name: 'Sara Student', color: '#c00' });
    const coderClientId = coders.doc.clientID;
    await eventually(
      () => owners.provider.awareness.getStates().get(coderClientId)?.user !== undefined,
      'the coder cursor',
    );
    const seen = owners.provider.awareness.getStates().get(coderClientId)!.user as {
      id: string;
      name: string;
      color: string;
    };
    expect(seen).toEqual({ id: coder.id, name: 'Kari Koder', color: '#c00' });

    // A departing client's cursor disappears for the others at once.
    coders.destroy();
    await eventually(() => !owners.provider.awareness.getStates().has(coderClientId), 'the coder cursor to go', 2_000);
  });

  it('passes a changed cursor on at once, and unchanged renewals a moment later, together', async () => {
    const documentId = await newDocument();
    const [watcher, a, b, c] = [owner, coder, supervisor, viewer].map((user) => open(documentId, user));
    await Promise.all([watcher, a, b, c].map((client) => client.synced));
    for (const client of [a, b, c]) client.provider.awareness.setLocalStateField('cursor', { anchor: 0 });
    const ids = [a, b, c].map((client) => client.doc.clientID);
    await eventually(() => ids.every((id) => watcher.provider.awareness.getStates().has(id)), 'three cursors');

    const seen: { at: number; updated: number[] }[] = [];
    watcher.provider.awareness.on('update', ({ updated }: { updated: number[] }) => {
      const ours = updated.filter((id) => ids.includes(id));
      if (ours.length > 0) seen.push({ at: Date.now(), updated: ours });
    });
    // A and B renew without a change (as the stock client does every 15 s); then C moves its cursor.
    const renewedAt = Date.now();
    for (const client of [a, b]) client.provider.awareness.setLocalState(client.provider.awareness.getLocalState());
    c.provider.awareness.setLocalStateField('cursor', { anchor: 3 });

    await eventually(() => seen.length >= 2, 'the move and the renewals', 6_000);
    const [move, renewals] = seen;
    expect(move.updated).toEqual([c.doc.clientID]);
    expect(move.at - renewedAt).toBeLessThan(1_000);
    expect(watcher.provider.awareness.getStates().get(c.doc.clientID)?.cursor).toEqual({ anchor: 3 });
    // Both renewals in one message, held back about two seconds.
    expect([...renewals.updated].sort()).toEqual([a.doc.clientID, b.doc.clientID].sort());
    expect(renewals.at - renewedAt).toBeGreaterThanOrEqual(1_500);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toHaveLength(2);
  });

  it('keeps a room of 19 cursors connected: a stock client echoing the whole room is not refused', async () => {
    const documentId = await newDocument();
    const people = [owner, coder, supervisor, viewer];
    const room = Array.from({ length: 18 }, (_, i) => open(documentId, people[i % people.length]));
    let closes = 0;
    for (const client of room) client.provider.on('connection-close', () => closes++);
    await Promise.all(room.map((client) => client.synced));
    for (const [i, client] of room.entries()) client.provider.awareness.setLocalStateField('cursor', { anchor: i });
    const ids = room.map((client) => client.doc.clientID);
    await eventually(
      () => room.every((client) => ids.every((id) => client.provider.awareness.getStates().has(id))),
      'every cursor everywhere',
      10_000,
    );
    // A newcomer gets the whole room in one message and (as every stock client does) sends it back.
    const late = open(documentId, owner);
    late.provider.on('connection-close', () => closes++);
    await late.synced;
    late.provider.awareness.setLocalStateField('cursor', { anchor: 99 });
    await eventually(() => ids.every((id) => late.provider.awareness.getStates().has(id)), 'the room for the newcomer');
    // Renewals without a change, passed on together, are echoed by all 19 as well.
    for (const client of room) client.provider.awareness.setLocalState(client.provider.awareness.getLocalState());
    await new Promise((r) => setTimeout(r, 3_000));
    expect(closes).toBe(0);
    expect([...room, late].every((client) => client.provider.wsconnected)).toBe(true);
  });

  it('survives 200 malformed frames on one connection; other documents keep syncing', async () => {
    const documentId = await newDocument('Stabil.');
    const otherDocument = await newDocument('Annen.');
    const a = open(otherDocument, owner);
    const b = open(otherDocument, coder);
    await Promise.all([a.synced, b.synced]);

    let closes = 0;
    for (let i = 0; i < 200; i++) {
      const { ws, closed } = await rawSocket(app.url, documentId, owner.token);
      const frames = [
        randomBytes(1 + (i % 50)),
        Buffer.from([0, 2, 200, 1, 1, 2, 3]), // sync update whose length runs past the end
        Buffer.from([0, 9, 0]), // unknown sync subtype
        Buffer.from([7]), // unknown message type
        (() => {
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, randomBytes(40));
          return Buffer.from(encoding.toUint8Array(e));
        })(),
      ];
      ws.send(frames[i % frames.length]);
      const code = await closed;
      if (code === COLLAB_CLOSE.badMessage) closes++;
      a.text.insert(a.text.length, '.');
    }
    expect(closes).toBe(200);
    await eventually(
      () => b.text.toString() === a.text.toString() && a.text.toString().endsWith('.'.repeat(200)),
      'the other document',
    );
    await app.http.get('/api/health').expect(200);
    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
    expect(res.body.text).toBe('Stabil.');
  });

  it('refuses an update that refers to text the server does not have', async () => {
    const documentId = await newDocument('Kjent tekst.');
    const elsewhere = new Y.Doc();
    elsewhere.getText('content').insert(0, 'Ukjent ');
    const base = Y.encodeStateVector(elsewhere);
    elsewhere.getText('content').insert(3, 'X');
    const dependent = Y.encodeStateAsUpdate(elsewhere, base); // depends on "Ukjent " the server never saw
    elsewhere.destroy();
    const { ws, closed } = await rawSocket(app.url, documentId, owner.token);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, dependent);
    ws.send(encoding.toUint8Array(e));
    expect(await closed).toBe(COLLAB_CLOSE.badMessage);
    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
    expect(res.body.text).toBe('Kjent tekst.');
  });

  it('closes connections to a deleted document', async () => {
    const documentId = await newDocument('Slettes.');
    const owners = open(documentId, owner);
    await owners.synced;
    await app.http.delete(`/api/documents/${documentId}`).set(bearer(owner)).expect(204);
    expect((await owners.closed).code).toBe(COLLAB_CLOSE.documentDeleted);
  });

  it('merges edits made offline when the client reconnects', async () => {
    const documentId = await newDocument('Start.');
    const a = open(documentId, owner);
    const b = open(documentId, coder);
    await Promise.all([a.synced, b.synced]);
    b.provider.disconnect();
    b.text.insert(b.text.length, ' Skrevet offline.');
    a.text.insert(0, 'Online: ');
    await new Promise((r) => setTimeout(r, 100));
    b.provider.connect();
    await eventually(
      () => a.text.toString() === 'Online: Start. Skrevet offline.' && b.text.toString() === a.text.toString(),
      'offline merge',
    );
  });

  it('folds the update log into the merged state, keeps the log as history, and keeps list lengths current', async () => {
    const documentId = await newDocument('');
    const a = open(documentId, owner);
    await a.synced;
    for (let i = 0; i < 520; i++) a.text.insert(a.text.length, i % 10 === 9 ? '\n' : 'x');
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      const state = async () =>
        (
          await client.query<{ last: string; total: number }>(
            `SELECT s.last_update_id AS last, (SELECT count(*)::int FROM document_updates u WHERE u.document_id = s.document_id) AS total
             FROM document_states s WHERE s.document_id = $1`,
            [documentId],
          )
        ).rows[0];
      const deadline = Date.now() + 10_000;
      let seen = await state();
      while ((seen.total < 520 || seen.last === '0') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        seen = await state();
      }
      expect(seen.total).toBe(520);
      expect(Number(seen.last)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    // A new reader gets everything: merged state plus the newer updates.
    const b = open(documentId, coder);
    await b.synced;
    expect(b.text.toString()).toBe(a.text.toString());
    expect(a.text.length).toBe(520);
    // The plain text is written back shortly after the last change.
    const deadline = Date.now() + 6_000;
    let listed = 0;
    while (Date.now() < deadline) {
      const list = await app.http.get(`/api/projects/${projectId}/documents`).set(bearer(owner)).expect(200);
      listed = (list.body as { id: string; length: number }[]).find((d) => d.id === documentId)!.length;
      if (listed === 520) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed).toBe(520);
  });

  it('closes a connection that sends a message over the size limit (1009), and limits connections per user (4429)', async () => {
    const documentId = await newDocument('Grenser.');
    const big = await rawSocket(app.url, documentId, coder.token);
    big.ws.send(Buffer.alloc(MAX_COLLAB_MESSAGE_BYTES + 1));
    expect(await big.closed).toBe(COLLAB_CLOSE.messageTooBig);

    const sockets = [];
    // The test app allows 20 (collabConnectionsPerUser).
    for (let i = 0; i < 20; i++) sockets.push(await rawSocket(app.url, documentId, coder.token));
    const oneTooMany = await rawSocket(app.url, documentId, coder.token);
    expect(await oneTooMany.closed).toBe(COLLAB_CLOSE.tooManyConnections);
    // Another user is not affected.
    const other = await rawSocket(app.url, documentId, owner.token);
    const first = await other.firstMessage;
    expect(first[0]).toBe(0);
    for (const { ws } of [...sockets, other]) ws.close();
    await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
  });
});
