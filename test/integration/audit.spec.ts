import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditEntry, AuditPage, Code } from '@tolk/contracts';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { type CollabClient, connectCollab } from './support/collab-client.js';
import {
  bearer,
  binaryBody,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

const TEXT = 'Intervjuer: Hva skjedde?\nInformant 2: Vi mistet kontakten med brukerne.';

/** The CSV read back as a spreadsheet would (a real CSV parser). */
const parseCsv = (text: string) => parse(text, { bom: true }) as string[][];

describe('audit log', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let documentId: string;
  const clients: CollabClient[] = [];

  const audit = async (query: Record<string, string> = {}, user = owner) =>
    (await app.http.get(`/api/projects/${projectId}/audit`).query(query).set(bearer(user)).expect(200))
      .body as AuditPage;
  const entriesFor = async (action: string) => (await audit({ action })).entries;

  beforeAll(async () => {
    // The tests send X-Request-Id as a proxy in front of Tolk would: only a trusted proxy's id is kept.
    app = await startTestApp({ trustProxy: 'loopback' });
    [owner, coder, supervisor, viewer, outsider] = await Promise.all(
      ['Olga Owner', 'Kari Koder', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Revisjon' }).expect(201)).body
      .id;
    for (const [user, role] of [
      [coder, 'coder'],
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 2', text: TEXT })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  it('records sign-ins and failed sign-ins with address, user agent and request id', async () => {
    await app.http
      .post('/api/auth/login')
      .set('User-Agent', 'audit-test/1')
      .set('X-Request-Id', 'req-login-ok')
      .send({ email: coder.email, password: coder.password })
      .expect(200);
    await app.http
      .post('/api/auth/login')
      .set('User-Agent', 'audit-test/1')
      .send({ email: coder.email, password: 'wrong password!' })
      .expect(401);
    await app.http
      .post('/api/auth/login')
      .send({ email: 'nobody@test.example', password: 'wrong password!' })
      .expect(401);
    // Sign-ins belong to no project: read them straight from the table.
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{
        action: string;
        actor_id: string | null;
        target_id: string | null;
        details: Record<string, string>;
        ip: string;
        user_agent: string;
        request_id: string;
      }>(
        `SELECT action, actor_id, target_id, details, ip, user_agent, request_id FROM audit_entries WHERE action LIKE 'auth.%' ORDER BY id`,
      );
      const ok = rows.find((r) => r.request_id === 'req-login-ok');
      expect(ok).toMatchObject({ action: 'auth.login', actor_id: coder.id, user_agent: 'audit-test/1' });
      expect(ok!.ip).toMatch(/127\.0\.0\.1/);
      expect(rows).toContainEqual(
        expect.objectContaining({
          action: 'auth.login_failed',
          actor_id: null,
          target_id: coder.id,
          details: { email: coder.email, reason: 'wrong_password' },
        }),
      );
      expect(rows).toContainEqual(
        expect.objectContaining({
          action: 'auth.login_failed',
          target_id: null,
          details: { email: 'nobody@test.example', reason: 'unknown_email' },
        }),
      );
      // The password is never written down.
      expect(JSON.stringify(rows)).not.toContain('wrong password!');
    } finally {
      await db.end();
    }
  });

  it('records a transcript read over REST and over /collab, and the first live edit of a connection', async () => {
    await app.http
      .get(`/api/documents/${documentId}`)
      .set(bearer(supervisor))
      .set('X-Request-Id', 'req-read-1')
      .expect(200);
    const [read] = await entriesFor('document.read');
    expect(read).toMatchObject({
      actor: { userId: supervisor.id, name: 'Viktor Veileder', email: supervisor.email },
      projectId,
      target: { type: 'document', id: documentId },
      documentId,
      documentTitle: 'Informant 2',
      requestId: 'req-read-1',
    });
    expect(read.ip).toMatch(/127\.0\.0\.1/);

    const client = connectCollab(app.url, documentId, coder.token);
    clients.push(client);
    await client.synced;
    const opened = await entriesFor('document.open');
    expect(opened[0]).toMatchObject({ actor: { userId: coder.id }, documentId });
    // Syncing changes nothing: no edit yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(await entriesFor('document.edit')).toEqual([]);
    client.text.insert(0, 'A');
    client.text.insert(1, 'B');
    let edits: AuditEntry[] = [];
    for (let i = 0; i < 50 && edits.length === 0; i++) {
      edits = await entriesFor('document.edit');
      if (edits.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    // One entry per editing connection, not per keystroke.
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ actor: { userId: coder.id }, documentId });
  });

  it('records changes to documents, codebook, codings, comments, members and settings, one entry each', async () => {
    const other = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(coder))
        .send({ title: 'Tmp', text: 'Hei' })
        .expect(201)
    ).body.id as string;
    await app.http.patch(`/api/documents/${other}`).set(bearer(owner)).send({ title: 'Tmp 2' }).expect(200);
    await app.http.delete(`/api/documents/${other}`).set(bearer(owner)).expect(204);
    const code = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(coder)).send({ name: 'Tillit' }).expect(201)
    ).body as Code;
    await app.http.patch(`/api/codes/${code.id}`).set(bearer(coder)).send({ name: 'Tillit 2', version: 1 }).expect(200);
    const coding = (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(coder))
        .send({ codeId: code.id, start: 0, end: 10 })
        .expect(201)
    ).body;
    const comment = (
      await app.http
        .post(`/api/documents/${documentId}/comments`)
        .set(bearer(supervisor))
        .send({ body: 'Se her' })
        .expect(201)
    ).body;
    await app.http.patch(`/api/comments/${comment.id}`).set(bearer(supervisor)).send({ body: 'Se her!' }).expect(200);
    await app.http
      .patch(`/api/projects/${projectId}/members/${viewer.id}`)
      .set(bearer(owner))
      .send({ role: 'coder' })
      .expect(200);
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);

    const expectOne = async (action: string, match: object) => {
      const [newest] = await entriesFor(action);
      expect(newest).toMatchObject(match);
    };
    await expectOne('document.create', {
      actor: { userId: coder.id },
      target: { type: 'document', id: other },
      details: { title: 'Tmp' },
    });
    await expectOne('document.update', { actor: { userId: owner.id }, documentId: other, details: { title: 'Tmp 2' } });
    await expectOne('document.delete', { actor: { userId: owner.id }, documentId: other });
    await expectOne('code.create', {
      actor: { userId: coder.id },
      target: { type: 'code', id: code.id },
      details: { name: 'Tillit' },
    });
    await expectOne('code.update', { target: { type: 'code', id: code.id }, details: { name: 'Tillit 2' } });
    await expectOne('coding.create', {
      actor: { userId: coder.id },
      target: { type: 'coding', id: coding.id },
      documentId,
    });
    await expectOne('comment.create', {
      actor: { userId: supervisor.id },
      target: { type: 'comment', id: comment.id },
      documentId,
    });
    await expectOne('comment.update', { target: { type: 'comment', id: comment.id } });
    await expectOne('member.change', {
      actor: { userId: owner.id },
      target: { type: 'user', id: viewer.id },
      details: { role: 'coder' },
    });
    await expectOne('project.update', { actor: { userId: owner.id }, details: { settings: { blindCoding: true } } });
    await expectOne('project.create', { actor: { userId: owner.id }, target: { type: 'project', id: projectId } });
    // Exactly one entry per change, not one per listener or per instance.
    expect(await entriesFor('code.create')).toHaveLength(1);
    await app.http
      .patch(`/api/projects/${projectId}/members/${viewer.id}`)
      .set(bearer(owner))
      .send({ role: 'viewer' })
      .expect(200);
  });

  it('records exports and imports (with the snapshot read, and the project an import made)', async () => {
    const qdpx = await app.http
      .get(`/api/projects/${projectId}/export.qdpx`)
      .set(bearer(coder))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    await app.http.get(`/api/projects/${projectId}/export/segments.csv`).set(bearer(viewer)).expect(200);
    const [qdpxEntry] = await entriesFor('export.qdpx');
    expect(qdpxEntry).toMatchObject({
      actor: { userId: coder.id },
      projectId,
      target: { type: 'project', id: projectId },
    });
    expect((await entriesFor('export.segments_csv'))[0]).toMatchObject({ actor: { userId: viewer.id }, projectId });
    expect((await audit({ action: 'export.*' })).total).toBe(2);

    const imported = await app.http
      .post('/api/projects/import')
      .set(bearer(coder))
      .attach('file', qdpx.body as Buffer, 'revisjon.qdpx')
      .expect(201);
    const newProject = imported.body.projectId as string;
    // The new project's owner (the importer) finds the import in its log.
    const page = (
      await app.http
        .get(`/api/projects/${newProject}/audit`)
        .query({ action: 'import.*' })
        .set(bearer(coder))
        .expect(200)
    ).body as AuditPage;
    expect(page.entries).toEqual([
      expect.objectContaining({
        action: 'import.qdpx',
        actor: expect.objectContaining({ userId: coder.id }),
        projectId: newProject,
      }),
    ]);
    // A refused export records nothing.
    await app.http.get(`/api/projects/${projectId}/export.qdpx`).set(bearer(outsider)).expect(404);
    expect((await audit({ action: 'export.qdpx' })).total).toBe(1);
  });

  it('records snapshots taken, transcripts read in a snapshot, and restores', async () => {
    const snapshot = (
      await app.http
        .post(`/api/projects/${projectId}/snapshots`)
        .set(bearer(supervisor))
        .send({ name: 'Før analysen' })
        .expect(201)
    ).body;
    expect((await entriesFor('snapshot.create'))[0]).toMatchObject({
      actor: { userId: supervisor.id },
      target: { type: 'snapshot', id: snapshot.id },
      details: { name: 'Før analysen', kind: 'manual' },
    });
    const before = (await entriesFor('document.read')).length;
    await app.http.get(`/api/snapshots/${snapshot.id}/documents/${documentId}`).set(bearer(viewer)).expect(200);
    const reads = await entriesFor('document.read');
    expect(reads).toHaveLength(before + 1);
    expect(reads[0]).toMatchObject({
      actor: { userId: viewer.id },
      projectId,
      documentId,
      details: { snapshotId: snapshot.id },
    });
    await app.http.post(`/api/snapshots/${snapshot.id}/restore`).set(bearer(owner)).expect(200);
    expect((await entriesFor('snapshot.restore'))[0]).toMatchObject({
      actor: { userId: owner.id },
      projectId,
      details: { snapshotId: snapshot.id },
    });
  });

  it('filters by action, kind of action, actor, document and time, and pages newest first', async () => {
    const byActor = await audit({ actor: supervisor.id });
    expect(byActor.entries.length).toBeGreaterThan(0);
    expect(byActor.entries.every((e) => e.actor?.userId === supervisor.id)).toBe(true);

    const kinds = await audit({ action: 'document.*' });
    expect(new Set(kinds.entries.map((e) => e.action))).toEqual(
      new Set([
        'document.create',
        'document.update',
        'document.delete',
        'document.read',
        'document.open',
        'document.edit',
      ]),
    );

    const onDocument = await audit({ documentId });
    expect(onDocument.entries.length).toBeGreaterThan(0);
    expect(onDocument.entries.every((e) => e.documentId === documentId)).toBe(true);
    expect(onDocument.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['coding.create', 'comment.create', 'document.read']),
    );

    const all = await audit();
    const ids = all.entries.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await audit({ limit: '3', offset: '2' });
    expect(page.total).toBe(all.total);
    expect(page.entries.map((e) => e.id)).toEqual(all.entries.slice(2, 5).map((e) => e.id));

    expect((await audit({ from: '2999-01-01' })).total).toBe(0);
    expect((await audit({ to: '2000-01-01T00:00:00Z' })).total).toBe(0);
    expect((await audit({ from: all.entries.at(-1)!.at, to: new Date(Date.now() + 60_000).toISOString() })).total).toBe(
      all.total,
    );

    for (const bad of [
      { actor: 'x' },
      { limit: '0' },
      { limit: '100000' },
      { from: 'yesterday' },
      { action: "x' OR 1=1" },
      { unknown: '1' },
    ]) {
      const res = await app.http.get(`/api/projects/${projectId}/audit`).query(bad).set(bearer(owner)).expect(400);
      expect(res.body.message).toBeTruthy();
    }
  });

  it('exports the filtered log as CSV that reads back to the same entries', async () => {
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ name: 'Revisjon, "runde 2"\n=SUM(A1)' })
      .expect(200);
    const res = await app.http.get(`/api/projects/${projectId}/audit.csv`).set(bearer(owner)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(res.text);
    const [header, ...body] = rows;
    expect(header).toEqual([
      'at',
      'action',
      'actor_id',
      'actor_name',
      'actor_email',
      'target_type',
      'target_id',
      'document_id',
      'ip',
      'user_agent',
      'request_id',
      'details',
    ]);
    const all = await audit({ limit: '500' });
    expect(body).toHaveLength(all.total);
    body.forEach((row, i) => {
      const entry = all.entries[i];
      expect(row[0]).toBe(entry.at);
      expect(row[1]).toBe(entry.action);
      expect(row[2]).toBe(entry.actor?.userId ?? '');
      expect(JSON.parse(row[11])).toEqual(entry.details);
    });
    expect(JSON.parse(body[0][11])).toMatchObject({ name: 'Revisjon, "runde 2"\n=SUM(A1)' });

    const filtered = parseCsv(
      (
        await app.http
          .get(`/api/projects/${projectId}/audit.csv`)
          .query({ action: 'document.read' })
          .set(bearer(owner))
          .expect(200)
      ).text,
    );
    expect(filtered.slice(1).every((r) => r[1] === 'document.read')).toBe(true);
    expect(filtered.length).toBeGreaterThan(1);
  });

  it('is for the owner only: members get 403, outsiders and missing projects the same 404, anonymous 401', async () => {
    for (const path of ['audit', 'audit.csv']) {
      for (const user of [supervisor, coder, viewer])
        await app.http.get(`/api/projects/${projectId}/${path}`).set(bearer(user)).expect(403);
      const outsiders = await app.http.get(`/api/projects/${projectId}/${path}`).set(bearer(outsider)).expect(404);
      const missing = await app.http
        .get(`/api/projects/00000000-0000-4000-8000-000000000000/${path}`)
        .set(bearer(owner))
        .expect(404);
      expect(outsiders.body).toEqual(missing.body);
      await app.http.get(`/api/projects/${projectId}/${path}`).expect(401);
    }
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const before = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_entries');
      await expect(db.query(`UPDATE audit_entries SET action = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
      const after = await db.query<{ n: string; forged: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE action = 'forged') AS forged FROM audit_entries`,
      );
      expect(after.rows[0]).toEqual({ n: before.rows[0].n, forged: '0' });
      // The erasure path: only inside a transaction that says so.
      await db.query('BEGIN');
      await db.query(`SELECT set_config('tolk.audit_erasure', 'on', true)`);
      const erased = await db.query(`DELETE FROM audit_entries WHERE action = 'auth.login_failed'`);
      await db.query('COMMIT');
      expect(erased.rowCount).toBeGreaterThan(0);
      await expect(db.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
    } finally {
      await db.end();
    }
  });
});
