import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage, Notification, RecordingRetention } from '@tolk/contracts';
import { RecordingRetentionService } from '../../apps/api/src/recordings/recording-retention.service.js';
import { wav } from './support/audio.js';
import {
  addMember,
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * "Delete the recordings by this date": the owner's rule per project, a
 * reminder a week ahead, and the retention sweep deleting every recording
 * once the date has come, audited as done by the system.
 */
describe('recordings deleted by a date', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let sweeper: RecordingRetentionService;
  const audio = wav(3);

  const newDocument = async (title: string) =>
    (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title, text: 'Intervjuer: Hei.' })
        .expect(201)
    ).body.id as string;

  /** A whole upload, or only its first `partial` bytes (an unfinished upload). */
  const upload = async (user: TestUser, documentId: string, partial?: number) => {
    const url = (
      await app.http
        .post(`/api/documents/${documentId}/recording`)
        .set(bearer(user))
        .send({ size: audio.length, filename: 'intervju.wav', contentType: 'audio/wav' })
        .expect(201)
    ).body.uploadUrl as string;
    await app.http
      .patch(url)
      .set(bearer(user))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', '0')
      .set('Content-Type', 'application/offset+octet-stream')
      .send(partial === undefined ? audio : audio.subarray(0, partial))
      .expect(204);
  };

  const rule = (user: TestUser) => app.http.get(`/api/projects/${projectId}/recording-retention`).set(bearer(user));
  const setRule = (user: TestUser, deleteBy: unknown) =>
    app.http.put(`/api/projects/${projectId}/recording-retention`).set(bearer(user)).send({ deleteBy });
  const inbox = async (user: TestUser) =>
    (await app.http.get('/api/notifications').set(bearer(user)).expect(200)).body as Notification[];

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Siri Sensor', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Opptak' }).expect(201)).body.id;
    for (const [user, role] of [
      [coder, 'coder'],
      [viewer, 'viewer'],
    ] as const)
      await addMember(app, owner, projectId, user, role);
    sweeper = app.tolk.app.get(RecordingRetentionService);
  });
  afterAll(async () => {
    await app.close();
  });

  it('is set by the owner only, to a real date not in the past', async () => {
    expect((await rule(viewer).expect(200)).body).toEqual({ deleteBy: null, daysLeft: null, recordings: 0 });
    await rule(outsider).expect(404);
    await setRule(coder, day(Date.now() + 10 * DAY_MS)).expect(403);
    await setRule(outsider, day(Date.now() + 10 * DAY_MS)).expect(404);
    expect((await setRule(owner, day(Date.now() - DAY_MS)).expect(400)).body.reason).toBe('retention_in_past');
    expect((await setRule(owner, '2027-02-30').expect(400)).body.reason).toBe('invalid_date');
    expect((await setRule(owner, 'next week').expect(400)).body.reason).toBe('invalid_input');
    // Nothing of the refused requests stuck.
    expect((await rule(owner).expect(200)).body).toEqual({ deleteBy: null, daysLeft: null, recordings: 0 });
  });

  it('reminds the owner and the uploader a week ahead, once, and then deletes every recording as the system', async () => {
    const first = await newDocument('Informant 1');
    const second = await newDocument('Informant 2');
    const third = await newDocument('Informant 3');
    await upload(owner, first);
    await upload(coder, second);
    await upload(coder, third, 1000); // unfinished: deleted too
    const deleteBy = day(Date.now() + 10 * DAY_MS);
    const set = (await setRule(owner, deleteBy).expect(200)).body as RecordingRetention;
    expect(set).toEqual({ deleteBy, daysLeft: 10, recordings: 3 });
    expect((await rule(viewer).expect(200)).body).toEqual(set);

    // Ten days ahead: no reminder yet, nothing deleted.
    expect(await sweeper.sweep(new Date())).toEqual({ reminded: 0, deleted: 0 });
    // Six days before the date: the owner and the coder (an uploader) are reminded; the viewer is not.
    const sixBefore = new Date(Date.now() + 4 * DAY_MS);
    expect(await sweeper.sweep(sixBefore)).toEqual({ reminded: 1, deleted: 0 });
    expect(await sweeper.sweep(sixBefore)).toEqual({ reminded: 0, deleted: 0 });
    for (const user of [owner, coder]) {
      const reminders = (await inbox(user)).filter((n) => n.kind === 'recording-deadline');
      expect(reminders).toHaveLength(1);
      expect(reminders[0]).toMatchObject({ projectId, actor: null, projectName: 'Opptak' });
    }
    expect((await inbox(viewer)).filter((n) => n.kind === 'recording-deadline')).toEqual([]);
    expect(
      await dbQuery(app, 'SELECT 1 FROM recording_chunks c JOIN recordings r ON r.id = c.recording_id'),
    ).not.toEqual([]);

    // The day itself: every recording and every chunk of the project is gone; the transcripts stay.
    const onTheDay = new Date(Date.parse(`${deleteBy}T06:00:00Z`));
    expect(await sweeper.sweep(onTheDay)).toEqual({ reminded: 0, deleted: 3 });
    expect(await dbQuery(app, 'SELECT id FROM recordings WHERE project_id = $1', [projectId])).toEqual([]);
    expect(await dbQuery(app, 'SELECT 1 FROM recording_chunks')).toEqual([]);
    for (const documentId of [first, second, third]) {
      await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(404);
      expect((await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body.text).toBe(
        'Intervjuer: Hei.',
      );
    }
    expect((await rule(owner).expect(200)).body).toMatchObject({ deleteBy, recordings: 0 });
    // Nothing left to do.
    expect(await sweeper.sweep(onTheDay)).toEqual({ reminded: 0, deleted: 0 });

    const audit = (
      await app.http.get(`/api/projects/${projectId}/audit`).set(bearer(owner)).query({ limit: 500 }).expect(200)
    ).body as AuditPage;
    const deletions = audit.entries.filter((e) => e.action === 'recording.deleted');
    expect(deletions.map((e) => e.target?.id).sort()).toEqual([first, second, third].sort());
    for (const entry of deletions) {
      expect(entry.actor).toBeNull();
      expect(entry.details).toMatchObject({ reason: 'retention', deleteBy });
    }
  });

  it('sends a new reminder for a new date, and removing the rule stops the sweep', async () => {
    const documentId = await newDocument('Informant 4');
    await upload(owner, documentId);
    const deleteBy = day(Date.now() + 3 * DAY_MS);
    await setRule(owner, deleteBy).expect(200);
    const before = (await inbox(owner)).filter((n) => n.kind === 'recording-deadline').length;
    expect(await sweeper.sweep(new Date())).toEqual({ reminded: 1, deleted: 0 });
    expect((await inbox(owner)).filter((n) => n.kind === 'recording-deadline')).toHaveLength(before + 1);

    expect((await setRule(owner, null).expect(200)).body).toEqual({ deleteBy: null, daysLeft: null, recordings: 1 });
    expect(await sweeper.sweep(new Date(Date.now() + 30 * DAY_MS))).toEqual({ reminded: 0, deleted: 0 });
    await app.http.get(`/api/documents/${documentId}/recording`).set(bearer(owner)).expect(200);
  });
});
