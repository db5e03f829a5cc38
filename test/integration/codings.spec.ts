import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Code, Coding, CodingVersion } from '@tolk/contracts';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

const TEXT =
  'Intervjuer: Hvordan har pandemien påvirket brukermedvirkningen?\nInformant 1: Vi mistet kontakten med mange brukere.';
const SEGMENT = 'Vi mistet kontakten';

describe('codebook and codings', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  const clients: CollabClient[] = [];

  const newDocument = async (text = TEXT) =>
    (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text })
        .expect(201)
    ).body.id as string;
  const newCode = async (name: string, extra: object = {}, user = owner) =>
    (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(user))
        .send({ name, ...extra })
        .expect(201)
    ).body as Code;
  const code = (documentId: string, codeId: string, start: number, end: number, user = owner) =>
    app.http.post(`/api/documents/${documentId}/codings`).set(bearer(user)).send({ codeId, start, end });
  const codings = async (documentId: string, user = owner) =>
    (await app.http.get(`/api/documents/${documentId}/codings`).set(bearer(user)).expect(200)).body as Coding[];

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Koding' }).expect(201)).body.id;
    for (const [user, role] of [
      [coder, 'coder'],
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('codebook', () => {
    it('creates a tree of codes with colours, refuses duplicates among siblings, and moves without cycles', async () => {
      const parent = await newCode('Relasjoner', { color: '#AA3366', description: 'Tema 5.4' });
      expect(parent).toMatchObject({
        name: 'Relasjoner',
        color: '#aa3366',
        description: 'Tema 5.4',
        parentId: null,
        version: 1,
      });
      const child = await newCode('Tillit', { parentId: parent.id });
      expect(child.color).toMatch(/^#[0-9a-f]{6}$/);
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'tillit', parentId: parent.id })
        .expect(409);
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tillit' }).expect(201);
      const bad = await app.http
        .patch(`/api/codes/${parent.id}`)
        .set(bearer(owner))
        .send({ parentId: child.id })
        .expect(400);
      expect(bad.body.message).toMatch(/sub-codes/);
      const renamed = await app.http
        .patch(`/api/codes/${child.id}`)
        .set(bearer(coder))
        .send({ name: 'Tillit og trygghet', version: 1 })
        .expect(200);
      expect(renamed.body).toMatchObject({ name: 'Tillit og trygghet', version: 2 });
      await app.http.patch(`/api/codes/${child.id}`).set(bearer(owner)).send({ name: 'Stale', version: 1 }).expect(409);
      const listed = (await app.http.get(`/api/projects/${projectId}/codes`).set(bearer(viewer)).expect(200))
        .body as Code[];
      expect(listed.find((c) => c.id === child.id)).toMatchObject({ parentId: parent.id, name: 'Tillit og trygghet' });
    });

    it('lets owners and coders change the codebook; supervisors and viewers may not; outsiders see nothing', async () => {
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(coder))
        .send({ name: 'Fra koder' })
        .expect(201);
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(supervisor)).send({ name: 'X' }).expect(403);
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(viewer)).send({ name: 'X' }).expect(403);
      const outsiders = await app.http.get(`/api/projects/${projectId}/codes`).set(bearer(outsider)).expect(404);
      expect(outsiders.body.message).toBe('Project not found');
      const someCode = await newCode('Synlig');
      const foreign = await app.http
        .patch(`/api/codes/${someCode.id}`)
        .set(bearer(outsider))
        .send({ name: 'Y' })
        .expect(404);
      const missing = await app.http
        .patch(`/api/codes/00000000-0000-4000-8000-000000000000`)
        .set(bearer(owner))
        .send({ name: 'Y' })
        .expect(404);
      expect(foreign.body).toEqual(missing.body);
    });
  });

  describe('codings', () => {
    it('codes a segment by offsets and returns the quote; overlapping codings and several codes on one segment', async () => {
      const documentId = await newDocument();
      const theme = await newCode('Kontakt');
      const other = await newCode('Tap');
      const start = TEXT.indexOf(SEGMENT);
      const created = await code(documentId, theme.id, start, start + SEGMENT.length).expect(201);
      expect(created.body).toMatchObject({
        documentId,
        codeId: theme.id,
        start,
        end: start + SEGMENT.length,
        quote: SEGMENT,
        createdBy: owner.id,
        version: 1,
        textDeleted: false,
      });
      await code(documentId, other.id, start, start + SEGMENT.length).expect(201);
      await code(documentId, other.id, start + 3, TEXT.length, coder).expect(201);
      expect(await codings(documentId, viewer)).toHaveLength(3);
    });

    it('refuses bad ranges, foreign codes and viewers with clear errors, saving nothing', async () => {
      const documentId = await newDocument();
      const theme = await newCode('Avgrensning');
      for (const [start, end] of [
        [5, 5],
        [10, 2],
        [0, TEXT.length + 1],
      ]) {
        const res = await code(documentId, theme.id, start, end).expect(400);
        expect(JSON.stringify(res.body.message)).toMatch(/start|end|range|offset|segment/i);
      }
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(owner))
        .send({ codeId: theme.id })
        .expect(400);
      await code(documentId, '00000000-0000-4000-8000-000000000000', 0, 5).expect(400);
      await code(documentId, theme.id, 0, 5, viewer).expect(403);
      await code(documentId, theme.id, 0, 5, outsider).expect(404);
      expect(await codings(documentId)).toEqual([]);
    });

    it('keeps a coding on the same words while a stock Yjs client edits before, at the start of, and after the segment', async () => {
      const documentId = await newDocument();
      const theme = await newCode('Forankring');
      const start = TEXT.indexOf(SEGMENT);
      const coding = (await code(documentId, theme.id, start, start + SEGMENT.length).expect(201)).body as Coding;

      const client = connectCollab(app.url, documentId, coder.token);
      clients.push(client);
      await client.synced;
      client.text.insert(0, 'NY INNLEDNING. '); // before
      client.text.insert(client.text.toString().indexOf(SEGMENT), '«'); // exactly at the start
      const afterSegment = client.text.toString().indexOf(SEGMENT) + SEGMENT.length;
      client.text.delete(afterSegment + 1, 5); // after
      const expectedStart = client.text.toString().indexOf(SEGMENT);
      let current: Coding | undefined;
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        current = (await codings(documentId)).find((c) => c.id === coding.id);
        if (current?.start === expectedStart) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(current).toMatchObject({
        start: expectedStart,
        end: expectedStart + SEGMENT.length,
        quote: SEGMENT,
        textDeleted: false,
      });

      // A typo fixed inside the segment stays inside it.
      client.text.insert(client.text.toString().indexOf('kontakten'), 'den ');
      await eventually(() => client.text.toString().includes('Vi mistet den kontakten'), 'the local edit');
      let fixed: Coding | undefined;
      const deadline2 = Date.now() + 5_000;
      while (Date.now() < deadline2) {
        fixed = (await codings(documentId)).find((c) => c.id === coding.id);
        if (fixed?.quote === 'Vi mistet den kontakten') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(fixed?.quote).toBe('Vi mistet den kontakten');
    });

    it('reports a coding whose text was entirely deleted, instead of moving it elsewhere', async () => {
      const documentId = await newDocument();
      const theme = await newCode('Slettet tekst');
      const start = TEXT.indexOf(SEGMENT);
      const coding = (await code(documentId, theme.id, start, start + SEGMENT.length).expect(201)).body as Coding;
      const client = connectCollab(app.url, documentId, owner.token);
      clients.push(client);
      await client.synced;
      client.text.delete(start - 2, SEGMENT.length + 6);
      let current: Coding | undefined;
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        current = (await codings(documentId)).find((c) => c.id === coding.id);
        if (current?.textDeleted) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(current).toMatchObject({ textDeleted: true, quote: '' });
      expect(current!.end).toBe(current!.start);
    });

    it('versions every change: 409 on a stale version, history lists every version with actor', async () => {
      const documentId = await newDocument();
      const a = await newCode('Versjon A');
      const b = await newCode('Versjon B');
      const coding = (await code(documentId, a.id, 0, 10).expect(201)).body as Coding;
      const recoded = await app.http
        .patch(`/api/codings/${coding.id}`)
        .set(bearer(coder))
        .send({ codeId: b.id, version: 1 })
        .expect(200);
      expect(recoded.body).toMatchObject({ codeId: b.id, version: 2 });
      const stale = await app.http
        .patch(`/api/codings/${coding.id}`)
        .set(bearer(owner))
        .send({ end: 12, version: 1 })
        .expect(409);
      expect(stale.body.message).toMatch(/version 2/);
      expect(stale.body.details).toEqual({ reason: 'stale_version', version: 2 });
      await app.http.patch(`/api/codings/${coding.id}`).set(bearer(owner)).send({ end: 12, version: 2 }).expect(200);
      await app.http.delete(`/api/codings/${coding.id}`).set(bearer(owner)).expect(204);
      expect((await codings(documentId)).map((c) => c.id)).not.toContain(coding.id);
      const restored = await app.http.post(`/api/codings/${coding.id}/restore`).set(bearer(coder)).expect(200);
      expect(restored.body.version).toBe(5);

      const history = (await app.http.get(`/api/codings/${coding.id}/history`).set(bearer(viewer)).expect(200))
        .body as CodingVersion[];
      expect(history.map((h) => [h.version, h.action, h.actor.name])).toEqual([
        [1, 'created', 'Sara Student'],
        [2, 'recoded', 'Kari Koder'],
        [3, 'resized', 'Sara Student'],
        [4, 'deleted', 'Sara Student'],
        [5, 'restored', 'Kari Koder'],
      ]);
      expect(history[2]).toMatchObject({ start: 0, end: 12, quote: TEXT.slice(0, 12), codeId: b.id });
    });

    it('merging a code moves its codings to the other and retires it; deleting a used code needs force', async () => {
      const documentId = await newDocument();
      const from = await newCode('Digital oppfølging');
      const into = await newCode('Digitalisering');
      const sub = await newCode('Teams', { parentId: from.id });
      const moved = (await code(documentId, from.id, 0, 10).expect(201)).body as Coding;
      await app.http.post(`/api/codes/${from.id}/merge`).set(bearer(owner)).send({ intoCodeId: into.id }).expect(204);
      const codes = (await app.http.get(`/api/projects/${projectId}/codes`).set(bearer(owner)).expect(200))
        .body as Code[];
      expect(codes.map((c) => c.id)).not.toContain(from.id);
      expect(codes.find((c) => c.id === sub.id)?.parentId).toBe(into.id);
      expect((await codings(documentId)).find((c) => c.id === moved.id)?.codeId).toBe(into.id);
      const history = (await app.http.get(`/api/codings/${moved.id}/history`).set(bearer(owner)).expect(200))
        .body as CodingVersion[];
      expect(history.at(-1)).toMatchObject({ action: 'recoded', codeId: into.id });

      const all = (await app.http.get(`/api/projects/${projectId}/codes?retired=true`).set(bearer(owner)).expect(200))
        .body as Code[];
      expect(all.find((c) => c.id === from.id)).toMatchObject({
        retired: true,
        mergedIntoId: into.id,
        name: 'Digital oppfølging',
      });

      const refused = await app.http.delete(`/api/codes/${into.id}`).set(bearer(owner)).expect(409);
      expect(refused.body.message).toMatch(/force/);
      expect(refused.body.details).toEqual({ reason: 'code_in_use', codings: 1 });
      await app.http.delete(`/api/codes/${into.id}?force=true`).set(bearer(owner)).expect(204);
      expect(await codings(documentId)).toEqual([]);
      await app.http.patch(`/api/codes/${into.id}`).set(bearer(owner)).send({ name: 'Gone' }).expect(404);
    });

    it('with blind coding, each coder sees only their own codings; the owner sees all and can reveal them', async () => {
      const documentId = await newDocument();
      const theme = await newCode('Blind');
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { blindCoding: true } })
        .expect(200);
      try {
        const mine = (await code(documentId, theme.id, 0, 10, coder).expect(201)).body as Coding;
        const theirs = (await code(documentId, theme.id, 5, 20, supervisor).expect(201)).body as Coding;
        expect((await codings(documentId, coder)).map((c) => c.id)).toEqual([mine.id]);
        expect((await codings(documentId, supervisor)).map((c) => c.id)).toEqual([theirs.id]);
        expect((await codings(documentId, owner)).map((c) => c.id).sort()).toEqual([mine.id, theirs.id].sort());
        // Another coder's coding is as if missing.
        await app.http.get(`/api/codings/${theirs.id}/history`).set(bearer(coder)).expect(404);
        await app.http.patch(`/api/codings/${theirs.id}`).set(bearer(coder)).send({ end: 25, version: 1 }).expect(404);
      } finally {
        await app.http
          .patch(`/api/projects/${projectId}`)
          .set(bearer(owner))
          .send({ settings: { blindCoding: false } })
          .expect(200);
      }
      expect(await codings(documentId, coder)).toHaveLength(2);
    });
  });
});
