import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ApiError,
  type ClientToServerEvents,
  ERROR_REASONS,
  type ErrorReason,
  type JoinAck,
  type ServerToClientEvents,
} from '@tolk/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

/**
 * One answer of each error status, each with the reason a client translates
 * (`startTestApp` also checks every error answer of every spec file for a
 * catalogued reason; this file makes sure each status class is provoked).
 */
describe('error answers carry a stable reason', () => {
  let app: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let projectId: string;

  beforeAll(async () => {
    app = await startTestApp();
    [owner, viewer, stranger] = [await createUser(app, 'Eier'), await createUser(app, 'Leser'), await createUser(app)];
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Feltarbeid' }).expect(201)).body
      .id as string;
    await addMember(app, owner, projectId, viewer, 'viewer');
  });
  afterAll(async () => {
    await app.close();
  });

  /** The body of an error answer: its reason is catalogued for this very status, and mirrored in details. */
  const reasonOf = (res: Response, status: number): ErrorReason => {
    const body = res.body as ApiError;
    expect(res.status).toBe(status);
    expect(body.statusCode).toBe(status);
    expect(Object.keys(ERROR_REASONS)).toContain(body.reason);
    expect(ERROR_REASONS[body.reason!]).toBe(status);
    expect(body.details?.reason).toBe(body.reason);
    return body.reason!;
  };

  it('400: a field that fails validation, named in params', async () => {
    const res = await app.http.post('/api/projects').set(bearer(owner)).send({ name: '', colour: 'red' });
    expect(reasonOf(res, 400)).toBe('invalid_input');
    expect(res.body.params.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', rules: ['minLength'] },
        { field: 'colour', rules: ['whitelistValidation'] },
      ]),
    );
    // The message stays NestJS's list of sentences, one per failing rule.
    expect(Array.isArray(res.body.message)).toBe(true);
  });

  it('400: a rule of the domain, with its own reason', async () => {
    const res = await app.http
      .post(`/api/projects/${projectId}/deadlines`)
      .set(bearer(owner))
      .send({ name: 'Innlevering', dueAt: '2001-01-01T00:00:00Z' });
    expect(reasonOf(res, 400)).toBe('deadline_in_past');
  });

  it('400: a body that is not JSON', async () => {
    const res = await app.http
      .post('/api/projects')
      .set(bearer(owner))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(reasonOf(res, 400)).toBe('invalid_json');
  });

  it('401: no token, and wrong credentials', async () => {
    expect(reasonOf(await app.http.get('/api/projects'), 401)).toBe('unauthenticated');
    const login = await app.http.post('/api/auth/login').send({ email: stranger.email, password: 'not it at all' });
    expect(reasonOf(login, 401)).toBe('wrong_credentials');
  });

  it('403: a role that may not, with the role in params', async () => {
    const res = await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(viewer)).send({ name: 'Tillit' });
    expect(reasonOf(res, 403)).toBe('role_forbidden');
    expect(res.body.params).toEqual({ role: 'viewer' });
  });

  it('403: a cross-site request carrying the session cookie', async () => {
    const res = await app.http
      .post('/api/auth/logout')
      .set('Cookie', 'tolk_refresh=x')
      .set('Sec-Fetch-Site', 'cross-site');
    expect(reasonOf(res, 403)).toBe('cross_site_request');
  });

  it('404: alike for a missing project, a foreign one and an unknown route', async () => {
    const foreign = await app.http.get(`/api/projects/${projectId}`).set(bearer(stranger));
    const missing = await app.http.get(`/api/projects/${randomUUID()}`).set(bearer(stranger));
    expect(reasonOf(foreign, 404)).toBe('not_found');
    expect(foreign.body).toEqual(missing.body);
    expect(reasonOf(await app.http.get('/api/no-such-route').set(bearer(owner)), 404)).toBe('not_found');
  });

  it('405: snapshots cannot be changed', async () => {
    const res = await app.http.delete(`/api/snapshots/${randomUUID()}`).set(bearer(owner));
    expect(reasonOf(res, 405)).toBe('snapshot_immutable');
  });

  it('409: a duplicate code name, with the name in params', async () => {
    await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tillit' }).expect(201);
    const res = await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'tillit' });
    expect(reasonOf(res, 409)).toBe('duplicate_name');
    expect(res.body.params).toEqual({ name: 'tillit' });
  });

  it('413: a body over the server limit, and a transcript over its limit', async () => {
    const huge = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .send({ title: 'Stor', text: 'x'.repeat(7 * 1024 * 1024) });
    expect(reasonOf(huge, 413)).toBe('body_too_large');
    const large = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .send({ title: 'Stor', text: 'x'.repeat(2 * 1024 * 1024 + 1) });
    expect(reasonOf(large, 413)).toBe('text_too_large');
    expect(large.body.params).toEqual({ maxBytes: 2 * 1024 * 1024 });
  });

  it('415: a file type that cannot be imported, listing those that can', async () => {
    const res = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .attach('file', Buffer.from('%PDF-1.4'), { filename: 'intervju.pdf', contentType: 'application/pdf' });
    expect(reasonOf(res, 415)).toBe('unsupported_file_type');
    expect(res.body.params.accepted).toEqual(expect.arrayContaining(['.txt', '.docx']));
  });

  it('429: too many failed sign-ins, with the wait in params and Retry-After', async () => {
    const victim = await createUser(app, 'Offer');
    for (let i = 0; i < 5; i++)
      await app.http
        .post('/api/auth/login')
        .send({ email: victim.email, password: `gjett ${i}` })
        .expect(401);
    const res = await app.http.post('/api/auth/login').send({ email: victim.email, password: victim.password });
    expect(reasonOf(res, 429)).toBe('too_many_sign_ins');
    expect(res.body.params.seconds).toBe(Number(res.headers['retry-after']));
  });

  it('socket.io: a refused join acknowledges with a reason, a refused connection says why', async () => {
    const connect = (token: string) =>
      io(app.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false }) as Socket<
        ServerToClientEvents,
        ClientToServerEvents
      >;
    const socket = connect(stranger.token);
    try {
      const ack = await new Promise<JoinAck>((resolve) => socket.emit('project:join', { projectId }, resolve));
      expect(ack).toEqual({ error: 'Project not found', reason: 'not_found' });
    } finally {
      socket.disconnect();
    }
    const refused = connect('not-a-token');
    try {
      const error = await new Promise<Error & { data?: unknown }>((resolve) => refused.on('connect_error', resolve));
      expect(error.data).toEqual({ reason: 'unauthenticated' });
    } finally {
      refused.disconnect();
    }
  });
});
