import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Snapshot } from '@tolk/contracts';
import { connectCollab } from './support/collab-client.js';
import {
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

/** Words that occur only in the transcripts that are erased: not one may be left anywhere. */
const SECRET = 'Fjellrevsommer';
const LIVE_SECRET = 'Lemenvinter';

describe('erasing a transcript on withdrawn consent (issue 17, finding 2)', () => {
  let app: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let coder: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let codeId: string;

  const newDocument = async (title: string, text: string) =>
    (
      (await app.http.post(`/api/projects/${projectId}/documents`).set(bearer(owner)).send({ title, text }).expect(201))
        .body as { id: string }
    ).id;
  const code = (documentId: string, start: number, end: number) =>
    app.http.post(`/api/documents/${documentId}/codings`).set(bearer(coder)).send({ codeId, start, end }).expect(201);
  const snapshot = async (name: string) =>
    (
      (await app.http.post(`/api/projects/${projectId}/snapshots`).set(bearer(owner)).send({ name }).expect(201))
        .body as {
        id: string;
      }
    ).id;
  /** Every row of these tables, as text, for a search the api cannot do. */
  const tablesMentioning = async (word: string) => {
    const hits: string[] = [];
    for (const table of [
      'documents',
      'document_updates',
      'document_states',
      'document_search',
      'codings',
      'coding_events',
      'comments',
      'memos',
      'notifications',
      'audit_entries',
      'snapshot_documents',
      'snapshot_blobs',
    ]) {
      const [{ n }] = await dbQuery<{ n: number }>(
        app,
        `SELECT count(*)::int AS n FROM ${table} t WHERE position(convert_to($1, 'UTF8') in convert_to(t::text, 'UTF8')) > 0`,
        [word],
      );
      if (n > 0) hits.push(table);
    }
    // Yjs states and updates are binary: look for the UTF-8 bytes themselves.
    for (const [table, column] of [
      ['snapshot_blobs', 'bytes'],
      ['document_updates', 'update'],
      ['document_states', 'state'],
    ]) {
      const [{ n }] = await dbQuery<{ n: number }>(
        app,
        `SELECT count(*)::int AS n FROM ${table} WHERE position(convert_to($1, 'UTF8') in ${column}) > 0`,
        [word],
      );
      if (n > 0) hits.push(`${table}.${column}`);
    }
    return hits;
  };

  beforeAll(async () => {
    app = await startTestApp();
    [owner, supervisor, coder, viewer, outsider] = await Promise.all(
      ['Olga Eier', 'Siri Veileder', 'Kari Koder', 'Vera Leser', 'Otto Utenfor'].map((n) => createUser(app, n)),
    );
    projectId = (
      (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Samtykke' }).expect(201)).body as {
        id: string;
      }
    ).id;
    for (const [user, role] of [
      [supervisor, 'supervisor'],
      [coder, 'coder'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    codeId = (
      (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tillit' }).expect(201))
        .body as { id: string }
    ).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('after a snapshot and a plain delete, erase leaves a tombstone and not one word of the transcript anywhere', async () => {
    const erased = await newDocument('Informant 3 Berit', `Berit: ${SECRET} var den beste tida.\nHun smilte.`);
    const kept = await newDocument('Informant 4', 'Per: Vi hadde det travelt på avdelingen.');
    await code(erased, 7, 7 + SECRET.length);
    const keptCoding = (await code(kept, 5, 20)).body as { id: string };
    await app.http
      .post(`/api/documents/${erased}/comments`)
      .set(bearer(supervisor))
      .send({ body: `@Kari Koder se ${SECRET}`, start: 7, end: 7 + SECRET.length })
      .expect(201);
    await app.http
      .put(`/api/documents/${erased}/memo`)
      .set(bearer(coder))
      .send({ body: `Memo om ${SECRET}` })
      .expect(200);
    await app.http
      .put(`/api/projects/${projectId}/pseudonyms`)
      .set(bearer(owner))
      .send({
        entries: [
          { real: 'Berit', pseudonym: 'Informant 3' },
          { real: 'Per', pseudonym: 'Informant 4' },
        ],
      })
      .expect(200);
    const snapshotId = await snapshot('Innlevering 1');

    // The reproduction: a plain delete keeps the snapshot's copy (snapshots are immutable).
    await app.http.delete(`/api/documents/${erased}`).set(bearer(owner)).expect(204);
    const before = await app.http
      .get(`/api/snapshots/${snapshotId}/documents/${erased}`)
      .set(bearer(viewer))
      .expect(200);
    expect(JSON.stringify(before.body)).toContain(SECRET);

    // Only the owner erases; a non-member learns nothing.
    for (const user of [supervisor, coder, viewer])
      await app.http
        .post(`/api/documents/${erased}/erase`)
        .set(bearer(user))
        .send({ reason: 'samtykke trukket' })
        .expect(403);
    await app.http
      .post(`/api/documents/${erased}/erase`)
      .set(bearer(outsider))
      .send({ reason: 'samtykke trukket' })
      .expect(404);
    await app.http.post(`/api/documents/${erased}/erase`).set(bearer(owner)).send({ reason: '' }).expect(400);
    expect((await tablesMentioning(SECRET)).length).toBeGreaterThan(0);

    await app.http
      .post(`/api/documents/${erased}/erase`)
      .set(bearer(owner))
      .send({ reason: 'samtykke trukket' })
      .expect(204);

    await app.http.get(`/api/snapshots/${snapshotId}/documents/${erased}`).set(bearer(viewer)).expect(404);
    const summary = (await app.http.get(`/api/snapshots/${snapshotId}`).set(bearer(viewer)).expect(200))
      .body as Snapshot;
    expect(summary.documents).toEqual([
      {
        id: erased,
        title: null,
        erased: true,
        erasedAt: expect.any(String),
        reason: 'samtykke trukket',
        erasedBy: { id: owner.id, name: 'Olga Eier' },
      },
      { id: kept, title: 'Informant 4', attributes: {}, length: expect.any(Number) },
    ]);
    // The snapshot still opens with its other document and its codings.
    const other = await app.http.get(`/api/snapshots/${snapshotId}/documents/${kept}`).set(bearer(viewer)).expect(200);
    expect((other.body as { codings: { id: string }[] }).codings.map((c) => c.id)).toEqual([keptCoding.id]);

    const reads = [
      await app.http.get(`/api/snapshots/${snapshotId}`).set(bearer(viewer)).expect(200),
      await app.http.get(`/api/snapshots/${snapshotId}/state`).set(bearer(viewer)).expect(200),
      await app.http.get(`/api/snapshots/${snapshotId}/diff?against=current`).set(bearer(viewer)).expect(200),
      await app.http
        .get(`/api/projects/${projectId}/export/segments.csv?snapshotId=${snapshotId}`)
        .set(bearer(viewer))
        .expect(200),
      await app.http.get(`/api/notifications`).set(bearer(coder)).expect(200),
      await app.http.get(`/api/projects/${projectId}/audit?limit=500`).set(bearer(owner)).expect(200),
      await app.http.get(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).expect(200),
    ];
    for (const read of reads) {
      expect(read.text).not.toContain(SECRET);
      expect(read.text).not.toContain('Berit');
    }
    // The search index forgot it (the answer repeats the query, so look at what it found).
    const search = await app.http.get(`/api/projects/${projectId}/search?q=${SECRET}`).set(bearer(viewer)).expect(200);
    expect(search.body).toMatchObject({ documents: [], hits: 0 });
    const state = reads[1].body as { documents: { id: string }[]; codings: { id: string }[]; memos: unknown[] };
    expect(state.documents.map((d) => d.id)).toEqual([kept]);
    expect(state.codings.map((c) => c.id)).toEqual([keptCoding.id]);
    // The key list forgot the name only the erased transcript held, and kept the other.
    expect((reads[6].body as { entries: unknown[] }).entries).toEqual([{ real: 'Per', pseudonym: 'Informant 4' }]);
    // Audited without content or title.
    const audit = (reads[5].body as { entries: { action: string; details: object; documentId: string | null }[] })
      .entries;
    expect(audit.find((e) => e.action === 'document.erase')).toMatchObject({
      documentId: erased,
      details: { reason: 'samtykke trukket', snapshots: 1, namesForgotten: 1 },
    });
    expect(audit.filter((e) => e.documentId === erased).map((e) => e.action)).toEqual(
      expect.arrayContaining(['document.erase', 'document.delete', 'document.create', 'document.read']),
    );

    expect(await tablesMentioning(SECRET)).toEqual([]);
    expect(await tablesMentioning('Berit')).toEqual([]);

    // Erased once: nothing left to erase, and the tombstone stays.
    await app.http.post(`/api/documents/${erased}/erase`).set(bearer(owner)).send({ reason: 'igjen' }).expect(404);
  });

  it('closes the live room, and the trigger still refuses every other change to a snapshot', async () => {
    const documentId = await newDocument('Informant 5', 'Anne: Det var en rolig vår.');
    const snapshotId = await snapshot('Innlevering 2');
    const client = connectCollab(app.url, documentId, coder.token);
    try {
      await client.synced;
      client.text.insert(0, `${LIVE_SECRET}. `);
      let stored = '';
      const readStored = async () => {
        const [row] = await dbQuery<{ text: string }>(app, 'SELECT text FROM documents WHERE id = $1', [documentId]);
        stored = row.text;
      };
      for (let i = 0; i < 50 && !stored.includes(LIVE_SECRET); i++) {
        await readStored();
        if (!stored.includes(LIVE_SECRET)) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stored).toContain(LIVE_SECRET);

      await app.http
        .post(`/api/documents/${documentId}/erase`)
        .set(bearer(owner))
        .send({ reason: 'samtykke trukket' })
        .expect(204);
      expect((await client.closed).code).toBe(4410);
    } finally {
      client.destroy();
    }
    await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(404);
    expect(await tablesMentioning(LIVE_SECRET)).toEqual([]);
    expect(await tablesMentioning('Anne: Det var')).toEqual([]);
    const summary = (await app.http.get(`/api/snapshots/${snapshotId}`).set(bearer(owner)).expect(200))
      .body as Snapshot;
    expect(summary.documents.find((d) => d.id === documentId)).toMatchObject({ title: null, erased: true });

    // The erasure path is open only inside the erasing transaction, and only for a tombstone.
    await expect(
      dbQuery(app, `UPDATE snapshot_documents SET title = 'x' WHERE snapshot_id = $1`, [snapshotId]),
    ).rejects.toThrow(/immutable/);
    await expect(
      dbQuery(
        app,
        `BEGIN; SELECT set_config('tolk.snapshot_erasure', 'on', true);
         UPDATE snapshot_documents SET title = 'x' WHERE snapshot_id = '${snapshotId}'; COMMIT`,
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      dbQuery(
        app,
        `BEGIN; SELECT set_config('tolk.snapshot_erasure', 'on', true);
         DELETE FROM snapshot_documents WHERE snapshot_id = '${snapshotId}'; COMMIT`,
      ),
    ).rejects.toThrow(/immutable/);
    expect(
      (
        await dbQuery<{ n: number }>(app, 'SELECT count(*)::int AS n FROM snapshot_documents WHERE snapshot_id = $1', [
          snapshotId,
        ])
      )[0].n,
    ).toBeGreaterThan(0);
  });
});
