import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from './support/databases.js';
import { type RedisServer, startRedis } from './support/redis-server.js';
import { bearer, createUser, dbQuery, startTestApp, type TestApp } from './support/test-app.js';

describe('authentication hardening', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('limits guessing the current password at POST /api/auth/password, and audits each failure', async () => {
    const user = await createUser(app, 'Gro Gjetter');
    for (let i = 0; i < 5; i++) {
      const res = await app.http
        .post('/api/auth/password')
        .set(bearer(user))
        .send({ currentPassword: `guess number ${i}`, newPassword: 'Fjellvann-Kaffekopp-1987' })
        .expect(403);
      expect(res.body.reason).toBe('wrong_current_password');
    }
    // Now even the right password is refused until the window ends.
    const limited = await app.http
      .post('/api/auth/password')
      .set(bearer(user))
      .send({ currentPassword: user.password, newPassword: 'Fjellvann-Kaffekopp-1987' })
      .expect(429);
    expect(limited.body.reason).toBe('too_many_password_attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const rows = await dbQuery<{ reason: string }>(
      app,
      `SELECT details->>'reason' AS reason FROM audit_entries WHERE action = 'auth.password_change_failed' AND target_id = $1`,
      [user.id],
    );
    expect(rows.map((r) => r.reason).sort()).toEqual(['rate_limited', ...Array<string>(5).fill('wrong_password')]);
    // The password did not change.
    await app.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });

  it('estimates new passwords in a thread of their own: crafted ones cost the event loop nothing', async () => {
    const passwordJobs = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      return Number(/^tolk_parser_seconds_count\{kind="password"\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const before = await passwordJobs();
    // Long l33t-heavy passwords were zxcvbn's slow case (seconds each, on the main thread);
    // the count of estimates the password thread made says where they ran now.
    const crafted = Array.from({ length: 4 }, (_, i) => `p@ssw0rd${i}!`.repeat(6));
    const answers = await Promise.all(
      crafted.map((password, i) =>
        app.http
          .post('/api/auth/register')
          .send({ email: `crafted-${i}-${process.pid}@test.example`, password, name: `Crafted ${i}` }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.reason).toBe('password_too_weak');
    }
    expect((await passwordJobs()) - before).toBe(crafted.length);
  });

  it('refuses weak passwords and passwords holding the e-mail or name, at registration and at a change', async () => {
    const email = `nora.nordmann-${process.pid}@test.example`;
    const register = (password: string) =>
      app.http.post('/api/auth/register').send({ email, password, name: 'Nora Nordmann' });
    expect((await register('aaaaaaaaaa').expect(400)).body.reason).toBe('password_too_weak');
    expect((await register('sommerferie2024').expect(400)).body.reason).toBe('password_too_weak');
    expect((await register(email).expect(400)).body.reason).toBe('password_contains_personal_data');
    expect((await register('Nordmann-Fjord-8812').expect(400)).body.reason).toBe('password_contains_personal_data');
    await app.http.post('/api/auth/login').send({ email, password: 'aaaaaaaaaa' }).expect(401);

    const user = await createUser(app, 'Petter Passord');
    const change = (newPassword: string) =>
      app.http.post('/api/auth/password').set(bearer(user)).send({ currentPassword: user.password, newPassword });
    expect((await change('1234567890').expect(400)).body.reason).toBe('password_too_weak');
    expect((await change(`${user.email}!`).expect(400)).body.reason).toBe('password_contains_personal_data');
    await app.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    await change('Fjellvann-Kaffekopp-1987').expect(200);
    await app.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'Fjellvann-Kaffekopp-1987' })
      .expect(200);
  });

  it('rotates refresh tokens: a token used again after the grace revokes its whole family', async () => {
    const user = await createUser(app, 'Rolf Rotasjon');
    const signIn = async () =>
      cookieOf(
        (await app.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200))
          .headers['set-cookie'],
      );
    const refresh = (cookie: string) => app.http.post('/api/auth/refresh').set('Cookie', cookie);
    const first = await signIn();
    const otherDevice = await signIn();
    const second = cookieOf((await refresh(first).expect(200)).headers['set-cookie']);
    expect(second).not.toBe(first);
    // Two tabs refreshing at once with the same cookie: both get a session.
    const racing = await refresh(first);
    expect(racing.status).toBe(200);
    const third = cookieOf((await refresh(second).expect(200)).headers['set-cookie']);
    // A copy of the first cookie played back later: refused, and the family is gone.
    await new Promise((r) => setTimeout(r, 10_500));
    expect((await refresh(first).expect(401)).body.reason).toBe('session_ended');
    await refresh(third).expect(401);
    // Another sign-in (another family) is not touched.
    await refresh(otherDevice).expect(200);
    const rows = await dbQuery<{ n: number }>(
      app,
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'auth.refresh_reused' AND target_id = $1`,
      [user.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('ignores a client’s X-Request-Id unless it comes from a trusted proxy', async () => {
    const res = await app.http.get('/api/health').set('X-Request-Id', 'chosen-by-client').expect(200);
    expect(res.headers['x-request-id']).not.toBe('chosen-by-client');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const behindProxy = await startTestApp({ trustProxy: 'loopback' });
    try {
      const proxied = await behindProxy.http.get('/api/health').set('X-Request-Id', 'from-the-proxy-1').expect(200);
      expect(proxied.headers['x-request-id']).toBe('from-the-proxy-1');
      // Even a trusted proxy's id is replaced when it does not look like one.
      const odd = await behindProxy.http.get('/api/health').set('X-Request-Id', 'x'.repeat(200)).expect(200);
      expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await behindProxy.close();
    }
  });

  it('serves /api/docs with a Content-Security-Policy that allows only its own scripts', async () => {
    const res = await app.http.get('/api/docs/').redirects(1).expect(200);
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});

describe('rate limits shared by instances through Redis', () => {
  let redis: RedisServer;
  let a: TestApp;
  let b: TestApp;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    const shared = { secret: 'cluster-test-secret-that-is-long-enough-42', redisUrl: redis.url };
    a = await startTestApp(shared, database);
    b = await startTestApp(shared, database);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await redis.stop();
    await database.drop();
  });

  it('counts failed sign-ins of one account on both instances against one limit', async () => {
    const user = await createUser(a, 'Delt Grense');
    const fail = (app: TestApp) =>
      app.http.post('/api/auth/login').send({ email: user.email, password: 'wrong guess' });
    // Five failures in all, spread over the two instances: each alone would allow more.
    for (const app of [a, b, a, b, a]) expect((await fail(app)).status).toBe(401);
    for (const app of [a, b]) {
      const res = await fail(app);
      expect(res.status).toBe(429);
      expect(res.body.reason).toBe('too_many_sign_ins');
    }
    // Even the right password waits, on either instance.
    const right = await b.http.post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(right.status).toBe(429);
  });
});

/** `tolk_refresh=<token>` from a Set-Cookie header. */
function cookieOf(header: string | string[] | undefined): string {
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const cookie = cookies.find((c) => c.startsWith('tolk_refresh='));
  if (!cookie) throw new Error('no tolk_refresh cookie set');
  return cookie.split(';')[0];
}
