import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ClientToServerEvents,
  COLLAB_CLOSE,
  COLLAB_MESSAGE,
  type LoginResponse,
  MAX_DOCUMENT_BYTES,
  type RenewAck,
  type ServerToClientEvents,
} from '@tolk/contracts';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import { type CollabClient, connectCollab, eventually, rawSocket } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Access tokens live this long here, so expiry is reached within a test. */
const TOKEN_SECONDS = 6;
const CONNECTIONS_PER_USER = 12;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The in-band renewal message (COLLAB_MESSAGE.renewToken + the token as a varString). */
function renewal(token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE.renewToken);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

/** The `exp` of a token, in ms. */
function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  return payload.exp * 1000;
}

describe('live connections respect the token lifetime', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: string;
  const clients: CollabClient[] = [];
  const sockets: ClientSocket[] = [];

  /** A fresh access token (each lives TOKEN_SECONDS). */
  const signIn = async (user: TestUser = owner): Promise<string> => {
    const res = await app.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    return (res.body as LoginResponse).accessToken;
  };
  const newDocument = async (text: string) => {
    const token = await signIn();
    const res = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer({ token }))
      .send({ title: 'Informant', text })
      .expect(201);
    return res.body.id as string;
  };
  const storedText = async (documentId: string) => {
    const token = await signIn();
    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer({ token })).expect(200);
    return res.body.text as string;
  };
  const open = (documentId: string, token: string) => {
    const client = connectCollab(app.url, documentId, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    app = await startTestApp({ accessTokenSeconds: TOKEN_SECONDS });
    owner = await createUser(app, 'Sara Student');
    const token = await signIn();
    projectId = (await app.http.post('/api/projects').set(bearer({ token })).send({ name: 'Grenser' }).expect(201)).body
      .id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await app.close();
  });

  it('closes an un-renewed connection with 4401 within 5 s of exp, and stores nothing it sends after exp', async () => {
    const documentId = await newDocument('Før utløp.');
    const token = await signIn();
    const exp = expiryOf(token);
    const client = open(documentId, token);
    await client.synced;
    client.text.insert(client.text.length, ' Innen fristen.');
    const closed = await client.closed;
    const closedAt = Date.now();
    expect(closed.code).toBe(COLLAB_CLOSE.unauthenticated);
    expect(closedAt).toBeGreaterThanOrEqual(exp - 100);
    expect(closedAt).toBeLessThan(exp + 5000);
    // After exp: the stock client has stopped (44xx); this edit must never reach the store.
    client.text.insert(client.text.length, ' Etter fristen.');
    await sleep(300);
    expect(await storedText(documentId)).toBe('Før utløp. Innen fristen.');
  });

  it('keeps a renewed connection open past the first token, and stores its edits', async () => {
    const documentId = await newDocument('Fornyet.');
    const first = await signIn();
    const client = open(documentId, first);
    await client.synced;
    await sleep(Math.max(expiryOf(first) - Date.now() - 2000, 0));
    const second = await signIn();
    expect(expiryOf(second)).toBeGreaterThan(expiryOf(first) + 2000);
    client.provider.ws?.send(renewal(second));
    // Past the first token's expiry.
    await sleep(Math.max(expiryOf(first) - Date.now(), 0) + 1000);
    expect(client.provider.wsconnected).toBe(true);
    client.text.insert(client.text.length, ' Etter fornyelse.');
    await eventually(() => client.provider.synced, 'synced');
    let text = '';
    for (let i = 0; i < 50 && text !== 'Fornyet. Etter fornyelse.'; i++) {
      text = await storedText(documentId);
      if (text !== 'Fornyet. Etter fornyelse.') await sleep(100);
    }
    expect(text).toBe('Fornyet. Etter fornyelse.');
    // Without a further renewal it ends at the second token's expiry.
    expect((await client.closed).code).toBe(COLLAB_CLOSE.unauthenticated);
    expect(Date.now()).toBeLessThan(expiryOf(second) + 5000);
  });

  it('closes with 4401 on a renewal with a bad token or another account’s token', async () => {
    const documentId = await newDocument('Feil nøkkel.');
    const other = await createUser(app, 'Otto Outsider');
    for (const bad of ['not-a-token', await signIn(other)]) {
      const socket = await rawSocket(app.url, documentId, await signIn());
      await socket.firstMessage;
      socket.ws.send(renewal(bad));
      expect(await socket.closed).toBe(COLLAB_CLOSE.unauthenticated);
    }
  });

  it('socket.io: stops delivering after expiry without renewal, and keeps delivering after auth:renew', async () => {
    const connect = (token: string) => {
      const socket: ClientSocket = io(app.url, {
        path: '/socket.io',
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      return socket;
    };
    const joined = async (socket: ClientSocket) => {
      const ack = await new Promise((resolve) => socket.emit('project:join', { projectId }, resolve));
      expect(ack).toEqual({ ok: true });
    };
    const lapsedToken = await signIn();
    const lapsed = connect(lapsedToken);
    const renewed = connect(await signIn());
    await Promise.all([joined(lapsed), joined(renewed)]);
    const heard = { lapsed: [] as string[], renewed: [] as string[] };
    lapsed.on('code:created', (code) => heard.lapsed.push(code.name));
    renewed.on('code:created', (code) => heard.renewed.push(code.name));
    const lapsedGone = new Promise<number>((resolve) => lapsed.on('disconnect', () => resolve(Date.now())));

    await sleep(1500);
    const fresh = await signIn();
    const ack = await new Promise<RenewAck>((resolve) => renewed.emit('auth:renew', { token: fresh }, resolve));
    expect('ok' in ack && ack.ok).toBe(true);

    const disconnectedAt = await lapsedGone;
    expect(disconnectedAt).toBeGreaterThanOrEqual(expiryOf(lapsedToken) - 100);
    expect(disconnectedAt).toBeLessThan(expiryOf(lapsedToken) + 5000);
    expect(Date.now()).toBeLessThan(expiryOf(fresh));
    const token = await signIn();
    await app.http.post(`/api/projects/${projectId}/codes`).set(bearer({ token })).send({ name: 'Etter' }).expect(201);
    await eventually(() => heard.renewed.includes('Etter'), 'the renewed socket hears the code');
    expect(heard.lapsed).not.toContain('Etter');
    expect(renewed.connected).toBe(true);

    const bad = await new Promise<RenewAck>((resolve) => renewed.emit('auth:renew', { token: 'nonsense' }, resolve));
    expect(bad).toMatchObject({ reason: 'unauthenticated' });
    await eventually(() => !renewed.connected, 'disconnect after a bad renewal');
  });
});

describe('live edits within the transcript size limit, and connections per user', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: string;
  const clients: CollabClient[] = [];
  const sockets: ClientSocket[] = [];

  /** A fresh access token. */
  const signIn = async (user: TestUser = owner): Promise<string> => {
    const res = await app.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    return (res.body as LoginResponse).accessToken;
  };
  const newDocument = async (text: string) => {
    const token = await signIn();
    const res = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer({ token }))
      .send({ title: 'Informant', text })
      .expect(201);
    return res.body.id as string;
  };
  const storedText = async (documentId: string) => {
    const token = await signIn();
    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer({ token })).expect(200);
    return res.body.text as string;
  };
  const open = (documentId: string, token: string) => {
    const client = connectCollab(app.url, documentId, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    app = await startTestApp({ collabConnectionsPerUser: CONNECTIONS_PER_USER });
    owner = await createUser(app, 'Sara Student');
    const token = await signIn();
    projectId = (await app.http.post('/api/projects').set(bearer({ token })).send({ name: 'Grenser' }).expect(201)).body
      .id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a live edit that would make the transcript exceed the REST limit with 4413; nothing is stored', async () => {
    const documentId = await newDocument('Start.');
    const token = await signIn();
    const watcher = open(documentId, token);
    const writer = open(documentId, token);
    await Promise.all([watcher.synced, writer.synced]);
    // Two 3.5 MB updates (the reproduction): neither may get in.
    writer.text.insert(writer.text.length, 'x'.repeat(3_500_000));
    expect((await writer.closed).code).toBe(COLLAB_CLOSE.tooLarge);
    const again = open(documentId, token);
    await again.synced;
    again.text.insert(again.text.length, 'y'.repeat(3_500_000));
    expect((await again.closed).code).toBe(COLLAB_CLOSE.tooLarge);
    await sleep(300);
    expect(watcher.text.toString()).toBe('Start.');
    expect(await storedText(documentId)).toBe('Start.');
  });

  it('accepts edits up to the limit of UTF-8 bytes and refuses the one that crosses it', async () => {
    const documentId = await newDocument('ab');
    const token = await signIn();
    const writer = open(documentId, token);
    await writer.synced;
    // 'æ' is two bytes of UTF-8: with 'ab' this fills the limit exactly.
    const fill = (MAX_DOCUMENT_BYTES - 2) / 2;
    writer.text.insert(1, 'æ'.repeat(fill));
    let stored = '';
    for (let i = 0; i < 50 && stored.length !== fill + 2; i++) {
      stored = await storedText(documentId);
      if (stored.length !== fill + 2) await sleep(100);
    }
    expect(Buffer.byteLength(stored)).toBe(MAX_DOCUMENT_BYTES);
    writer.text.insert(0, 'z');
    expect((await writer.closed).code).toBe(COLLAB_CLOSE.tooLarge);
    expect(Buffer.byteLength(await storedText(documentId))).toBe(MAX_DOCUMENT_BYTES);
  });

  it('of 30 simultaneous connections of one account lets exactly the limit in, the rest get 4429, and frees slots on close', async () => {
    // An account of its own, so no connection of the other tests is still counted.
    const tabs = await createUser(app, 'Tina Tabs');
    const token = await signIn(tabs);
    const ownProject = (await app.http.post('/api/projects').set(bearer({ token })).send({ name: 'Faner' }).expect(201))
      .body.id as string;
    const documentId = (
      await app.http
        .post(`/api/projects/${ownProject}/documents`)
        .set(bearer({ token }))
        .send({ title: 'Informant', text: 'Mange faner.' })
        .expect(201)
    ).body.id as string;
    const attempts = await Promise.all(Array.from({ length: 30 }, () => rawSocket(app.url, documentId, token)));
    const outcomes = await Promise.all(
      attempts.map(
        (socket) =>
          new Promise<'open' | number>((resolve) => {
            void socket.closed.then(resolve);
            void socket.firstMessage.then(() => resolve('open'));
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(CONNECTIONS_PER_USER);
    expect(outcomes.filter((o) => o === COLLAB_CLOSE.tooManyConnections)).toHaveLength(30 - CONNECTIONS_PER_USER);

    const admitted = attempts.filter((_, i) => outcomes[i] === 'open');
    for (const socket of admitted.slice(0, 3)) {
      socket.ws.close();
      await socket.closed;
    }
    await sleep(200);
    const more = await Promise.all(Array.from({ length: 4 }, () => rawSocket(app.url, documentId, token)));
    const after = await Promise.all(
      more.map(
        (socket) =>
          new Promise<'open' | number>((resolve) => {
            void socket.closed.then(resolve);
            void socket.firstMessage.then(() => resolve('open'));
          }),
      ),
    );
    expect(after.filter((o) => o === 'open')).toHaveLength(3);
    expect(after.filter((o) => o === COLLAB_CLOSE.tooManyConnections)).toHaveLength(1);
    for (const socket of [...admitted, ...more]) socket.ws.close();
  });
});
