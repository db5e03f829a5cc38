import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage, AuthOptions, LoginResponse } from '@tolk/contracts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import pg from 'pg';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/** The people the provider knows, by login name. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  kari: { email: '', email_verified: true, name: 'Kari fra Feide' },
  nils: { email: 'nils.ny@uni.example', email_verified: true, name: 'Nils Ny' },
  ulla: { email: 'ulla@uni.example', email_verified: false, name: 'Ulla Uverifisert' },
};

/** A browser's cookie jar, enough for two origins on 127.0.0.1 (cookies ignore the port, as browsers' do). */
class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: this.header() },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.trim().split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

describe('OpenID Connect sign-in against a real provider (oidc-provider) on 127.0.0.1', () => {
  let providerServer: Server;
  let issuer: string;
  let app: TestApp;
  let kari: TestUser;

  /** Goes through the whole dance as a browser would: Tolk → provider login and consent → Tolk. Returns where Tolk lands the browser. */
  const signIn = async (login: string, returnTo = '/projects', browser = new Browser()) => {
    let url = `${app.url}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      const res = await browser.fetch(url, init);
      init = {};
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        if (url.startsWith(app.url) && !url.includes('/api/auth/oidc/'))
          return { landing: url.slice(app.url.length), browser };
        continue;
      }
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (res.status !== 200 || !prompt) throw new Error(`unexpected ${res.status} at ${url}: ${html.slice(0, 300)}`);
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      init = {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      };
    }
    throw new Error('too many redirects');
  };
  /** What the web client does on arrival: renew the access token with the refresh cookie. */
  const session = async (browser: Browser) => {
    const cookie = browser.cookie('tolk_refresh');
    expect(cookie).toBeDefined();
    return (await app.http.post('/api/auth/refresh').set('Cookie', `tolk_refresh=${cookie}`).expect(200))
      .body as LoginResponse;
  };

  // oidc-provider announces its development defaults (in-memory store, dev keys and forms) at length.
  const quiet =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (!String(args[0]).startsWith('oidc-provider')) original(...args);
    };
  const { warn, info } = console;
  console.warn = quiet(warn);
  console.info = quiet(info);

  beforeAll(async () => {
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
    providerServer = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;

    app = await startTestApp({
      oidc: { issuer, clientId: 'tolk', clientSecret: 'tolk-client-secret-for-tests', name: 'Feide' },
    });
    kari = await createUser(app, 'Kari Koder');
    ACCOUNTS.kari.email = kari.email.toUpperCase();

    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'tolk',
          client_secret: 'tolk-client-secret-for-tests',
          redirect_uris: [`${app.url}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      cookies: { keys: ['oidc-provider-test-cookie-key'] },
      pkce: { required: () => true },
      async findAccount(_ctx: unknown, sub: string) {
        const account = ACCOUNTS[sub];
        return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
      },
    });
    const callback = provider.callback();
    handle = (req, res) => void callback(req, res);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => providerServer.close(resolve));
    console.warn = warn;
    console.info = info;
  });

  it('offers the provider on the sign-in page', async () => {
    const options = (await app.http.get('/api/auth/options').expect(200)).body as AuthOptions;
    expect(options.oidc).toEqual({ name: 'Feide' });
  });

  it('links an existing account by verified email (whatever its case) and starts a session there', async () => {
    const { landing, browser } = await signIn('kari', '/projects/some-project');
    expect(landing).toBe('/projects/some-project');
    const login = await session(browser);
    expect(login.user).toEqual({ id: kari.id, email: kari.email, name: 'Kari Koder' });
    await app.http
      .get('/api/auth/me')
      .set(bearer({ token: login.accessToken }))
      .expect(200);
  });

  it('creates an account on first sign-in when registration is open; it has no password', async () => {
    const { landing, browser } = await signIn('nils');
    expect(landing).toBe('/projects');
    const login = await session(browser);
    expect(login.user).toMatchObject({ email: 'nils.ny@uni.example', name: 'Nils Ny' });
    for (const password of ['!oidc', '', 'any']) {
      await app.http
        .post('/api/auth/login')
        .send({ email: 'nils.ny@uni.example', password: password || 'x' })
        .expect(401);
    }
    // Signing in again finds the same account.
    const again = await session((await signIn('nils')).browser);
    expect(again.user.id).toBe(login.user.id);
  });

  it('refuses an email the provider has not verified, and records it', async () => {
    const { landing, browser } = await signIn('ulla');
    expect(landing).toBe('/login?oidc=unverified');
    expect(browser.cookie('tolk_refresh')).toBeUndefined();
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      expect((await db.query(`SELECT id FROM users WHERE email = 'ulla@uni.example'`)).rows).toEqual([]);
      const { rows } = await db.query(
        `SELECT details FROM audit_entries WHERE action = 'auth.login_failed' AND details ->> 'method' = 'oidc'`,
      );
      expect(rows).toEqual([{ details: { method: 'oidc', reason: 'unverified' } }]);
      const logins = await db.query(`SELECT details FROM audit_entries WHERE action = 'auth.login' AND actor_id = $1`, [
        kari.id,
      ]);
      expect(logins.rows).toContainEqual({ details: { method: 'oidc' } });
    } finally {
      await db.end();
    }
  });

  it('refuses a callback this browser did not start (login CSRF), a tampered state, and a foreign return address', async () => {
    const forged = await fetch(`${app.url}/api/auth/oidc/callback?code=stolen&state=whatever`, { redirect: 'manual' });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/login?oidc=failed');
    expect(
      forged.headers.getSetCookie().some((c) => c.startsWith('tolk_refresh=') && !c.startsWith('tolk_refresh=;')),
    ).toBe(false);

    const browser = new Browser();
    const start = await browser.fetch(`${app.url}/api/auth/oidc/start`);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const tampered = await browser.fetch(`${app.url}/api/auth/oidc/callback?code=x&state=not-the-state`);
    expect(tampered.headers.get('location')).toBe('/login?oidc=failed');

    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      expect((await signIn('kari', returnTo)).landing).toBe('/projects');
    }
  });

  it('is absent when not configured', async () => {
    const plain = await startTestApp();
    try {
      expect(((await plain.http.get('/api/auth/options').expect(200)).body as AuthOptions).oidc).toBeNull();
      await plain.http.get('/api/auth/oidc/start').expect(404);
    } finally {
      await plain.close();
    }
  });

  it('leaves the audit log of projects alone (sign-ins belong to no project)', async () => {
    const login = await session((await signIn('kari')).browser);
    const projectId = (
      await app.http
        .post('/api/projects')
        .set(bearer({ token: login.accessToken }))
        .send({ name: 'P' })
        .expect(201)
    ).body.id;
    const page = (
      await app.http
        .get(`/api/projects/${projectId}/audit`)
        .set(bearer({ token: login.accessToken }))
        .expect(200)
    ).body as AuditPage;
    expect(page.entries.map((e) => e.action)).toEqual(['project.create']);
  });
});
