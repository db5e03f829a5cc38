import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COLLAB_CLOSE } from '@tolk/contracts';
import { type CollabClient, connectCollab, eventually, rawSocket } from './support/collab-client.js';
import { createTestDatabase } from './support/databases.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * PostgreSQL unreachable for a while (the network to it cut by a relay):
 * connected editors keep their edits, nothing uncommitted reaches anyone
 * else, new sessions are refused with a clear answer, and the backlog is
 * stored and delivered once the database is back.
 */
describe('PostgreSQL unreachable for a while', () => {
  let database: { url: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let app: TestApp;
  let owner: TestUser;
  let documentId: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await startTcpProxy([Number(direct.port)]);
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    app = await startTestApp({}, { url: viaProxy.toString() });
    owner = await createUser(app, 'Sara Student');
    const projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Brudd' }).expect(201)).body
      .id;
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 4', text: 'Start.' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    proxy.restore();
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('keeps editors working, refuses new sessions clearly, and stores the backlog when it returns', async () => {
    const editor = connectCollab(app.url, documentId, owner.token);
    const peer = connectCollab(app.url, documentId, owner.token);
    clients.push(editor, peer);
    await Promise.all([editor.synced, peer.synced]);

    proxy.cut();
    editor.text.insert(editor.text.length, ' Skrevet mens databasen var borte.');
    // Not committed, so not forwarded: the peer must not see it yet.
    await new Promise((r) => setTimeout(r, 700));
    expect(peer.text.toString()).toBe('Start.');
    expect(editor.text.toString()).toBe('Start. Skrevet mens databasen var borte.');

    const health = await app.http.get('/api/health');
    expect(health.status).toBe(503);
    const list = await app.http.get('/api/projects').set(bearer(owner));
    expect(list.status).toBe(503);
    expect(list.body.message).toMatch(/database is unreachable/);
    const newcomer = await rawSocket(app.url, documentId, owner.token);
    expect(await newcomer.closed).toBe(COLLAB_CLOSE.tryAgainLater);

    proxy.restore();
    await eventually(
      () => peer.text.toString() === 'Start. Skrevet mens databasen var borte.',
      'the backlog to be stored and forwarded',
      15_000,
    );
    const stored = await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200);
    expect(stored.body.text).toBe('Start. Skrevet mens databasen var borte.');
    await app.http.get('/api/health').expect(200);
  }, 60_000);
});
