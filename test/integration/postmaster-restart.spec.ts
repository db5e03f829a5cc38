import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { findFreePort, identify, isSameProcess } from '../../apps/api/src/database/embedded-postgres.js';
import { connectCollab, eventually } from './support/collab-client.js';
import { exited, startServer } from './support/server-process.js';

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/**
 * Only the embedded PostgreSQL's postmaster is killed (the OOM killer's
 * choice) while two stock Yjs clients type: the api starts it again by itself,
 * is healthy within 5 s, and every edit a peer saw is in PostgreSQL.
 */
describe('the embedded PostgreSQL heals itself', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('restarts a killed postmaster while editors type, losing nothing a peer saw', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tolk-postmaster-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startServer(dataDir, await findFreePort());
    cleanup.push(async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await exited(server.child);
      }
    });

    const login = await request(server.url)
      .post('/api/auth/login')
      .send({ email: 'student@tolk.example', password: 'tolk-student-demo' })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const projectId = (
      (await request(server.url).post('/api/projects').set(auth).send({ name: 'P' }).expect(201)).body as { id: string }
    ).id;
    const documentId = (
      (
        await request(server.url)
          .post(`/api/projects/${projectId}/documents`)
          .set(auth)
          .send({ title: 'Informant 1', text: '' })
          .expect(201)
      ).body as { id: string }
    ).id;

    const writer = connectCollab(server.url, documentId, token);
    const peer = connectCollab(server.url, documentId, token);
    cleanup.push(() => {
      writer.destroy();
      peer.destroy();
      return Promise.resolve();
    });
    await Promise.all([writer.synced, peer.synced]);

    // Type a word every 20 ms through the whole outage.
    const typing = { on: true };
    let words = 0;
    const typist = (async () => {
      while (typing.on) {
        writer.text.insert(writer.text.length, `o${words++} `);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await eventually(() => peer.text.length > 40, 'the peer to see the first words', 10_000);
    const before = identify(postmasterPid(dataDir));
    process.kill(before.pid, 'SIGKILL');
    const killedAt = Date.now();

    // Healthy again without anyone restarting the api.
    let healthyAfterMs = -1;
    while (Date.now() - killedAt < 15_000) {
      const health = await request(server.url)
        .get('/api/health')
        .timeout(2_000)
        .catch(() => undefined);
      if (health?.status === 200) {
        healthyAfterMs = Date.now() - killedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(server.child.exitCode).toBeNull();
    // The target is 5 s on a quiet machine (bench:restart measures it); the
    // test allows twice that because CI runs other suites beside it.
    if (healthyAfterMs < 0 || healthyAfterMs > 10_000)
      throw new Error(`not healthy within 10 s (${healthyAfterMs} ms); the server said:\n${server.output()}`);
    // Not the same process (its id may already be another's on a busy machine: ids wrap at 32,768).
    expect(isSameProcess(before)).toBe(false);
    expect(identify(postmasterPid(dataDir))).not.toEqual(before);

    await new Promise((r) => setTimeout(r, 500));
    typing.on = false;
    await typist;
    const finalText = writer.text.toString();
    await eventually(() => peer.text.toString() === finalText, 'the peer to catch up with every word', 15_000);

    // What the peer saw is what PostgreSQL holds.
    const stored = await request(server.url).get(`/api/documents/${documentId}`).set(auth).expect(200);
    expect((stored.body as { text: string }).text).toBe(peer.text.toString());
    expect(finalText.split(' ').filter(Boolean)).toHaveLength(words);
    const databaseUrl = readFileSync(join(dataDir, 'database-url'), 'utf8').trim();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM projects WHERE id = $1', [
        projectId,
      ]);
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      await client.end();
    }
  }, 90_000);
});
