import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Invitation, Notification } from '@tolk/contracts';
import { bearer, createUser, dbQuery, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/** Issue 17, finding 4: account discovery and forced membership. */
describe('invitations', () => {
  let app: TestApp;
  let owner: TestUser;
  let known: TestUser;
  let outsider: TestUser;

  const newProject = async (name = 'Bacheloroppgave') =>
    ((await app.http.post('/api/projects').set(bearer(owner)).send({ name }).expect(201)).body as { id: string }).id;
  const invite = (projectId: string, email: string, role = 'coder', by = owner) =>
    app.http.post(`/api/projects/${projectId}/invitations`).set(bearer(by)).send({ email, role });
  const pending = async (user: TestUser) =>
    (await app.http.get('/api/invitations').set(bearer(user)).expect(200)).body as Invitation[];

  beforeAll(async () => {
    // The default limit (20 per 10 minutes), as a deployment has it.
    app = await startTestApp({ invitationsPerTenMinutes: 20 });
    [owner, known, outsider] = await Promise.all(
      ['Olga Eier', 'Kari Kjent', 'Otto Utenfor'].map((n) => createUser(app, n)),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a known and an unknown address identically, and adds nobody', async () => {
    const projectId = await newProject();
    const strip = (r: { status: number; body: unknown; headers: Record<string, string> }) => ({
      status: r.status,
      body: r.body,
      type: r.headers['content-type'],
      length: r.headers['content-length'],
    });
    const a = await invite(projectId, known.email);
    const b = await invite(projectId, 'ingen-konto@test.example');
    const c = await app.http
      .post(`/api/projects/${projectId}/members`)
      .set(bearer(owner))
      .send({ email: 'ingen-konto-2@test.example', role: 'owner' });
    const d = await app.http
      .post(`/api/projects/${projectId}/members`)
      .set(bearer(owner))
      .send({ email: known.email, role: 'owner' });
    expect(strip(a)).toEqual(strip(b));
    expect(strip(c)).toEqual(strip(a));
    expect(strip(d)).toEqual(strip(a));
    expect(a.status).toBe(202);
    expect(JSON.stringify(a.body)).not.toContain('Kari');
    // Nobody joined: the members are the owner alone, and the invitee cannot open the project.
    const members = (await app.http.get(`/api/projects/${projectId}/members`).set(bearer(owner)).expect(200)).body as {
      userId: string;
    }[];
    expect(members.map((m) => m.userId)).toEqual([owner.id]);
    await app.http.get(`/api/projects/${projectId}`).set(bearer(known)).expect(404);
    // Owners-to-be are no owners: the invitee's account can still be erased.
    const spare = await createUser(app, 'Reserve');
    await invite(projectId, spare.email, 'owner').expect(202);
    await app.http.delete('/api/me').set(bearer(spare)).expect(204);
    // Erasing the account takes the invitations to its address along.
    expect(await dbQuery(app, 'SELECT id FROM invitations WHERE email = $1', [spare.email.toLowerCase()])).toEqual([]);
  });

  it('the invitee sees it (and a notification), accepts, and only then is a member with the role', async () => {
    const projectId = await newProject('Masteroppgave');
    await invite(projectId, known.email.toUpperCase(), 'owner').expect(202);
    const [invitation] = (await pending(known)).filter((i) => i.projectId === projectId);
    expect(invitation).toEqual({
      id: expect.any(String),
      projectId,
      projectName: 'Masteroppgave',
      role: 'owner',
      invitedBy: { id: owner.id, name: 'Olga Eier' },
      createdAt: expect.any(String),
    });
    const notifications = (await app.http.get('/api/notifications').set(bearer(known)).expect(200))
      .body as Notification[];
    expect(notifications.find((n) => n.kind === 'invitation' && n.projectId === projectId)).toMatchObject({
      invitationId: invitation.id,
      actor: { id: owner.id },
    });
    expect(await pending(outsider)).toEqual([]);

    // Only the invitee: anyone else gets the 404 of a missing invitation.
    await app.http.post(`/api/invitations/${invitation.id}/accept`).set(bearer(outsider)).expect(404);
    await app.http.post(`/api/invitations/${invitation.id}/accept`).set(bearer(owner)).expect(404);
    await app.http.get(`/api/projects/${projectId}`).set(bearer(known)).expect(404);

    const joined = await app.http.post(`/api/invitations/${invitation.id}/accept`).set(bearer(known)).expect(200);
    expect(joined.body).toMatchObject({ id: projectId, role: 'owner' });
    expect((await app.http.get(`/api/projects/${projectId}`).set(bearer(known)).expect(200)).body.role).toBe('owner');
    await app.http.post(`/api/invitations/${invitation.id}/accept`).set(bearer(known)).expect(404);
    expect((await pending(known)).filter((i) => i.projectId === projectId)).toEqual([]);
    // Answered, its notification no longer waits (it stays in the inbox, read).
    const after = (await app.http.get('/api/notifications').set(bearer(known)).expect(200)).body as Notification[];
    expect(after.find((n) => n.invitationId === invitation.id)?.readAt).toEqual(expect.any(String));
    expect(
      (
        (await app.http.get('/api/notifications?unread=true').set(bearer(known)).expect(200)).body as Notification[]
      ).filter((n) => n.invitationId === invitation.id),
    ).toEqual([]);
  });

  it('declining leaves the person out; an address without an account finds it on registering', async () => {
    const projectId = await newProject('Prosjekt');
    await invite(projectId, outsider.email, 'viewer').expect(202);
    const [invitation] = await pending(outsider);
    await app.http.post(`/api/invitations/${invitation.id}/decline`).set(bearer(known)).expect(404);
    const told = (await app.http.get('/api/notifications').set(bearer(outsider)).expect(200)).body as Notification[];
    expect(told.map((n) => n.invitationId)).toEqual([invitation.id]);
    await app.http.post(`/api/invitations/${invitation.id}/decline`).set(bearer(outsider)).expect(204);
    expect(await pending(outsider)).toEqual([]);
    // Declined, the invitation's notification is gone from the inbox and the count.
    expect((await app.http.get('/api/notifications').set(bearer(outsider)).expect(200)).body).toEqual([]);
    expect((await app.http.get('/api/notifications/unread-count').set(bearer(outsider)).expect(200)).body).toEqual({
      count: 0,
    });
    await app.http.get(`/api/projects/${projectId}`).set(bearer(outsider)).expect(404);

    const email = `senere-${Date.now()}@test.example`;
    await invite(projectId, email, 'coder').expect(202);
    await app.http.post('/api/auth/register').send({ email, password: 'correct horse battery', name: 'Senere' });
    const login = await app.http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
    const later = { token: (login.body as { accessToken: string }).accessToken } as TestUser;
    const [waiting] = await pending(later);
    expect(waiting).toMatchObject({ projectId, role: 'coder' });
  });

  it('members other than the owner may not invite; outsiders get 404', async () => {
    const projectId = await newProject();
    await invite(projectId, known.email, 'coder').expect(202);
    const [invitation] = (await pending(known)).filter((i) => i.projectId === projectId);
    await app.http.post(`/api/invitations/${invitation.id}/accept`).set(bearer(known)).expect(200);
    await invite(projectId, 'x@test.example', 'coder', known).expect(403);
    await invite(projectId, 'x@test.example', 'coder', outsider).expect(404);
  });

  it('21 invitations in a row: the 21st is refused with 429 and Retry-After', async () => {
    const inviter = await createUser(app, 'Ivrig');
    const projectId = (
      (await app.http.post('/api/projects').set(bearer(inviter)).send({ name: 'Mange' }).expect(201)).body as {
        id: string;
      }
    ).id;
    for (let i = 0; i < 20; i++) await invite(projectId, `proeve-${i}@test.example`, 'viewer', inviter).expect(202);
    const refused = await invite(projectId, 'proeve-20@test.example', 'viewer', inviter).expect(429);
    expect(refused.body.reason).toBe('too_many_invitations');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The other route that invites shares the limit.
    await app.http
      .post(`/api/projects/${projectId}/members`)
      .set(bearer(inviter))
      .send({ email: 'proeve-21@test.example', role: 'viewer' })
      .expect(429);
  });
});
