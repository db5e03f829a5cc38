import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres.js';
import { connectCollab } from './support/collab-client.js';
import { createTestDatabase } from './support/databases.js';
import { exited, startServer } from './support/server-process.js';
import { bearer, createUser, startTestApp, type TestApp } from './support/test-app.js';

/** The value of one sample line of the Prometheus text format, e.g. `name{label="x"} 3`. */
function sample(metrics: string, line: string): number | undefined {
  const found = metrics.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('operations: /metrics and request ids', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('counts live-text commits, connections, documents in memory and responses', async () => {
    const owner = await createUser(app, 'Sara Student');
    const projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Målinger' }).expect(201))
      .body.id;
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: 'Hei.' })
        .expect(201)
    ).body.id;
    const before = (await app.http.get('/metrics').expect(200)).text;
    const client = connectCollab(app.url, documentId, owner.token);
    try {
      await client.synced;
      client.text.insert(0, 'Ja. ');
      client.text.insert(0, 'Nei. ');
      let now = '';
      const stage = (name: string, of: 'count' | 'sum') =>
        sample(now, `tolk_live_stage_seconds_${of}{stage="${name}"}`);
      for (
        let i = 0;
        i < 50 && ((sample(now, 'tolk_update_commit_seconds_count') ?? 0) < 2 || (stage('total', 'count') ?? 0) < 2);
        i++
      ) {
        now = (
          await app.http
            .get('/metrics')
            .expect(200)
            .expect('Content-Type', /text\/plain/)
        ).text;
      }
      expect(sample(now, 'tolk_update_commit_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(sample(now, 'tolk_update_batch_size_sum')).toBeGreaterThanOrEqual(2);
      // Where each edit waited, stage by stage; the stages add up to the whole.
      for (const name of ['validate', 'commit', 'send', 'total']) expect(stage(name, 'count')).toBe(2);
      const parts = stage('validate', 'sum')! + stage('commit', 'sum')! + stage('send', 'sum')!;
      expect(stage('total', 'sum')).toBeCloseTo(parts, 6);
      expect(stage('commit', 'sum')).toBeGreaterThan(0);
      expect(sample(now, 'tolk_collab_connections')).toBe(1);
      expect(sample(now, 'tolk_documents_in_memory')).toBe(1);
      expect(sample(now, 'tolk_http_responses_total{method="POST",status="2xx"}')).toBeGreaterThanOrEqual(
        sample(before, 'tolk_http_responses_total{method="POST",status="2xx"}')!,
      );
      expect(now).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
      // Figures only: no ids or names in any label.
      expect(now).not.toContain(documentId);
      expect(now).not.toContain('Sara');
    } finally {
      client.destroy();
    }
  });

  it('gives every response a request id of its own when no proxy is trusted', async () => {
    const made = await app.http.get('/api/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // Without TOLK_TRUST_PROXY a client's id is not believed (auth-hardening.spec.ts covers a trusted proxy).
    const given = await app.http.get('/api/health').set('X-Request-Id', 'lb-7f3a.42').expect(200);
    expect(given.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('operations: a metrics token, and JSON logs (built server)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('asks for the token and writes one JSON object per log line, with request ids', async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const dataDir = await mkdtemp(join(tmpdir(), 'tolk-ops-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startServer(dataDir, await findFreePort(), {
      DATABASE_URL: database.url,
      TOLK_SECRET: 'operations-test-secret-long-enough-0123',
      TOLK_METRICS_TOKEN: 'scrape-token-0123456789',
      TOLK_LOG_FORMAT: 'json',
      // The test stands where a proxy would: its request ids are kept.
      TOLK_TRUST_PROXY: 'loopback',
    });
    cleanup.push(() => void server.child.kill('SIGKILL'));
    await request(server.url).get('/metrics').expect(401);
    await request(server.url).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    await request(server.url).get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789').expect(200);
    await request(server.url).get('/api/health').set('X-Request-Id', 'probe-1').expect(200);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);

    const logLines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const entries = logLines.map((line) => JSON.parse(line) as { level?: string; message?: unknown; context?: string });
    expect(entries.length).toBeGreaterThan(3);
    const access = entries.find((e) => (e.message as { requestId?: string })?.requestId === 'probe-1');
    expect(access).toMatchObject({
      level: 'log',
      context: 'HTTP',
      message: { method: 'GET', path: '/api/health', status: 200 },
    });
    // The only lines that are not JSON are the start-up banner.
    const other = server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('{'));
    expect(other.every((line) => /Tolk is ready|Database:|API docs:|external|Demo|^\s/.test(line))).toBe(true);
  }, 120_000);
});
