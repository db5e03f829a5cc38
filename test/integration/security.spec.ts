import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse } from '@tolk/contracts';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { type CollabClient, connectCollab } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

const EVIL = 'https://evil.example';

describe('hardening: headers, CORS, CSRF, Origin checks, rate limits, token revocation', () => {
  let app: TestApp;
  let owner: TestUser;
  let documentId: string;
  const sockets: Socket[] = [];
  const collabs: CollabClient[] = [];

  const connectSocket = (token: string, headers: Record<string, string> = {}) => {
    const socket = io(app.url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: headers,
    });
    sockets.push(socket);
    return socket;
  };
  const connected = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
  /** Signs in anew: the access token, the refresh cookie header, the user. */
  const signIn = async (user: TestUser, password = user.password) => {
    const res = await app.http.post('/api/auth/login').send({ email: user.email, password }).expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('tolk_refresh='))!
      .split(';')[0];
    return { token: (res.body as LoginResponse).accessToken, cookie };
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app, 'Olga Owner');
    const projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Sikkerhet' }).expect(201))
      .body.id;
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: 'Hei.' })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const client of collabs.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  it('sends security headers; api answers are never cached and may load nothing', async () => {
    const res = await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    expect(res.headers['permissions-policy']).toContain('camera=()');
    // Plain HTTP without a trusted proxy: no HSTS (browsers ignore it there anyway).
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // The OpenAPI page runs its own scripts (and only those): a CSP of its own.
    const docs = await app.http.get('/api/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('keeps CORS closed: no Access-Control-Allow-* for another origin, preflight or not', async () => {
    const preflight = await app.http
      .options('/api/projects')
      .set('Origin', EVIL)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await app.http.get('/api/projects').set('Origin', EVIL).set(bearer(owner)).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const polling = await app.http.get('/socket.io/?EIO=4&transport=polling').set('Origin', EVIL);
    expect(polling.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses cookie-authenticated requests from another site (CSRF), and accepts them from its own pages', async () => {
    const { cookie } = await signIn(owner);
    const host = new URL(app.url).host;
    for (const headers of [
      { Origin: EVIL },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'null' },
    ]) {
      const res = await app.http.post('/api/auth/refresh').set('Cookie', cookie).set(headers).expect(403);
      expect(res.body.message).toMatch(/CSRF/);
      await app.http.post('/api/auth/logout').set('Cookie', cookie).set(headers).expect(403);
    }
    // The session survived those attempts.
    await app.http
      .post('/api/auth/refresh')
      .set('Cookie', cookie)
      .set('Origin', `http://${host}`)
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(200);
    // Without the cookie, an Origin does not matter (bearer tokens are not sent by browsers on their own).
    await app.http
      .post('/api/projects')
      .set('Origin', EVIL)
      .set(bearer(owner))
      .send({ name: 'Fra et skript' })
      .expect(201);
  });

  it('refuses a socket.io connection opened by another site’s page, even with a valid token', async () => {
    const foreign = connectSocket(owner.token, { Origin: EVIL });
    await expect(connected(foreign)).rejects.toThrow();
    const own = connectSocket(owner.token, { Origin: app.url });
    await connected(own);
    const noOrigin = connectSocket(owner.token);
    await connected(noOrigin);
  });

  it('signing out revokes every token and closes the account’s /collab and socket.io connections within a second', async () => {
    const user = await createUser(app, 'Rita Revoked');
    const projectId = (await app.http.post('/api/projects').set(bearer(user)).send({ name: 'Mine' }).expect(201)).body
      .id;
    const doc = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(user))
        .send({ title: 'T', text: 'Hei.' })
        .expect(201)
    ).body.id;
    const session = await signIn(user);
    const collab = connectCollab(app.url, doc, session.token);
    collabs.push(collab);
    await collab.synced;
    const socket = connectSocket(session.token);
    await connected(socket);
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

    const started = Date.now();
    await app.http.post('/api/auth/logout').set('Cookie', session.cookie).expect(204);
    const [closed, reason] = await Promise.all([collab.closed, disconnected]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(closed.code).toBe(4401);
    expect(reason).toBe('io server disconnect');

    // Every token issued before, access and refresh, on every device, is dead.
    for (const token of [session.token, user.token])
      await app.http.get('/api/auth/me').set(bearer({ token })).expect(401);
    await app.http.post('/api/auth/refresh').set('Cookie', session.cookie).expect(401);
    const again = connectCollab(app.url, doc, session.token);
    collabs.push(again);
    expect((await again.closed).code).toBe(4401);
    // A new sign-in works.
    const fresh = await signIn(user);
    await app.http
      .get('/api/auth/me')
      .set(bearer({ token: fresh.token }))
      .expect(200);
  });

  it('a password change ends the other sessions and keeps the caller signed in', async () => {
    const user = await createUser(app, 'Per Passord');
    const other = await signIn(user);
    const socket = connectSocket(other.token);
    await connected(socket);
    const disconnected = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));

    await app.http
      .post('/api/auth/password')
      .set(bearer(user))
      .send({ currentPassword: 'wrong one', newPassword: 'a new long password' })
      .expect(403);
    await app.http
      .post('/api/auth/password')
      .set(bearer(user))
      .send({ currentPassword: user.password, newPassword: 'short' })
      .expect(400);
    await app.http.get('/api/auth/me').set(bearer(other)).expect(200);

    const res = await app.http
      .post('/api/auth/password')
      .set(bearer(user))
      .send({ currentPassword: user.password, newPassword: 'a new long password' })
      .expect(200);
    await disconnected;
    await app.http.get('/api/auth/me').set(bearer(other)).expect(401);
    await app.http.get('/api/auth/me').set(bearer(user)).expect(401);
    await app.http
      .get('/api/auth/me')
      .set(bearer({ token: (res.body as LoginResponse).accessToken }))
      .expect(200);
    await app.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await signIn(user, 'a new long password');

    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ action: string }>(
        `SELECT action FROM audit_entries WHERE actor_id = $1 AND action LIKE 'auth.password%' ORDER BY id`,
        [user.id],
      );
      expect(rows.map((r) => r.action)).toEqual(['auth.password_change_failed', 'auth.password_change']);
    } finally {
      await db.end();
    }
  });
});

describe('hardening: registration rate limit and trusted proxies', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ registrationsPerHour: 3, trustProxy: 'loopback' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('allows a few registrations per address per hour, then answers 429 with Retry-After', async () => {
    const register = (n: number, ip: string) =>
      app.http
        .post('/api/auth/register')
        .set('X-Forwarded-For', ip)
        .send({ email: `r${n}@test.example`, password: 'long enough password', name: `R ${n}` });
    for (const n of [1, 2, 3]) await register(n, '203.0.113.7').expect(201);
    const refused = await register(4, '203.0.113.7').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    await app.http
      .post('/api/auth/login')
      .send({ email: 'r4@test.example', password: 'long enough password' })
      .expect(401);
    // Another address is not affected.
    await register(5, '198.51.100.1').expect(201);
  });

  it('believes the trusted proxy: HSTS over HTTPS, the client address in the audit log', async () => {
    const login = await app.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '192.0.2.44')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Request-Id', 'via-proxy')
      .send({ email: 'r1@test.example', password: 'long enough password' })
      .expect(200);
    expect(login.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(login.headers['set-cookie'])).toMatch(/Secure/);
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ ip: string }>(`SELECT ip FROM audit_entries WHERE request_id = 'via-proxy'`);
      expect(rows).toEqual([{ ip: '192.0.2.44' }]);
    } finally {
      await db.end();
    }
  });
});
