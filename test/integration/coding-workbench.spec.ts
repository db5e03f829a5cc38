import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClientToServerEvents,
  Code,
  Coding,
  CodingVersion,
  JoinAck,
  Segment,
  ServerToClientEvents,
  TolkDocument,
} from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Four turns of speech and an empty line: five lines to cite. */
const TEXT = [
  'Intervjuer: Hvordan har pandemien påvirket arbeidet?\n',
  'Informant 2: Vi mistet kontakten med mange brukere.\n',
  '\n',
  'Intervjuer: Hva gjorde dere da?\n',
  'Informant 2: Vi ringte dem, hver uke, i to år.',
].join('');
const at = (words: string) => TEXT.indexOf(words);

describe('coding workbench: line numbers and resizing codings', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let projectId: string;
  let documentId: string;
  let code: Code;
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];

  const newCoding = async (start: number, end: number, user = owner) =>
    (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(user))
        .send({ codeId: code.id, start, end })
        .expect(201)
    ).body as Coding;
  const resize = (coding: { id: string }, body: object, user = owner) =>
    app.http.patch(`/api/codings/${coding.id}`).set(bearer(user)).send(body);
  const history = async (coding: { id: string }, user = owner) =>
    (await app.http.get(`/api/codings/${coding.id}/history`).set(bearer(user)).expect(200)).body as CodingVersion[];
  const setBlind = (on: boolean) =>
    app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: on } })
      .expect(200);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, supervisor, viewer] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Viktor Veileder', 'Vera Viewer'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Benk' }).expect(201)).body.id;
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
    code = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Kontakt' }).expect(201)
    ).body;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('line numbers', () => {
    it('GET /api/documents/:id numbers a line per turn of speech, an empty line too, tiling the text', async () => {
      const document = (await app.http.get(`/api/documents/${documentId}`).set(bearer(viewer)).expect(200))
        .body as TolkDocument;
      expect(document.lines.map((l) => l.n)).toEqual([1, 2, 3, 4, 5]);
      expect(document.lines[0].start).toBe(0);
      expect(document.lines.at(-1)!.end).toBe(TEXT.length);
      expect(document.lines.map((l) => TEXT.slice(l.start, l.end))).toEqual([
        'Intervjuer: Hvordan har pandemien påvirket arbeidet?\n',
        'Informant 2: Vi mistet kontakten med mange brukere.\n',
        '\n',
        'Intervjuer: Hva gjorde dere da?\n',
        'Informant 2: Vi ringte dem, hver uke, i to år.',
      ]);
    });

    it('a live edit renumbers only the lines after it; segments carry lineStart and lineEnd of the text as it is now', async () => {
      const spanning = await newCoding(at('Vi mistet'), at('hver uke'));
      const last = await newCoding(at('Vi ringte'), TEXT.length);
      const segments = async () =>
        (
          (
            await app.http
              .get(`/api/projects/${projectId}/segments?documentId=${documentId}`)
              .set(bearer(owner))
              .expect(200)
          ).body as Segment[]
        ).filter((s) => s.codingId === spanning.id || s.codingId === last.id);
      expect((await segments()).map((s) => [s.codingId, s.lineStart, s.lineEnd])).toEqual([
        [spanning.id, 2, 5],
        [last.id, 5, 5],
      ]);

      // Someone splits line 4 in two: lines 1–4 keep their numbers, the last turn is now line 6.
      const client = connectCollab(app.url, documentId, owner.token);
      clients.push(client);
      await client.synced;
      const document = async () =>
        (await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body as TolkDocument;
      const original = (await document()).lines;
      client.text.insert(at('Hva gjorde'), '\n');
      let lines = (await document()).lines;
      for (let i = 0; i < 20 && lines.length !== 6; i++) {
        await new Promise((r) => setTimeout(r, 100));
        lines = (await document()).lines;
      }
      expect(lines).toHaveLength(6);
      const before = TEXT.slice(0, at('Hva gjorde'));
      expect(lines.slice(0, 3)).toEqual(original.slice(0, 3));
      expect(lines[3]).toEqual({ n: 4, start: at('Intervjuer: Hva'), end: before.length + 1 });
      expect((await segments()).map((s) => [s.codingId, s.lineStart, s.lineEnd])).toEqual([
        [spanning.id, 2, 6],
        [last.id, 6, 6],
      ]);
      client.text.delete(at('Hva gjorde'), 1);
      await eventually(() => client.text.toString() === TEXT, 'the text is back');
      for (let i = 0; i < 20 && (await document()).lines.length !== 5; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((await document()).lines).toHaveLength(5);
    });
  });

  describe('resizing a coding', () => {
    it('by offsets and by anchors: each a new version "resized" in the history, seen live by the other person', async () => {
      const coding = await newCoding(at('mistet'), at('mistet') + 'mistet'.length, coder);
      const live = io(app.url, { path: '/socket.io', auth: { token: owner.token }, transports: ['websocket'] });
      sockets.push(live);
      expect(await new Promise<JoinAck>((resolve) => live.emit('project:join', { projectId }, resolve))).toEqual({
        ok: true,
      });
      const seen: Coding[] = [];
      live.on('coding:updated', (c) => seen.push(c));

      // One word longer at the end, by offsets.
      const longer = (
        await resize(coding, { end: at('kontakten') + 'kontakten'.length, version: 1 }, coder).expect(200)
      ).body as Coding;
      expect(longer).toMatchObject({ version: 2, quote: 'mistet kontakten', start: at('mistet') });
      await eventually(() => seen.some((c) => c.id === coding.id && c.version === 2), 'coding:updated v2');

      // One word earlier at the start, by anchors (taken from codings that start and end where wanted).
      const from = await newCoding(at('Vi mistet'), at('Vi mistet') + 2, coder);
      const to = await newCoding(at('med mange'), at('med mange') + 'med mange'.length, coder);
      const byAnchors = (
        await resize(coding, { startAnchor: from.startAnchor, endAnchor: to.endAnchor, version: 2 }, coder).expect(200)
      ).body as Coding;
      expect(byAnchors).toMatchObject({ version: 3, quote: 'Vi mistet kontakten med mange' });
      await eventually(() => seen.some((c) => c.id === coding.id && c.version === 3), 'coding:updated v3');

      // The same extent again is not a change.
      const same = (await resize(coding, { start: byAnchors.start, end: byAnchors.end, version: 3 }, coder).expect(200))
        .body as Coding;
      expect(same.version).toBe(3);

      const versions = await history(coding, viewer);
      expect(versions.map((v) => [v.version, v.action, v.actor.name, v.quote])).toEqual([
        [1, 'created', 'Kari Koder', 'mistet'],
        [2, 'resized', 'Kari Koder', 'mistet kontakten'],
        [3, 'resized', 'Kari Koder', 'Vi mistet kontakten med mange'],
      ]);
    });

    it('409 on a stale version, 400 on a bad extent, 403 for a viewer: nothing changes', async () => {
      const coding = await newCoding(at('ringte'), at('ringte') + 6);
      await resize(coding, { end: at('ringte') + 10, version: 1 }).expect(200);
      const stale = await resize(coding, { end: at('ringte') + 14, version: 1 }, coder).expect(409);
      expect(stale.body.details).toEqual({ reason: 'stale_version', version: 2 });

      const backwards = await resize(coding, { start: at('ringte') + 8, end: at('ringte'), version: 2 }).expect(400);
      expect(backwards.body.details.reason).toBe('invalid_segment');
      await resize(coding, { end: TEXT.length + 50, version: 2 }).expect(400);
      const half = await resize(coding, { startAnchor: coding.startAnchor, version: 2 }).expect(400);
      expect(String(half.body.message)).toMatch(/go together/);

      const refused = await resize(coding, { end: at('ringte') + 14, version: 2 }, viewer).expect(403);
      expect(refused.body.details.reason).toBeDefined();
      const versions = await history(coding);
      expect(versions.map((v) => [v.version, v.action])).toEqual([
        [1, 'created'],
        [2, 'resized'],
      ]);
      expect(versions[1].quote).toBe('ringte dem');
    });

    it('with blind coding, another coder cannot see or resize a coding; its author and the owner can', async () => {
      await setBlind(true);
      try {
        const coding = await newCoding(at('hver uke'), at('hver uke') + 4, coder);
        await resize(coding, { end: at('hver uke') + 8, version: 1 }, supervisor).expect(404);
        const byAuthor = await resize(coding, { end: at('hver uke') + 8, version: 1 }, coder).expect(200);
        expect(byAuthor.body.quote).toBe('hver uke');
        const byOwner = await resize(coding, { start: at('dem, hver'), version: 2 }, owner).expect(200);
        expect(byOwner.body).toMatchObject({ version: 3, quote: 'dem, hver uke' });
        expect((await history(coding, coder)).map((v) => [v.action, v.actor.name])).toEqual([
          ['created', 'Kari Koder'],
          ['resized', 'Kari Koder'],
          ['resized', 'Sara Student'],
        ]);
        await app.http.get(`/api/codings/${coding.id}/history`).set(bearer(supervisor)).expect(404);
      } finally {
        await setBlind(false);
      }
    });
  });
});
