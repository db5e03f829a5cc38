import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bearer, createUser, startTestApp, type TestApp } from './support/test-app.js';

describe('accounts: register, login, me, refresh', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('registers a user and never returns the password hash', async () => {
    const res = await app.http
      .post('/api/auth/register')
      .send({ email: '  Kari.Nordmann@Example.org ', password: 'et langt passord', name: 'Kari Nordmann' })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(String), email: 'kari.nordmann@example.org', name: 'Kari Nordmann' });
    expect(JSON.stringify(res.body)).not.toContain('argon2');
  });

  it('stores passwords as argon2id with OWASP parameters (19 MiB, t=2)', async () => {
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE email = 'kari.nordmann@example.org'`,
    );
    await client.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a second account for the same email, whatever its case (409)', async () => {
    const res = await app.http
      .post('/api/auth/register')
      .send({ email: 'KARI.NORDMANN@example.org', password: 'another password', name: 'Kari 2' })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('names each failing field in a 400', async () => {
    const res = await app.http
      .post('/api/auth/register')
      .send({ email: 'not-an-email', password: 'short' })
      .expect(400);
    const messages = (res.body as { message: string[] }).message.join(' | ');
    expect(messages).toContain('email');
    expect(messages).toContain('password');
    expect(messages).toContain('name');
  });

  it('rejects unknown fields rather than ignoring them', async () => {
    const res = await app.http
      .post('/api/auth/register')
      .send({ email: 'x@example.org', password: 'long enough pw', name: 'X', isAdmin: true })
      .expect(400);
    expect((res.body as { message: string[] }).message.join()).toContain('isAdmin');
  });

  it('signs in and answers me with the user', async () => {
    const user = await createUser(app, 'Ola');
    const me = await app.http.get('/api/auth/me').set(bearer(user)).expect(200);
    expect(me.body).toEqual({ id: user.id, email: user.email, name: 'Ola' });
  });

  it('answers 401 to a wrong password and to an unknown email alike', async () => {
    const user = await createUser(app, 'Per');
    const wrong = await app.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'wrong password' })
      .expect(401);
    const unknown = await app.http
      .post('/api/auth/login')
      .send({ email: 'nobody@example.org', password: 'wrong password' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('answers 401 without a token, with a bad token, and with a refresh token used as access token', async () => {
    await app.http.get('/api/auth/me').expect(401);
    await app.http.get('/api/auth/me').set('Authorization', 'Bearer not.a.token').expect(401);
    const user = await createUser(app, 'Refresh');
    const login = await app.http
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const cookie = refreshCookie(login.headers['set-cookie']);
    const refreshToken = decodeURIComponent(cookie.split(';')[0].split('=')[1]);
    await app.http.get('/api/auth/me').set('Authorization', `Bearer ${refreshToken}`).expect(401);
  });

  it('renews the access token from the httpOnly refresh cookie, and logout clears it', async () => {
    const user = await createUser(app, 'Cookie');
    const login = await app.http
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const cookie = refreshCookie(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);

    const refreshed = await app.http.post('/api/auth/refresh').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(refreshed.body.user).toMatchObject({ id: user.id });
    await app.http.get('/api/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

    await app.http.post('/api/auth/refresh').expect(401);
    const logout = await app.http.post('/api/auth/logout').expect(204);
    expect(refreshCookie(logout.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('rate limits repeated failures for one account (429) without blocking other accounts', async () => {
    const victim = await createUser(app, 'Victim');
    const other = await createUser(app, 'Other');
    for (let i = 0; i < 5; i++) {
      await app.http
        .post('/api/auth/login')
        .send({ email: victim.email, password: `guess ${i}` })
        .expect(401);
    }
    const limited = await app.http
      .post('/api/auth/login')
      .send({ email: victim.email, password: victim.password })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ statusCode: 429, message: expect.stringContaining('Too many') });
    await app.http.post('/api/auth/login').send({ email: other.email, password: other.password }).expect(200);
  });

  it('tells the sign-in page whether registration is open', async () => {
    await app.http.get('/api/auth/options').expect(200, { registrationOpen: true, oidc: null });
  });
});

describe('accounts with registration closed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ allowRegistration: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses self-registration with 403 and a message', async () => {
    const res = await app.http
      .post('/api/auth/register')
      .send({ email: 'new@example.org', password: 'long enough pw', name: 'New' })
      .expect(403);
    expect(res.body.message).toMatch(/closed/);
    await app.http.get('/api/auth/options').expect(200, { registrationOpen: false, oidc: null });
  });
});

function refreshCookie(header: string | string[] | undefined): string {
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const cookie = cookies.find((c) => c.startsWith('tolk_refresh='));
  if (!cookie) throw new Error('no tolk_refresh cookie set');
  return cookie;
}
