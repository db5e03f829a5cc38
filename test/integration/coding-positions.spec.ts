import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Coding } from '@tolk/contracts';
import * as Y from 'yjs';
import { CodingPositions } from '../../apps/api/src/codings/coding-positions.service.js';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { createTestDatabase } from './support/databases.js';
import { type RedisServer, startRedis } from './support/redis-server.js';
import {
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

const WORDS = 'jeg syntes samarbeidet med veilederen var viktig men kommunen ga oss lite tid og ansvar'.split(' ');
/** About 2,000 words of interview. */
const TEXT = Array.from({ length: 2_000 }, (_, i) => WORDS[(i * 7) % WORDS.length]).join(' ');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue #20: coding offsets under continuous typing. Two api instances on
 * one PostgreSQL with Redis; stock Yjs clients type on both while the
 * codings are re-resolved from every side at once (the instances' timers,
 * REST reads on both, explicit refreshes on both, a resize). No refresh may
 * deadlock or fail, and afterwards every coding covers its words.
 */
describe('coding positions while people type (two instances)', () => {
  let redis: RedisServer;
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  const clients: CollabClient[] = [];
  const logged: string[] = [];
  const writeStderr = process.stderr.write.bind(process.stderr);

  beforeAll(async () => {
    // What the instances log (errors only in tests) is checked for deadlocks and failed refreshes.
    process.stderr.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return writeStderr(chunk, ...rest);
    };
    redis = await startRedis();
    database = await createTestDatabase();
    const shared = { secret: 'positions-test-secret-that-is-long-enough-42', redisUrl: redis.url };
    a = await startTestApp(shared, database);
    b = await startTestApp(shared, database);
    [owner, coder] = await Promise.all([createUser(a, 'Sara Student'), createUser(a, 'Kari Koder')]);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    // beforeAll may have failed before assigning them all.
    /* eslint-disable @typescript-eslint/no-unnecessary-condition */
    await a?.close();
    await b?.close();
    await database?.drop();
    await redis?.stop();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    process.stderr.write = writeStderr;
  });

  it('keeps one refresher per document, never deadlocks, and leaves every coding on its words', async () => {
    const projectId = (await a.http.post('/api/projects').set(bearer(owner)).send({ name: 'Posisjoner' }).expect(201))
      .body.id as string;
    await addMember(a, owner, projectId, coder, 'coder');
    const documentId = (
      await a.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 7', text: TEXT })
        .expect(201)
    ).body.id as string;
    const codeId = (
      await a.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Samarbeid' }).expect(201)
    ).body.id as string;

    // 120 overlapping codings over the whole text.
    const codings: Coding[] = [];
    for (let batch = 0; batch < 24; batch++) {
      codings.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, async (_, j) => {
            const k = batch * 5 + j;
            const start = Math.floor((k / 120) * (TEXT.length - 400)) + (k % 7);
            const response = await a.http
              .post(`/api/documents/${documentId}/codings`)
              .set(bearer(k % 2 ? coder : owner))
              .send({ codeId, start, end: start + 60 + ((k * 37) % 300) })
              .expect(201);
            return response.body as Coding;
          }),
        )),
      );
    }
    const [{ deadlocks: deadlocksBefore }] = await dbQuery<{ deadlocks: number }>(
      a,
      'SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()',
    );

    const onA = connectCollab(a.url, documentId, owner.token);
    const onB = connectCollab(b.url, documentId, coder.token);
    clients.push(onA, onB);
    await Promise.all([onA.synced, onB.synced]);
    // The owner types inside a coding in the middle, the coder near the start: both move most codings.
    const middle = codings[60];
    const typedAt = [Math.floor((middle.start + middle.end) / 2), 500];

    let typing = true;
    const typed = [0, 0];
    const type = async (client: CollabClient, at: number, letter: string, who: number) => {
      // The cursor is a Yjs position: it moves with what the other typist inserts before it.
      let cursor = Y.createRelativePositionFromTypeIndex(client.text, at);
      while (typing) {
        const index = Y.createAbsolutePositionFromRelativePosition(cursor, client.doc)!.index;
        client.text.insert(index, letter);
        typed[who] += 1;
        cursor = Y.createRelativePositionFromTypeIndex(client.text, index + 1);
        await sleep(25);
      }
    };
    const positionsOf = (app: TestApp) => app.tolk.app.get(CodingPositions);
    const failures: string[] = [];
    const hammer = async (what: string, work: () => Promise<unknown>) => {
      while (typing) {
        await work().catch((error: unknown) => failures.push(`${what}: ${String(error)}`));
        await sleep(20);
      }
    };
    const resized = codings[0]; // before both typists: its offsets stay valid
    let version = resized.version;
    const done = Promise.all([
      type(onA, typedAt[0], 'a', 0),
      type(onB, typedAt[1], 'b', 1),
      hammer('read on A', () => a.http.get(`/api/documents/${documentId}/codings`).set(bearer(owner)).expect(200)),
      hammer('read on B', () => b.http.get(`/api/documents/${documentId}/codings`).set(bearer(coder)).expect(200)),
      hammer('refresh on A', () => positionsOf(a).refreshNow(documentId)),
      hammer('refresh on B', () => positionsOf(b).refreshNow(documentId)),
      hammer('analysis on B', () => b.http.get(`/api/projects/${projectId}/segments`).set(bearer(owner)).expect(200)),
      hammer('resize on A', async () => {
        const response = await a.http
          .patch(`/api/codings/${resized.id}`)
          .set(bearer(owner))
          .send({ version, end: resized.end + (version % 2) });
        if (response.status !== 200) throw new Error(`resize → ${response.status} ${JSON.stringify(response.body)}`);
        version = (response.body as Coding).version;
      }),
    ]);
    await sleep(5_000);
    // At least 100 keys each, however busy the machine.
    await eventually(() => typed[0] >= 100 && typed[1] >= 100, '100 keys from each typist', 60_000);
    typing = false;
    await done;

    await eventually(() => onA.text.toString() === onB.text.toString(), 'both clients to converge', 10_000);
    const text = onA.text.toString();
    expect(text.length).toBe(TEXT.length + typed[0] + typed[1]);
    // Both instances' copies have every update before the reads below.
    for (const app of [a, b]) {
      let served = '';
      for (let tries = 0; tries < 50 && served !== text; tries++) {
        if (tries > 0) await sleep(100);
        served = (
          (await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body as {
            text: string;
          }
        ).text;
      }
      expect(served).toBe(text);
    }

    expect(failures).toEqual([]);
    const problems = logged.filter((line) => /deadlock|Could not re-resolve/i.test(line));
    expect(problems).toEqual([]);
    const [{ deadlocks }] = await dbQuery<{ deadlocks: number }>(
      a,
      'SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()',
    );
    expect(deadlocks - deadlocksBefore).toBe(0);

    // Every coding covers its words, as both instances list them and as stored.
    const original = new Map(codings.map((c) => [c.id, c]));
    const typedInside = (c: Coding) => typedAt.some((at) => c.start <= at && at <= c.end);
    for (const app of [a, b]) {
      const listed = (await app.http.get(`/api/documents/${documentId}/codings`).set(bearer(owner)).expect(200))
        .body as Coding[];
      expect(listed).toHaveLength(codings.length);
      for (const coding of listed) {
        expect(text.slice(coding.start, coding.end)).toBe(coding.quote);
        const before = original.get(coding.id)!;
        if (coding.id !== resized.id && !typedInside(before)) expect(coding.quote).toBe(before.quote);
      }
    }
    const stored = await dbQuery<{ start: number; end: number; quote: string }>(
      a,
      'SELECT start, "end", quote FROM codings WHERE document_id = $1',
      [documentId],
    );
    for (const row of stored) expect(text.slice(row.start, row.end)).toBe(row.quote);
    // The owner typed inside this coding: it grew by exactly what was typed there.
    const grown = stored.find((row) => row.quote.includes('aaaa'));
    expect(grown).toBeDefined();

    // Refreshes were counted, and none failed.
    for (const app of [a, b]) {
      const metrics = (await app.http.get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/^tolk_coding_refresh_failures_total 0$/m);
      expect(Number(/^tolk_coding_refresh_seconds_count (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    }
  }, 240_000);
});
