import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres.js';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { exited, startServer } from './support/server-process.js';

/**
 * "An edit that any other client has received is already in PostgreSQL":
 * the built server is killed with SIGKILL the moment a second client has
 * seen an edit, and started again on the same data.
 */
describe('durability of live edits (built server, SIGKILL)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('keeps every edit a peer has received across a SIGKILL', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tolk-durability-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await findFreePort();
    const first = await startServer(dataDir, port);
    cleanup.push(() => void first.child.kill('SIGKILL'));

    const login = await request(first.url)
      .post('/api/auth/login')
      .send({ email: 'student@tolk.example', password: 'tolk-student-demo' })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const [project] = (await request(first.url).get('/api/projects').set(auth).expect(200)).body as { id: string }[];
    const documents = (await request(first.url).get(`/api/projects/${project.id}/documents`).set(auth).expect(200))
      .body as {
      id: string;
    }[];
    const documentId = documents[0].id;

    const clients: CollabClient[] = [];
    cleanup.push(() => clients.forEach((c) => c.destroy()));
    const writer = connectCollab(first.url, documentId, token);
    const reader = connectCollab(first.url, documentId, token);
    clients.push(writer, reader);
    await Promise.all([writer.synced, reader.synced]);

    // A burst of edits; kill the server the instant the reader has the last one.
    for (let i = 0; i < 30; i++) writer.text.insert(0, `[${i}]`);
    writer.text.insert(writer.text.length, '\nSiste setning før krasj.');
    await eventually(() => reader.text.toString().endsWith('Siste setning før krasj.'), 'the reader to see the edits');
    first.child.kill('SIGKILL');
    const seen = reader.text.toString();
    await exited(first.child);
    for (const client of clients) client.provider.disconnect();

    const second = await startServer(dataDir, port);
    cleanup.push(() => void second.child.kill('SIGKILL'));
    const res = await request(second.url).get(`/api/documents/${documentId}`).set(auth).expect(200);
    expect(res.body.text).toBe(seen);

    // And a client that opens it now gets the same text.
    const later = connectCollab(second.url, documentId, token);
    clients.push(later);
    await later.synced;
    expect(later.text.toString()).toBe(seen);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 120_000);
});
