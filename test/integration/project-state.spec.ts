import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Coding } from '@tolk/contracts';
import { ProjectStateService } from '../../apps/api/src/project-state/project-state.service.js';
import { ProjectAccessService } from '../../apps/api/src/projects/project-access.service.js';
import { connectCollab } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

const TEXT = 'Intervjuer: Hvordan var det?\nInformant 1: Vi ble mer digitale, og det var krevende.';

/** The one loader that analysis and exports read: the project as it is now, live edits included. */
describe('project state (now)', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let projectId: string;
  let documentId: string;
  let state: ProjectStateService;

  const at = (phrase: string) => ({ start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length });

  beforeAll(async () => {
    app = await startTestApp();
    state = app.tolk.app.get(ProjectStateService);
    [owner, coder] = await Promise.all([createUser(app, 'Sara Student'), createUser(app, 'Kari Koder')]);
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Digitalisering' }).expect(201))
      .body.id;
    await addMember(app, owner, projectId, coder, 'coder');
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: TEXT, attributes: { utdanning: 'sosionom' } })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('holds documents, codebook, codings, comments and memos, with everyone they mention', async () => {
    const parent = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Digitalisering' })
        .expect(201)
    ).body;
    const child = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Krevende', parentId: parent.id })
        .expect(201)
    ).body;
    await app.http
      .post(`/api/documents/${documentId}/codings`)
      .set(bearer(owner))
      .send({ codeId: parent.id, ...at('mer digitale') })
      .expect(201);
    await app.http
      .post(`/api/documents/${documentId}/codings`)
      .set(bearer(coder))
      .send({ codeId: child.id, ...at('krevende') })
      .expect(201);
    await app.http
      .post(`/api/documents/${documentId}/comments`)
      .set(bearer(coder))
      .send({ body: 'Sitat?', ...at('det var krevende') })
      .expect(201);
    await app.http.put(`/api/codes/${child.id}/memo`).set(bearer(owner)).send({ body: 'Belastning.' }).expect(200);

    const now = await state.current(projectId);
    expect(now.project).toEqual({ id: projectId, name: 'Digitalisering', description: '' });
    expect(now.snapshot).toBeNull();
    expect(now.documents).toEqual([
      expect.objectContaining({
        id: documentId,
        title: 'Informant 1',
        text: TEXT,
        attributes: { utdanning: 'sosionom' },
      }),
    ]);
    expect(now.codes.map((c) => [c.name, c.parentId])).toEqual([
      ['Digitalisering', null],
      ['Krevende', parent.id],
    ]);
    expect(now.codings.map((c) => [c.quote, c.createdBy])).toEqual([
      ['mer digitale', owner.id],
      ['krevende', coder.id],
    ]);
    expect(now.comments).toEqual([
      expect.objectContaining({
        body: 'Sitat?',
        quote: 'det var krevende',
        author: { id: coder.id, name: 'Kari Koder' },
      }),
    ]);
    expect(now.memos).toEqual([
      expect.objectContaining({
        scope: 'code',
        targetId: child.id,
        body: 'Belastning.',
        updatedBy: { id: owner.id, name: 'Sara Student' },
      }),
    ]);
    expect(now.users.map((u) => u.name)).toEqual(['Kari Koder', 'Sara Student']);
  });

  it('reads the live text and codings moved by an edit a moment ago', async () => {
    const client = connectCollab(app.url, documentId, owner.token);
    try {
      await client.synced;
      client.text.insert(0, 'Dato: mars.\n');
      const expected = `Dato: mars.\n${TEXT}`;
      let now = await state.current(projectId);
      const deadline = Date.now() + 5_000;
      while (now.documents[0].text !== expected && Date.now() < deadline) now = await state.current(projectId);
      expect(now.documents[0].text).toBe(expected);
      const codings: Coding[] = now.codings;
      const moved = codings.find((c) => c.quote === 'mer digitale')!;
      expect(expected.slice(moved.start, moved.end)).toBe('mer digitale');
      expect(moved.start).toBe(TEXT.indexOf('mer digitale') + 'Dato: mars.\n'.length);
    } finally {
      client.destroy();
    }
  });

  it('shows a coder under blind coding only their own codings', async () => {
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    const access = app.tolk.app.get(ProjectAccessService);
    const forCoder = await state.current(projectId, {
      actor: { userId: coder.id },
      access: (await access.find({ userId: coder.id }, projectId))!,
    });
    expect(forCoder.codings.map((c) => c.createdBy)).toEqual([coder.id]);
    const forOwner = await state.current(projectId, {
      actor: { userId: owner.id },
      access: (await access.find({ userId: owner.id }, projectId))!,
    });
    expect(forOwner.codings).toHaveLength(2);
  });
});
