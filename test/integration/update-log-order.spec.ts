import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import * as Y from 'yjs';
import { UpdateLogRepository } from '../../apps/api/src/documents/update-log.repository.js';
import { CONTENT, docFromUpdates, initialState, textOf } from '../../apps/api/src/documents/yjs-text.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * The update log's ids are drawn when a row is inserted, not when it commits:
 * two writers (two connections, as two instances writing one transcript) can
 * commit id n+1 before id n. Compaction folds the log into the merged state up
 * to a watermark and never looks below it again, so it must never pass an id
 * that is still in flight. These tests interleave two connections on the real
 * PostgreSQL to show the hazard and that `committedHorizon` closes it.
 */
describe('update log: commit order and the compaction watermark', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: string;
  let log: UpdateLogRepository;
  let other: pg.Client;
  const merge = (state: Uint8Array, updates: Uint8Array[]) => Y.mergeUpdates([state, ...updates]);

  beforeAll(async () => {
    app = await startTestApp();
    log = app.tolk.app.get(UpdateLogRepository);
    owner = await createUser(app, 'Sara Student');
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Rekkefølge' }).expect(201)).body
      .id;
    other = new pg.Client({ connectionString: app.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await app.close();
  });

  /** A fresh transcript, its merged state created, and two independent edits of it. */
  async function transcriptWithTwoEdits() {
    const id = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: 'Hei.' })
        .expect(201)
    ).body.id as string;
    const stored = (await log.read(id, initialState))!;
    const edit = (words: string) => {
      const doc = docFromUpdates([stored.state, ...stored.updates]);
      const before = Y.encodeStateVector(doc);
      doc.getText(CONTENT).insert(0, words);
      return Y.encodeStateAsUpdate(doc, before);
    };
    return { id, first: edit('Første. '), second: edit('Andre. ') };
  }

  /** Begins a transaction on the other connection that inserts a row and leaves it uncommitted. */
  async function insertInFlight(documentId: string, update: Uint8Array): Promise<bigint> {
    await other.query('BEGIN');
    const { rows } = await other.query<{ id: string }>(
      'INSERT INTO document_updates (document_id, "update") VALUES ($1, $2) RETURNING id',
      [documentId, Buffer.from(update)],
    );
    return BigInt(rows[0].id);
  }

  async function storedText(documentId: string): Promise<string> {
    const stored = (await log.read(documentId, initialState))!;
    return textOf(docFromUpdates([stored.state, ...stored.updates]));
  }

  it('shows the hazard: ids can commit out of order, and a watermark past an id in flight loses it', async () => {
    const { id, first, second } = await transcriptWithTwoEdits();
    const early = await insertInFlight(id, first);
    await log.insertBatch([{ documentId: id, update: second, userId: owner.id }], 0); // drawn later, committed first
    const { rows } = await other.query<{ max: string }>(
      'SELECT max(id)::text AS max FROM document_updates WHERE document_id = $1',
      [id],
    );
    expect(BigInt(rows[0].max)).toBeGreaterThan(early);
    await log.compact(id, null, merge); // no horizon: folds up to the later id
    await other.query('COMMIT');
    // The earlier id committed below the watermark: reading from PostgreSQL never sees it again.
    expect(await storedText(id)).toBe('Andre. Hei.');
  });

  it('keeps every edit when compaction stops at the committed horizon (it waits for inserts in flight)', async () => {
    const { id, first, second } = await transcriptWithTwoEdits();
    await insertInFlight(id, first);
    await log.insertBatch([{ documentId: id, update: second, userId: owner.id }], 0);
    let settled = false;
    const horizon = log.committedHorizon(id).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false); // it waits for the open insert, whose id is below the other's
    await other.query('COMMIT');
    await log.compact(id, await horizon, merge);
    const text = await storedText(id);
    expect(text).toContain('Første. ');
    expect(text).toContain('Andre. ');
    expect(text).toMatch(/Hei\.$/);
    // And the merged state alone holds both: nothing is left after the watermark.
    expect((await log.read(id, initialState))!.updates).toHaveLength(0);
  });
});
