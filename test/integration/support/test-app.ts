import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Invitation, LoginResponse, ProjectRole, User } from '@tolk/contracts';
import { type RunningTolk, startTolk } from '../../../apps/api/src/bootstrap.js';
import type { Settings } from '../../../apps/api/src/config/settings.js';
import { createTestDatabase } from './databases.js';
import { watchErrorReasons } from './reason-watch.js';

export interface TestApp {
  tolk: RunningTolk;
  url: string;
  http: TestAgent;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real api on a free port of 127.0.0.1, on its own fresh database; or,
 * given `shared`, on that database (another instance of a cluster), which
 * it then leaves in place when it closes.
 */
export async function startTestApp(overrides: Partial<Settings> = {}, shared?: { url: string }): Promise<TestApp> {
  const database = shared ? { url: shared.url, drop: async () => undefined } : await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'tolk-test-data-'));
  const tolk = await startTolk(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: database.url,
      dataDir,
      embeddedPgPort: undefined,
      redisUrl: undefined,
      demo: false,
      allowRegistration: true,
      secret: 'test-secret-that-is-long-enough-0123456789',
      metricsToken: undefined,
      logFormat: 'text',
      // Every test registers its users from 127.0.0.1.
      registrationsPerHour: 10_000,
      // Tests invite many members from one owner; the limit itself is tested with its default.
      invitationsPerTenMinutes: 10_000,
      trustProxy: undefined,
      oidc: undefined,
      publicUrl: undefined,
      pseudonymKey: undefined,
      recordingKey: undefined,
      recordingMaxBytes: 300 * 1024 * 1024,
      parser: { threads: 1, timeoutMs: 15_000, heapMb: 256 },
      collabConnectionsPerUser: 20,
      accessTokenSeconds: 15 * 60,
      ...overrides,
    },
    { logLevels: ['error', 'fatal'] },
  );
  const reasonless = watchErrorReasons(tolk.app.getHttpServer());
  return {
    tolk,
    url: tolk.url,
    http: request(tolk.url),
    databaseUrl: database.url,
    async close() {
      await tolk.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
      // Every error answer this file provoked must have carried a catalogued reason.
      const problems = reasonless();
      if (problems.length > 0) throw new Error(`error answers without a catalogued reason:\n${problems.join('\n')}`);
    },
  };
}

export interface TestUser extends User {
  token: string;
  password: string;
}

let counter = 0;

/** Registers and signs in a new user; the email is unique per call. */
export async function createUser(app: TestApp, name = 'User'): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${process.pid}-${++counter}@test.example`;
  const password = 'correct horse battery';
  await app.http.post('/api/auth/register').send({ email, password, name }).expect(201);
  const login = await app.http.post('/api/auth/login').send({ email, password }).expect(200);
  const body = login.body as LoginResponse;
  return { ...body.user, token: body.accessToken, password };
}

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

type BodyParser = Parameters<ReturnType<TestApp['http']['get']>['parse']>[0];

/** supertest `.buffer(true).parse(binaryBody)`: a binary answer (zip, xlsx, docx) as a Buffer. */
export const binaryBody: BodyParser = (res, done) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Rows from the app's database, for checks the api does not show. */
export async function dbQuery<T>(app: TestApp, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/**
 * How someone joins a project: the owner invites their email and they accept
 * (docs/api.md, invitations). Resolves once they are a member.
 */
export async function addMember(
  app: Pick<TestApp, 'http'>,
  owner: { token: string },
  projectId: string,
  user: { token: string; email: string },
  role: ProjectRole,
): Promise<void> {
  await app.http
    .post(`/api/projects/${projectId}/invitations`)
    .set(bearer(owner))
    .send({ email: user.email, role })
    .expect(202);
  const invitations = (await app.http.get('/api/invitations').set(bearer(user)).expect(200)).body as Invitation[];
  const invitation = invitations.find((i) => i.projectId === projectId);
  if (!invitation) throw new Error(`no invitation to ${projectId} for ${user.email}`);
  await app.http.post(`/api/invitations/${invitation.id}/accept`).set(bearer(user)).expect(200);
}
