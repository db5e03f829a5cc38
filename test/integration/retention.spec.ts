import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DocumentConsent, ProjectRetention } from '@tolk/contracts';
import { RetentionService } from '../../apps/api/src/retention/retention.service.js';
import { type CollabClient, connectCollab } from './support/collab-client.js';
import {
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
  addMember,
} from './support/test-app.js';

const day = (offset: number) => new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('consent and retention', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let projectId: string;
  let documentId: string;

  const query = <T>(sql: string, params: unknown[] = []) => dbQuery<T>(app, sql, params);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder] = await Promise.all([createUser(app, 'Sara Student'), createUser(app, 'Kari Koder')]);
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Oppbevaring' }).expect(201)).body
      .id;
    await addMember(app, owner, projectId, coder, 'coder');
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: 'Hei, dette er et intervju.' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('keeps the informant’s consent reference and date per transcript', async () => {
    expect((await app.http.get(`/api/documents/${documentId}/consent`).set(bearer(owner)).expect(200)).body).toEqual({
      reference: null,
      consentDate: null,
    });
    const saved = (
      await app.http
        .put(`/api/documents/${documentId}/consent`)
        .set(bearer(coder))
        .send({ reference: 'Skjema 7', consentDate: '2026-03-14' })
        .expect(200)
    ).body as DocumentConsent;
    expect(saved).toEqual({ reference: 'Skjema 7', consentDate: '2026-03-14' });
    for (const body of [
      { reference: '' },
      { reference: 'x', consentDate: '14.03.2026' },
      { reference: 'x', consentDate: '2026-02-30' },
    ]) {
      await app.http.put(`/api/documents/${documentId}/consent`).set(bearer(owner)).send(body).expect(400);
    }
    const outsider = await createUser(app, 'Otto Outsider');
    await app.http.get(`/api/documents/${documentId}/consent`).set(bearer(outsider)).expect(404);
  });

  it('sets a retention date (owner only, not in the past) and reminds within 30 days', async () => {
    await app.http
      .put(`/api/projects/${projectId}/retention`)
      .set(bearer(coder))
      .send({ retentionUntil: day(100) })
      .expect(403);
    await app.http
      .put(`/api/projects/${projectId}/retention`)
      .set(bearer(owner))
      .send({ retentionUntil: day(-1) })
      .expect(400);
    await app.http
      .put(`/api/projects/${projectId}/retention`)
      .set(bearer(owner))
      .send({ retentionUntil: 'soon' })
      .expect(400);
    const far = (
      await app.http
        .put(`/api/projects/${projectId}/retention`)
        .set(bearer(owner))
        .send({ retentionUntil: day(100) })
        .expect(200)
    ).body as ProjectRetention;
    expect(far).toEqual({ retentionUntil: day(100), daysLeft: 100, reminder: false });
    const near = (
      await app.http
        .put(`/api/projects/${projectId}/retention`)
        .set(bearer(owner))
        .send({ retentionUntil: day(20) })
        .expect(200)
    ).body as ProjectRetention;
    expect(near).toEqual({ retentionUntil: day(20), daysLeft: 20, reminder: true });
    // Every member sees the date.
    expect((await app.http.get(`/api/projects/${projectId}/retention`).set(bearer(coder)).expect(200)).body).toEqual(
      near,
    );
    // Not due yet: the sweep leaves it.
    expect(await app.tolk.app.get(RetentionService).sweep()).toBe(0);
  });

  it('at the date erases the project, its transcripts, update logs, snapshots and audit entries, and logs the erasure', async () => {
    const client: CollabClient = connectCollab(app.url, documentId, coder.token);
    await client.synced;
    client.text.insert(0, 'Redigert. ');
    await app.http
      .post(`/api/projects/${projectId}/snapshots`)
      .set(bearer(owner))
      .send({ name: 'Før sletting' })
      .expect(201);
    await app.http
      .put(`/api/projects/${projectId}/retention`)
      .set(bearer(owner))
      .send({ retentionUntil: day(0) })
      .expect(200);
    const count = async (table: string, column = 'project_id') =>
      Number(
        (
          await query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [
            column === 'project_id' ? projectId : documentId,
          ])
        )[0].n,
      );
    expect(await count('documents')).toBe(1);
    expect(await count('snapshots')).toBe(1);
    expect(await count('audit_entries')).toBeGreaterThan(3);

    expect(await app.tolk.app.get(RetentionService).sweep()).toBe(1);
    expect((await client.closed).code).toBe(4410);
    client.destroy();
    for (const table of ['projects']) expect(await count(table, 'id')).toBe(0);
    for (const table of ['documents', 'snapshots', 'snapshot_blobs', 'project_members', 'project_retention'])
      expect(await count(table)).toBe(0);
    for (const table of ['document_updates', 'document_states', 'document_consents'])
      expect(await count(table, 'document_id')).toBe(0);
    const left = await query<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
      `SELECT action, actor_id, details FROM audit_entries WHERE project_id = $1`,
      [projectId],
    );
    expect(left).toEqual([
      {
        action: 'project.retention_erase',
        actor_id: null,
        details: { retentionUntil: day(0), documents: 1, auditEntries: expect.any(Number) },
      },
    ]);
    await app.http.get(`/api/projects/${projectId}`).set(bearer(owner)).expect(404);
    // Once only.
    expect(await app.tolk.app.get(RetentionService).sweep()).toBe(0);
  });
});
