import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres.js';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { createTestDatabase } from './support/databases.js';
import { startRedis } from './support/redis-server.js';
import { exited, type ServerProcess, startServer } from './support/server-process.js';

/**
 * Two built api instances (separate processes) on one PostgreSQL and a real
 * redis-server. One is killed with SIGKILL the moment a client on the other
 * has seen an edit made on it: nothing that client saw may be lost, and the
 * editor carries on against the surviving instance.
 */
describe('an api instance killed in a cluster (built server, SIGKILL)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  const start = async (env: Record<string, string>): Promise<ServerProcess> => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tolk-cluster-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startServer(dataDir, await findFreePort(), env);
    cleanup.push(() => void server.child.kill('SIGKILL'));
    return server;
  };

  it('loses nothing a client on the other instance has seen, and the editor carries on there', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      TOLK_SECRET: 'failover-test-secret-that-is-long-enough',
      TOLK_DEMO: '1',
    };
    const doomed = await start(env);
    const survivor = await start(env);

    const login = await request(survivor.url)
      .post('/api/auth/login')
      .send({ email: 'student@tolk.example', password: 'tolk-student-demo' })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const [project] = (await request(survivor.url).get('/api/projects').set(auth).expect(200)).body as { id: string }[];
    const [document] = (await request(survivor.url).get(`/api/projects/${project.id}/documents`).set(auth).expect(200))
      .body as { id: string }[];
    const documentId = document.id;

    const clients: CollabClient[] = [];
    cleanup.push(() => clients.forEach((c) => c.destroy()));
    const editor = connectCollab(doomed.url, documentId, token);
    const reader = connectCollab(survivor.url, documentId, token);
    clients.push(editor, reader);
    await Promise.all([editor.synced, reader.synced]);

    for (let i = 0; i < 30; i++) editor.text.insert(0, `[${i}]`);
    editor.text.insert(editor.text.length, '\nSiste setning før krasj.');
    await eventually(
      () => reader.text.toString().endsWith('Siste setning før krasj.'),
      'the reader on the other instance to see the edits',
    );
    doomed.child.kill('SIGKILL');
    const seen = reader.text.toString();
    await exited(doomed.child);

    // Typed while the editor's instance is gone: kept by the editor's client.
    editor.text.insert(editor.text.length, ' Skrevet i bruddet.');
    // Its connection comes back through the load balancer, to the survivor.
    editor.provider.destroy();
    const again = new WebsocketProvider(`${survivor.url.replace(/^http/, 'ws')}/collab`, documentId, editor.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    cleanup.push(() => again.destroy());
    await eventually(
      () => reader.text.toString().endsWith('Skrevet i bruddet.'),
      'the editor’s offline edit to reach the reader',
      10_000,
    );

    const stored = (await request(survivor.url).get(`/api/documents/${documentId}`).set(auth).expect(200)).body
      .text as string;
    expect(stored).toBe(`${seen} Skrevet i bruddet.`);
    expect(editor.text.toString()).toBe(stored);
    survivor.child.kill('SIGTERM');
    expect(await exited(survivor.child)).toBe(0);
  }, 120_000);
});
