import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

describe('projects and members', () => {
  let app: TestApp;
  let student: TestUser;
  let veileder: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    [student, veileder] = await Promise.all([createUser(app, 'Student'), createUser(app, 'Veileder')]);
  });
  afterAll(async () => {
    await app.close();
  });

  const newProject = async (owner = student) =>
    (
      await app.http
        .post('/api/projects')
        .set(bearer(owner))
        .send({ name: 'Bacheloroppgave', description: 'Rus og covid' })
        .expect(201)
    ).body as { id: string };

  it('creates a project with the creator as owner and the default settings', async () => {
    const res = await app.http
      .post('/api/projects')
      .set(bearer(student))
      .send({ name: '  Bacheloroppgave  ' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Bacheloroppgave',
      description: '',
      role: 'owner',
      settings: { supervisorCanEditText: false, blindCoding: false, searchLanguage: 'norwegian' },
      createdAt: expect.any(String),
    });
    const members = await app.http.get(`/api/projects/${res.body.id}/members`).set(bearer(student)).expect(200);
    expect(members.body).toEqual([{ userId: student.id, email: student.email, name: 'Student', role: 'owner' }]);
  });

  it('changes name, description and one setting without touching the other', async () => {
    const { id } = await newProject();
    const res = await app.http
      .patch(`/api/projects/${id}`)
      .set(bearer(student))
      .send({ name: 'Nytt navn', settings: { supervisorCanEditText: true } })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Nytt navn',
      description: 'Rus og covid',
      settings: { supervisorCanEditText: true, blindCoding: false },
    });
    await app.http
      .patch(`/api/projects/${id}`)
      .set(bearer(student))
      .send({ settings: { blindCoding: 'yes' } })
      .expect(400);
    const read = await app.http.get(`/api/projects/${id}`).set(bearer(student)).expect(200);
    expect(read.body.settings).toEqual({
      supervisorCanEditText: true,
      blindCoding: false,
      searchLanguage: 'norwegian',
    });
  });

  it('adding by email invites (202, nobody added); by user id adds only someone sharing a project, never as owner', async () => {
    const { id } = await newProject();
    await app.http
      .post(`/api/projects/${id}/members`)
      .set(bearer(student))
      .send({ email: veileder.email.toUpperCase(), role: 'supervisor' })
      .expect(202);
    // Not a member until they accept.
    await app.http.get(`/api/projects/${id}`).set(bearer(veileder)).expect(404);
    const unknown = await app.http
      .post(`/api/projects/${id}/members`)
      .set(bearer(student))
      .send({ email: 'ingen@example.org', role: 'coder' })
      .expect(202);
    expect(unknown.body).toEqual({});
    const bad = await app.http
      .post(`/api/projects/${id}/members`)
      .set(bearer(student))
      .send({ email: veileder.email, role: 'admin' })
      .expect(400);
    expect(bad.body.message.join()).toMatch(/role must be one of owner, supervisor, coder, viewer/);

    // By user id: a stranger's id is a 404 like a missing one; someone sharing a project is added.
    const stranger = await createUser(app, 'Fremmed');
    await app.http
      .post(`/api/projects/${id}/members`)
      .set(bearer(student))
      .send({ userId: stranger.id, role: 'coder' })
      .expect(404);
    await addMember(app, student, id, veileder, 'supervisor');
    const other = await newProject();
    await app.http
      .post(`/api/projects/${other.id}/members`)
      .set(bearer(student))
      .send({ userId: veileder.id, role: 'owner' })
      .expect(400);
    const added = await app.http
      .post(`/api/projects/${other.id}/members`)
      .set(bearer(student))
      .send({ userId: veileder.id, role: 'coder' })
      .expect(201);
    expect(added.body).toEqual({ userId: veileder.id, email: veileder.email, name: 'Veileder', role: 'coder' });
    await app.http
      .post(`/api/projects/${other.id}/members`)
      .set(bearer(student))
      .send({ userId: veileder.id, role: 'coder' })
      .expect(409);
    const project = await app.http.get(`/api/projects/${id}`).set(bearer(veileder)).expect(200);
    expect(project.body.role).toBe('supervisor');
  });

  it('never lets the last owner go: not by demotion, removal or leaving', async () => {
    const { id } = await newProject();
    const demote = await app.http
      .patch(`/api/projects/${id}/members/${student.id}`)
      .set(bearer(student))
      .send({ role: 'coder' })
      .expect(409);
    expect(demote.body.message).toMatch(/owner/);
    await app.http.delete(`/api/projects/${id}/members/${student.id}`).set(bearer(student)).expect(409);

    // With a second owner, one may step down.
    await addMember(app, student, id, veileder, 'owner');
    await app.http
      .patch(`/api/projects/${id}/members/${student.id}`)
      .set(bearer(student))
      .send({ role: 'coder' })
      .expect(200);
    await app.http.delete(`/api/projects/${id}/members/${veileder.id}`).set(bearer(veileder)).expect(409);
    const members = await app.http.get(`/api/projects/${id}/members`).set(bearer(veileder)).expect(200);
    expect((members.body as { role: string }[]).filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('two owners demoting each other at the same instant leave one owner', async () => {
    const { id } = await newProject();
    await addMember(app, student, id, veileder, 'owner');
    const results = await Promise.all([
      app.http.patch(`/api/projects/${id}/members/${veileder.id}`).set(bearer(student)).send({ role: 'viewer' }),
      app.http.patch(`/api/projects/${id}/members/${student.id}`).set(bearer(veileder)).send({ role: 'viewer' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // The first wins; the second then is either refused (last owner) or no longer an owner (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM project_members WHERE project_id = $1 AND role = 'owner'`,
      [id],
    );
    await client.end();
    expect(rows[0].n).toBe(1);
  });

  it('lets any member leave, and then the project is gone for them', async () => {
    const { id } = await newProject();
    await addMember(app, student, id, veileder, 'viewer');
    await app.http.delete(`/api/projects/${id}/members/${veileder.id}`).set(bearer(veileder)).expect(204);
    await app.http.get(`/api/projects/${id}`).set(bearer(veileder)).expect(404);
  });

  it('deleting a project erases its members and documents', async () => {
    const { id } = await newProject();
    const doc = await app.http
      .post(`/api/projects/${id}/documents`)
      .set(bearer(student))
      .send({ title: 'T', text: 'x' })
      .expect(201);
    await app.http.delete(`/api/projects/${id}`).set(bearer(student)).expect(204);
    await app.http.get(`/api/projects/${id}`).set(bearer(student)).expect(404);
    await app.http.get(`/api/documents/${doc.body.id}`).set(bearer(student)).expect(404);
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM project_members WHERE project_id = $1)::int AS members,
              (SELECT count(*) FROM documents WHERE project_id = $1)::int AS documents`,
      [id],
    );
    await client.end();
    expect(rows[0]).toEqual({ members: 0, documents: 0 });
  });

  it('deleting a project keeps its audit entries without titles, names or addresses, and records the deletion', async () => {
    // Finding 5 of issue 17: the entries' details held titles naming informants, and nothing removed them.
    const { id } = await newProject();
    await app.http
      .patch(`/api/projects/${id}`)
      .set(bearer(student))
      .send({ name: 'Prosjekt om Kari Nordmann' })
      .expect(200);
    const doc = (
      await app.http
        .post(`/api/projects/${id}/documents`)
        .set(bearer(student))
        .send({ title: 'Intervju med Kari Nordmann', text: 'Kari forteller.' })
        .expect(201)
    ).body as { id: string };
    await app.http.get(`/api/documents/${doc.id}`).set(bearer(student)).expect(200);
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    const entries = async () =>
      (
        await client.query<{ action: string; actor_id: string | null; details: object; ip: string | null }>(
          'SELECT action, actor_id, details, ip FROM audit_entries WHERE project_id = $1 ORDER BY id',
          [id],
        )
      ).rows;
    try {
      const before = await entries();
      expect(JSON.stringify(before)).toContain('Kari Nordmann');
      expect(before.some((e) => e.ip !== null)).toBe(true);

      await app.http.delete(`/api/projects/${id}`).set(bearer(student)).expect(204);

      const after = await entries();
      expect(JSON.stringify(after)).not.toContain('Kari');
      expect(after.every((e) => e.ip === null || e.action === 'project.delete')).toBe(true);
      // Each earlier entry is still there (the fact of what was done), ids and counts kept.
      expect(after.slice(0, before.length).map((e) => e.action)).toEqual(before.map((e) => e.action));
      expect(after.find((e) => e.action === 'document.create')?.details).toEqual({});
      expect(after.at(-1)).toMatchObject({
        action: 'project.delete',
        actor_id: student.id,
        details: { auditEntries: before.length },
      });
      expect(after).toHaveLength(before.length + 1);
    } finally {
      await client.end();
    }
  });
});
