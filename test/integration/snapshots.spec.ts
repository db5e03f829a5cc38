import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  Code,
  Coding,
  CodingVersion,
  ProjectState,
  RestoreResult,
  Snapshot,
  SnapshotDiff,
  SnapshotDocument,
  SnapshotSummary,
} from '@tolk/contracts';
import pg from 'pg';
import * as Y from 'yjs';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

const TEXT_1 =
  'Intervjuer: Hvordan har pandemien påvirket arbeidet?\nInformant 1: Vi mistet kontakten med mange brukere i starten.';
const TEXT_2 = 'Intervjuer: Hva med relasjonene?\nInformant 2: Tilliten ble sterkere etter hvert.';

describe('snapshots', () => {
  let app: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    [owner, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  /** A project with two transcripts, two codes and a coding, shared with a supervisor and a viewer. */
  async function project() {
    const projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Oppgave' }).expect(201))
      .body.id as string;
    for (const [user, role] of [
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    const doc = async (title: string, text: string) =>
      (await app.http.post(`/api/projects/${projectId}/documents`).set(bearer(owner)).send({ title, text }).expect(201))
        .body.id as string;
    const doc1 = await doc('Informant 1', TEXT_1);
    const doc2 = await doc('Informant 2', TEXT_2);
    const code = async (name: string) =>
      (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name }).expect(201))
        .body as Code;
    const reactions = await code('Reaksjoner');
    const relations = await code('Relasjoner');
    const at = TEXT_1.indexOf('Vi mistet kontakten');
    const coding = (
      await app.http
        .post(`/api/documents/${doc1}/codings`)
        .set(bearer(owner))
        .send({ codeId: reactions.id, start: at, end: at + 19 })
        .expect(201)
    ).body as Coding;
    return { projectId, doc1, doc2, reactions, relations, coding };
  }

  const snap = async (projectId: string, name: string, user = owner) =>
    (await app.http.post(`/api/projects/${projectId}/snapshots`).set(bearer(user)).send({ name }).expect(201))
      .body as SnapshotSummary;
  const snapDoc = async (snapshotId: string, documentId: string, user = owner) =>
    (await app.http.get(`/api/snapshots/${snapshotId}/documents/${documentId}`).set(bearer(user)).expect(200))
      .body as SnapshotDocument;
  const live = async (documentId: string) => {
    const client = connectCollab(app.url, documentId, owner.token);
    clients.push(client);
    await client.synced;
    return client;
  };
  const currentText = async (documentId: string) =>
    (await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body.text as string;

  it('keeps a document and its codings exactly as they were, after later edits and codings', async () => {
    const p = await project();
    const before = (await app.http.get(`/api/documents/${p.doc1}/codings`).set(bearer(owner)).expect(200))
      .body as Coding[];
    const s = await snap(p.projectId, 'Utkast 1');
    expect(s).toMatchObject({
      name: 'Utkast 1',
      createdBy: owner.id,
      createdByName: 'Sara Student',
      kind: 'manual',
      deadlineId: null,
    });

    // Later: the text changes live, the coding is recoded, another one is added, a code renamed.
    const client = await live(p.doc1);
    client.text.insert(0, 'Dato: mars 2021.\n');
    await eventually(() => client.text.toString().startsWith('Dato'), 'local edit');
    await new Promise((r) => setTimeout(r, 400));
    await app.http
      .patch(`/api/codings/${p.coding.id}`)
      .set(bearer(owner))
      .send({ codeId: p.relations.id, version: 1 })
      .expect(200);
    await app.http
      .post(`/api/documents/${p.doc1}/codings`)
      .set(bearer(owner))
      .send({ codeId: p.relations.id, start: 0, end: 4 })
      .expect(201);
    await app.http
      .patch(`/api/codes/${p.reactions.id}`)
      .set(bearer(owner))
      .send({ name: 'Reaksjoner på pandemien' })
      .expect(200);

    const then = await snapDoc(s.id, p.doc1);
    expect(then.text).toBe(TEXT_1);
    expect(then.codings.map(({ id, codeId, start, end, quote }) => ({ id, codeId, start, end, quote }))).toEqual(
      before.map(({ id, codeId, start, end, quote }) => ({ id, codeId, start, end, quote })),
    );
    expect(then.codings[0].quote).toBe('Vi mistet kontakten');
    const detail = (await app.http.get(`/api/snapshots/${s.id}`).set(bearer(viewer)).expect(200)).body as Snapshot;
    expect(detail.documents.map((d) => d.title)).toEqual(['Informant 1', 'Informant 2']);
    expect(detail.codes.map((c) => c.name)).toEqual(['Reaksjoner', 'Relasjoner']);
    // The same through the ProjectState loader that analysis and exports use.
    const state = (await app.http.get(`/api/snapshots/${s.id}/state`).set(bearer(viewer)).expect(200))
      .body as ProjectState;
    expect(state.snapshot).toEqual({ id: s.id, name: 'Utkast 1' });
    expect(state.documents.find((d) => d.id === p.doc1)!.text).toBe(TEXT_1);
    expect(state.codings).toHaveLength(1);
    expect(state.users.map((u) => u.name)).toEqual(['Sara Student']);
    // And now is different.
    expect(await currentText(p.doc1)).toBe(`Dato: mars 2021.\n${TEXT_1}`);
  });

  it('is immutable: every change route answers 405, and PostgreSQL refuses direct updates and deletes', async () => {
    const p = await project();
    const s = await snap(p.projectId, 'Låst');
    for (const method of ['put', 'patch', 'delete'] as const) {
      for (const path of [`/api/snapshots/${s.id}`, `/api/snapshots/${s.id}/documents/${p.doc1}`]) {
        const res = await app.http[method](path).set(bearer(owner)).send({ name: 'Endret' });
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
      }
    }
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      for (const sql of [
        [`UPDATE snapshots SET name = 'Forfalsket' WHERE id = $1`, [s.id]],
        [`DELETE FROM snapshots WHERE id = $1`, [s.id]],
        [`UPDATE snapshot_documents SET title = 'x' WHERE snapshot_id = $1`, [s.id]],
        [`DELETE FROM snapshot_documents WHERE snapshot_id = $1`, [s.id]],
        [`UPDATE snapshot_blobs SET bytes = '\\x00' WHERE project_id = $1`, [p.projectId]],
        [`DELETE FROM snapshot_blobs WHERE project_id = $1`, [p.projectId]],
        [`TRUNCATE snapshot_blobs CASCADE`, []],
      ] as const) {
        await expect(db.query(sql[0], [...sql[1]])).rejects.toThrow(/snapshots are immutable/);
      }
      const [row] = (await db.query('SELECT name FROM snapshots WHERE id = $1', [s.id])).rows;
      expect(row).toEqual({ name: 'Låst' });
    } finally {
      await db.end();
    }
    expect((await snapDoc(s.id, p.doc1)).text).toBe(TEXT_1);
  });

  it('goes with its project when the project is erased, and forgets an erased user', async () => {
    const p = await project();
    const s = await snap(p.projectId, 'Før sletting', supervisor);
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      // A user's erasure clears who took the snapshot (the one change let through).
      await db.query('DELETE FROM project_members WHERE user_id = $1', [supervisor.id]);
      const gone = await createUser(app, 'Gone');
      await addMember(app, owner, p.projectId, gone, 'supervisor');
      await app.http
        .post(`/api/documents/${p.doc1}/comments`)
        .set(bearer(gone))
        .send({ body: 'Sjekk dette', start: 0, end: 5 })
        .expect(201);
      const s2 = await snap(p.projectId, 'Av en som går', gone);
      expect((await snapDoc(s2.id, p.doc1)).comments[0].author).toEqual({ id: gone.id, name: 'Gone' });
      await db.query('DELETE FROM project_members WHERE user_id = $1', [gone.id]);
      await db.query('DELETE FROM users WHERE id = $1', [gone.id]);
      expect((await db.query('SELECT created_by FROM snapshots WHERE id = $1', [s2.id])).rows).toEqual([
        { created_by: null },
      ]);
      // Snapshots keep ids only: nothing of the erased person's name or email is left in them.
      expect((await snapDoc(s2.id, p.doc1)).comments[0].author).toEqual({ id: gone.id, name: null });
      for (const personal of [gone.email, 'Gone']) {
        const { rows } = await db.query(
          "SELECT count(*)::int AS n FROM snapshot_blobs WHERE position(convert_to($1, 'UTF8') in bytes) > 0",
          [personal],
        );
        expect({ personal, n: rows[0].n }).toEqual({ personal, n: 0 });
      }

      await app.http.delete(`/api/projects/${p.projectId}`).set(bearer(owner)).expect(204);
      for (const table of ['snapshots', 'snapshot_documents', 'snapshot_blobs']) {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE project_id = $1`, [p.projectId]);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
    } finally {
      await db.end();
    }
    await app.http.get(`/api/snapshots/${s.id}`).set(bearer(owner)).expect(404);
  });

  it('shares unchanged document states and codebooks between snapshots', async () => {
    const p = await project();
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    const blobs = async () =>
      (
        await db.query(
          'SELECT count(*)::int AS n, coalesce(sum(octet_length(bytes)), 0)::int AS bytes FROM snapshot_blobs WHERE project_id = $1',
          [p.projectId],
        )
      ).rows[0] as { n: number; bytes: number };
    try {
      await snap(p.projectId, 'En');
      const first = await blobs();
      // One blob each for state, text, codings and comments of 2 documents, the codebook and the extras.
      expect(first.n).toBeLessThanOrEqual(10);
      await snap(p.projectId, 'To');
      expect(await blobs()).toEqual(first);
      // An open document (state from memory) is the same state too.
      await live(p.doc2);
      await snap(p.projectId, 'Tre');
      expect(await blobs()).toEqual(first);
      // A change to one document adds its new state and text, nothing for the other one.
      const client = await live(p.doc1);
      client.text.insert(0, 'Ny linje.\n');
      await eventually(() => client.text.toString().startsWith('Ny linje'), 'edit');
      await new Promise((r) => setTimeout(r, 300));
      await snap(p.projectId, 'Fire');
      const after = await blobs();
      expect(after.n).toBeGreaterThan(first.n);
      expect(after.n).toBeLessThanOrEqual(first.n + 4);
    } finally {
      await db.end();
    }
  });

  it('compares a snapshot with another and with now', async () => {
    const p = await project();
    const s1 = await snap(p.projectId, 'Før');
    const client = await live(p.doc1);
    const at = client.text.toString().indexOf('mange');
    client.text.insert(at, 'svært ');
    await eventually(() => client.text.toString().includes('svært mange'), 'edit');
    await new Promise((r) => setTimeout(r, 400));
    await app.http
      .patch(`/api/codings/${p.coding.id}`)
      .set(bearer(owner))
      .send({ codeId: p.relations.id, version: 1 })
      .expect(200);
    const added = (
      await app.http
        .post(`/api/documents/${p.doc2}/codings`)
        .set(bearer(owner))
        .send({ codeId: p.relations.id, start: 0, end: 10 })
        .expect(201)
    ).body as Coding;
    const gone = (
      await app.http.post(`/api/projects/${p.projectId}/codes`).set(bearer(owner)).send({ name: 'Ny kode' }).expect(201)
    ).body as Code;
    const s2 = await snap(p.projectId, 'Etter');

    for (const against of [s2.id, 'current']) {
      const diff = (
        await app.http.get(`/api/snapshots/${s1.id}/diff`).query({ against }).set(bearer(viewer)).expect(200)
      ).body as SnapshotDiff;
      const d1 = diff.documents.find((d) => d.documentId === p.doc1)!;
      const d2 = diff.documents.find((d) => d.documentId === p.doc2)!;
      expect(d1).toMatchObject({ textChanged: true, codingsAdded: [], codingsRemoved: [] });
      expect(d1.textDiff.filter((x) => x.op !== 'equal')).toEqual([{ op: 'insert', text: 'svært ' }]);
      expect(d1.codingsChanged.map((c) => [c.id, c.changes, c.before.codeId, c.codeId])).toEqual([
        [p.coding.id, ['recoded'], p.reactions.id, p.relations.id],
      ]);
      expect(d2).toMatchObject({ textChanged: false, codingsRemoved: [], codingsChanged: [] });
      expect(d2.codingsAdded.map((c) => c.id)).toEqual([added.id]);
      expect(diff.codes.added.map((c) => c.id)).toEqual([gone.id]);
      expect(diff.to.name).toBe(against === 'current' ? 'now' : 'Etter');
    }
    await app.http.get(`/api/snapshots/${s1.id}/diff`).query({ against: 'yesterday' }).set(bearer(owner)).expect(400);
    const other = await project();
    const foreign = await snap(other.projectId, 'Annet');
    await app.http.get(`/api/snapshots/${s1.id}/diff`).query({ against: foreign.id }).set(bearer(owner)).expect(400);
  });

  it('restores text for a connected Yjs client, codings and codebook, and keeps what came between in history', async () => {
    const p = await project();
    const s = await snap(p.projectId, 'Godkjent plan');
    const client = await live(p.doc1);
    const watcher = await live(p.doc1);
    // Work after the snapshot: text rewritten, coding recoded then removed, a new coding, a new code, a code renamed.
    client.text.delete(0, 'Intervjuer: '.length);
    client.text.insert(0, 'I: ');
    client.text.insert(client.text.length, '\nInformant 1: Og så ble det bedre.');
    await eventually(() => watcher.text.toString() === client.text.toString(), 'watcher sees the edit');
    await new Promise((r) => setTimeout(r, 400));
    await app.http
      .patch(`/api/codings/${p.coding.id}`)
      .set(bearer(owner))
      .send({ codeId: p.relations.id, version: 1 })
      .expect(200);
    await app.http.delete(`/api/codings/${p.coding.id}`).set(bearer(owner)).expect(204);
    const newCode = (
      await app.http
        .post(`/api/projects/${p.projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Digitalisering' })
        .expect(201)
    ).body as Code;
    const later = (
      await app.http
        .post(`/api/documents/${p.doc2}/codings`)
        .set(bearer(owner))
        .send({ codeId: newCode.id, start: 0, end: 10 })
        .expect(201)
    ).body as Coding;
    await app.http
      .patch(`/api/codes/${p.relations.id}`)
      .set(bearer(owner))
      .send({ name: 'Relasjoner og tillit' })
      .expect(200);

    await app.http.post(`/api/snapshots/${s.id}/restore`).set(bearer(supervisor)).expect(403);
    await app.http.post(`/api/snapshots/${s.id}/restore`).set(bearer(outsider)).expect(404);
    const result = (await app.http.post(`/api/snapshots/${s.id}/restore`).set(bearer(owner)).expect(200))
      .body as RestoreResult;
    expect(result).toMatchObject({ documentsChanged: 1, documentsMissing: [], codingsRestored: 1, codingsRemoved: 1 });
    expect(result.before.kind).toBe('before-restore');

    // Both live clients see the snapshot's text, through Yjs.
    await eventually(
      () => watcher.text.toString() === TEXT_1 && client.text.toString() === TEXT_1,
      'restored text reaches the clients',
    );
    expect(await currentText(p.doc1)).toBe(TEXT_1);
    const now1 = (await app.http.get(`/api/documents/${p.doc1}/codings`).set(bearer(owner)).expect(200))
      .body as Coding[];
    expect(now1.map((c) => [c.id, c.codeId, c.quote])).toEqual([[p.coding.id, p.reactions.id, 'Vi mistet kontakten']]);
    const now2 = (await app.http.get(`/api/documents/${p.doc2}/codings`).set(bearer(owner)).expect(200))
      .body as Coding[];
    expect(now2).toEqual([]);
    const codes = (await app.http.get(`/api/projects/${p.projectId}/codes`).set(bearer(owner)).expect(200))
      .body as Code[];
    expect(codes.map((c) => c.name).sort()).toEqual(['Reaksjoner', 'Relasjoner']);

    // Nothing in between is lost: the history has every step, the restore last.
    const history = (await app.http.get(`/api/codings/${p.coding.id}/history`).set(bearer(owner)).expect(200))
      .body as CodingVersion[];
    expect(history.map((h) => [h.action, h.actor.name])).toEqual([
      ['created', 'Sara Student'],
      ['recoded', 'Sara Student'],
      ['deleted', 'Sara Student'],
      ['restored', 'Sara Student'],
    ]);
    const laterHistory = (await app.http.get(`/api/codings/${later.id}/history`).set(bearer(owner)).expect(200))
      .body as CodingVersion[];
    expect(laterHistory.map((h) => h.action)).toEqual(['created', 'deleted']);
    // The restore's text edits are in the document's edit history, as the owner's.
    const editHistory = (await app.http.get(`/api/documents/${p.doc1}/history`).set(bearer(owner)).expect(200))
      .body as { userId: string; updates: number }[];
    expect(editHistory[0]).toMatchObject({ userId: owner.id });
    // And the state before the restore is a snapshot of its own, with the later work in it.
    const kept = await snapDoc(result.before.id, p.doc1);
    expect(kept.text).toContain('Og så ble det bedre.');
    const list = (await app.http.get(`/api/projects/${p.projectId}/snapshots`).set(bearer(viewer)).expect(200))
      .body as SnapshotSummary[];
    expect(list.map((x) => x.name)).toEqual(['Before restoring “Godkjent plan”', 'Godkjent plan']);
  });

  it('restores a document nobody has open, through the update log', async () => {
    const p = await project();
    const s = await snap(p.projectId, 'Lukket');
    // An edit stored while nobody has the document open (as a room leaves it when it unloads).
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const [{ state }] = (await db.query('SELECT state FROM document_states WHERE document_id = $1', [p.doc2]))
        .rows as { state: Buffer }[];
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getText('content').insert(0, 'Endret. ');
      doc.destroy();
      await db.query('INSERT INTO document_updates (document_id, "update", user_id) VALUES ($1, $2, $3)', [
        p.doc2,
        Buffer.from(updates[0]),
        owner.id,
      ]);
    } finally {
      await db.end();
    }
    expect(await currentText(p.doc2)).toBe(`Endret. ${TEXT_2}`);
    await app.http.post(`/api/snapshots/${s.id}/restore`).set(bearer(owner)).expect(200);
    expect(await currentText(p.doc2)).toBe(TEXT_2);
    const opened = await live(p.doc2);
    expect(opened.text.toString()).toBe(TEXT_2);
  });

  it('names the snapshot of the state before a restore in the restorer’s language', async () => {
    const p = await project();
    const s = await snap(p.projectId, 'Godkjent plan');
    const byHeader = (
      await app.http
        .post(`/api/snapshots/${s.id}/restore`)
        .set(bearer(owner))
        .set('Accept-Language', 'nb-NO,nb;q=0.9,en;q=0.8')
        .expect(200)
    ).body as RestoreResult;
    const byQuery = (
      await app.http
        .post(`/api/snapshots/${s.id}/restore?locale=en`)
        .set(bearer(owner))
        .set('Accept-Language', 'nb')
        .expect(200)
    ).body as RestoreResult;
    const names = new Map(
      (
        (await app.http.get(`/api/projects/${p.projectId}/snapshots`).set(bearer(owner)).expect(200))
          .body as SnapshotSummary[]
      ).map((x) => [x.id, x.name]),
    );
    expect(names.get(byHeader.before.id)).toBe('Før gjenoppretting av «Godkjent plan»');
    expect(names.get(byQuery.before.id)).toBe('Before restoring “Godkjent plan”');
  });

  it('checks roles: owner and supervisor take snapshots, everyone reads, outsiders learn nothing', async () => {
    const p = await project();
    await snap(p.projectId, 'Veileders', supervisor);
    await app.http.post(`/api/projects/${p.projectId}/snapshots`).set(bearer(viewer)).send({ name: 'x' }).expect(403);
    await app.http.post(`/api/projects/${p.projectId}/snapshots`).set(bearer(outsider)).send({ name: 'x' }).expect(404);
    await app.http.post(`/api/projects/${p.projectId}/snapshots`).set(bearer(owner)).send({ name: '  ' }).expect(400);
    const list = (await app.http.get(`/api/projects/${p.projectId}/snapshots`).set(bearer(viewer)).expect(200))
      .body as SnapshotSummary[];
    expect(list.map((s) => [s.name, s.createdByName])).toEqual([['Veileders', 'Viktor Veileder']]);
    await app.http.get(`/api/snapshots/${list[0].id}`).set(bearer(outsider)).expect(404);
    await app.http.get(`/api/snapshots/${list[0].id}/documents/${p.doc1}`).set(bearer(outsider)).expect(404);
  });
});
