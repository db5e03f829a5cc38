import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  Code,
  CodeAttributeMatrix,
  CodeDocumentMatrix,
  CodeFrequency,
  Coding,
  CodingVersion,
  Cooccurrence,
  SearchResult,
  Segment,
} from '@tolk/contracts';
import { TranscriptStore } from '../../apps/api/src/documents/transcript-store.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

/**
 * Analysis against a small project counted by hand:
 *
 *   D1 Informant 1 (vernepleier): A [0,10) owner · A1 [5,15) coder · B [12,20) owner · B [30,40) coder
 *   D2 Informant 2 (sosionom):    A [0,10) owner · A [5,8) coder · B [20,30) owner
 *   D3 Informant 3 (vernepleier): A1 [0,5) owner
 *
 * A1 is a sub-code of A; C is never used. Overlaps: A–A1 and A1–B in D1, A–A in D2.
 */
const TEXTS = {
  d1: 'Digitaliseringen har endret arbeidet. Vi bruker Teams hver dag nå, og tilliten mellom oss er god.',
  d2: 'Intervjuer: Hvordan gikk digitaliseringen? Informant 2: Det gikk fint etter hvert.',
  d3: 'Informant 3: Ingen digitalisering her, bare tillit og samtaler.',
};

describe('analysis: retrieval, counts and full-text search', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let outsider: TestUser;
  let projectId: string;
  const docs: Record<'d1' | 'd2' | 'd3', string> = { d1: '', d2: '', d3: '' };
  const codes: Record<'A' | 'A1' | 'B' | 'C', Code> = {} as never;

  const get = async <T>(path: string, user = owner) =>
    (await app.http.get(path).set(bearer(user)).expect(200)).body as T;
  const code = async (doc: keyof typeof docs, c: keyof typeof codes, start: number, end: number, user: TestUser) =>
    (
      await app.http
        .post(`/api/documents/${docs[doc]}/codings`)
        .set(bearer(user))
        .send({ codeId: codes[c].id, start, end })
        .expect(201)
    ).body as Coding;
  const setBlind = (blindCoding: boolean) =>
    app.http.patch(`/api/projects/${projectId}`).set(bearer(owner)).send({ settings: { blindCoding } }).expect(200);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Analyse' }).expect(201)).body.id;
    await addMember(app, owner, projectId, coder, 'coder');
    const attributes = { d1: 'vernepleier', d2: 'sosionom', d3: 'vernepleier' } as const;
    for (const [key, n] of [
      ['d1', 1],
      ['d2', 2],
      ['d3', 3],
    ] as const) {
      docs[key] = (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .send({ title: `Informant ${n}`, text: TEXTS[key], attributes: { utdanning: attributes[key] } })
          .expect(201)
      ).body.id;
    }
    const newCode = async (name: string, extra: object = {}) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/codes`)
          .set(bearer(owner))
          .send({ name, ...extra })
          .expect(201)
      ).body as Code;
    codes.A = await newCode('Relasjoner', { description: 'Tema 5.4: relasjoner til brukerne' });
    codes.A1 = await newCode('Tillit', { parentId: codes.A.id });
    codes.B = await newCode('Digitalisering');
    codes.C = await newCode('Ubrukt');
    await code('d1', 'A', 0, 10, owner);
    await code('d1', 'A1', 5, 15, coder);
    await code('d1', 'B', 12, 20, owner);
    await code('d1', 'B', 30, 40, coder);
    await code('d2', 'A', 0, 10, owner);
    await code('d2', 'A', 5, 8, coder);
    await code('d2', 'B', 20, 30, owner);
    await code('d3', 'A1', 0, 5, owner);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('counts', () => {
    it('frequencies: codings, documents and covered characters per code, in codebook order', async () => {
      const body = await get<CodeFrequency[]>(`/api/projects/${projectId}/analysis/frequencies`);
      expect(body).toEqual([
        // D2's A [0,10) and A [5,8) overlap: 10 characters covered there, not 13.
        { codeId: codes.A.id, codings: 3, documents: 2, characters: 20 },
        { codeId: codes.A1.id, codings: 2, documents: 2, characters: 15 },
        { codeId: codes.B.id, codings: 3, documents: 2, characters: 28 },
        { codeId: codes.C.id, codings: 0, documents: 0, characters: 0 },
      ]);
    });

    it('co-occurrence: overlapping pairs per pair of codes, within one document', async () => {
      const body = await get<Cooccurrence>(`/api/projects/${projectId}/analysis/cooccurrence`);
      expect(body.codeIds).toEqual([codes.A.id, codes.A1.id, codes.B.id, codes.C.id]);
      expect(body.matrix).toEqual([
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
      ]);
    });

    it('code × attribute matrix: codings per value of utdanning', async () => {
      const body = await get<CodeAttributeMatrix>(`/api/projects/${projectId}/analysis/matrix?attribute=utdanning`);
      expect(body).toEqual({
        attribute: 'utdanning',
        codeIds: [codes.A.id, codes.A1.id, codes.B.id, codes.C.id],
        values: ['sosionom', 'vernepleier'],
        documents: [1, 2],
        counts: [
          [2, 1],
          [0, 2],
          [1, 2],
          [0, 0],
        ],
      });
      const missing = await app.http.get(`/api/projects/${projectId}/analysis/matrix`).set(bearer(owner)).expect(400);
      expect(missing.body.message).toMatch(/attribute/);
      const unknown = await get<CodeAttributeMatrix>(`/api/projects/${projectId}/analysis/matrix?attribute=alder`);
      expect(unknown.values).toEqual([]);
    });

    it('code × document matrix: codings per code per transcript', async () => {
      const body = await get<CodeDocumentMatrix>(`/api/projects/${projectId}/analysis/document-matrix`);
      expect(body).toEqual({
        codeIds: [codes.A.id, codes.A1.id, codes.B.id, codes.C.id],
        documentIds: [docs.d1, docs.d2, docs.d3],
        titles: ['Informant 1', 'Informant 2', 'Informant 3'],
        counts: [
          [1, 2, 0],
          [1, 0, 1],
          [2, 1, 0],
          [0, 0, 0],
        ],
      });
    });

    it('with blind coding on, a coder counts only their own codings; the owner still all', async () => {
      await setBlind(true);
      try {
        const mine = await get<CodeFrequency[]>(`/api/projects/${projectId}/analysis/frequencies`, coder);
        expect(mine.map((f) => f.codings)).toEqual([1, 1, 1, 0]);
        const pairs = await get<Cooccurrence>(`/api/projects/${projectId}/analysis/cooccurrence`, coder);
        expect(pairs.matrix.flat().every((n) => n === 0)).toBe(true);
        const segments = await get<Segment[]>(`/api/projects/${projectId}/segments`, coder);
        expect(segments).toHaveLength(3);
        expect(segments.every((s) => s.createdBy === coder.id)).toBe(true);
        const all = await get<CodeFrequency[]>(`/api/projects/${projectId}/analysis/frequencies`, owner);
        expect(all.map((f) => f.codings)).toEqual([3, 2, 3, 0]);
      } finally {
        await setBlind(false);
      }
    });
  });

  describe('segments', () => {
    const segments = (query = '', user = owner) => get<Segment[]>(`/api/projects/${projectId}/segments${query}`, user);

    it('lists every coding with its document, attributes, quote and coder, in document order', async () => {
      const all = await segments();
      expect(all).toHaveLength(8);
      expect(all[0]).toEqual({
        codingId: expect.any(String),
        documentId: docs.d1,
        documentTitle: 'Informant 1',
        attributes: { utdanning: 'vernepleier' },
        codeId: codes.A.id,
        start: 0,
        end: 10,
        lineStart: 1,
        lineEnd: 1,
        ms: null,
        quote: TEXTS.d1.slice(0, 10),
        createdBy: owner.id,
        createdByName: 'Sara Student',
        coders: [{ id: owner.id, name: 'Sara Student' }],
      });
      expect(all.map((s) => s.documentTitle)).toEqual([
        ...Array(4).fill('Informant 1'),
        ...Array(3).fill('Informant 2'),
        'Informant 3',
      ]);
    });

    it('filters by code (with its sub-codes), document, attribute and coder, together', async () => {
      expect(await segments(`?codeId=${codes.A.id}`)).toHaveLength(5);
      expect((await segments(`?codeId=${codes.A1.id}`)).map((s) => s.documentId)).toEqual([docs.d1, docs.d3]);
      expect(await segments(`?documentId=${docs.d2}`)).toHaveLength(3);
      expect(await segments('?attr.utdanning=vernepleier')).toHaveLength(5);
      expect(await segments('?attr.utdanning=sosionom&attr.alder=40')).toHaveLength(0);
      const byCoder = await segments(`?coder=${coder.id}`);
      expect(byCoder.map((s) => [s.documentTitle, s.start, s.end])).toEqual([
        ['Informant 1', 5, 15],
        ['Informant 1', 30, 40],
        ['Informant 2', 5, 8],
      ]);
      expect(await segments(`?codeId=${codes.B.id}&attr.utdanning=vernepleier&coder=${owner.id}`)).toHaveLength(1);
      expect(await segments(`?limit=2&offset=7`)).toHaveLength(1);
    });

    it('searches the coded passages with stemming', async () => {
      const all = await segments();
      // "Intervjuer" stems to what "intervju" does.
      const found = await segments('?q=intervju');
      const expected = all.filter((s) => /^intervju/iu.test(s.quote)).map((s) => s.codingId);
      expect(expected).toHaveLength(1);
      expect(found.map((s) => s.codingId)).toEqual(expected);
    });

    it('refuses bad filters with a message and hides the project from outsiders', async () => {
      const bad = await app.http.get(`/api/projects/${projectId}/segments?codeId=1`).set(bearer(owner)).expect(400);
      expect(bad.body.message).toBe('codeId must be an id');
      await app.http.get(`/api/projects/${projectId}/segments?kode=x`).set(bearer(owner)).expect(400);
      const hidden = await app.http.get(`/api/projects/${projectId}/segments`).set(bearer(outsider)).expect(404);
      expect(hidden.body.message).toBe('Project not found');
    });
  });

  describe('full-text search', () => {
    const search = (q: string, user = owner) =>
      get<SearchResult>(`/api/projects/${projectId}/search?q=${encodeURIComponent(q)}`, user);

    it('finds digitaliseringen when searching digitalisering (Norwegian stemming), with offsets into the text', async () => {
      const result = await search('digitalisering');
      expect(result.language).toBe('norwegian');
      expect(result.documents.map((d) => d.title)).toEqual(['Informant 1', 'Informant 2', 'Informant 3']);
      expect(result.hits).toBe(3);
      const texts = { [docs.d1]: TEXTS.d1, [docs.d2]: TEXTS.d2, [docs.d3]: TEXTS.d3 };
      const words = result.documents.flatMap((d) => d.hits.map((h) => texts[d.documentId].slice(h.start, h.end)));
      expect(words).toEqual(['Digitaliseringen', 'digitaliseringen', 'digitalisering']);
      const second = result.documents[1].hits[0];
      expect(second).toMatchObject({
        text: 'digitaliseringen',
        before: 'Intervjuer: Hvordan gikk ',
        after: '? Informant 2: Det gikk fint etter hvert.',
      });
    });

    it('follows the project setting: in English, digitalisering no longer finds digitaliseringen', async () => {
      const res = await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { searchLanguage: 'english' } })
        .expect(200);
      expect(res.body.settings.searchLanguage).toBe('english');
      try {
        const result = await search('digitalisering');
        expect(result.language).toBe('english');
        expect(result.documents.map((d) => d.title)).toEqual(['Informant 3']);
      } finally {
        await app.http
          .patch(`/api/projects/${projectId}`)
          .set(bearer(owner))
          .send({ settings: { searchLanguage: 'norwegian' } })
          .expect(200);
      }
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { searchLanguage: 'klingon' } })
        .expect(400);
    });

    it('finds text typed after the document was created', async () => {
      const doc = (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .send({ title: 'Notat', text: 'Ingenting ennå.' })
          .expect(201)
      ).body.id as string;
      expect((await search('hjemmekontor')).hits).toBe(0);
      // The collab rooms keep documents.text current; the search index follows it.
      await app.tolk.app.get(TranscriptStore).saveText(doc, 'Hjemmekontoret var nytt.');
      const found = await search('hjemmekontor');
      expect(found.documents.map((d) => [d.title, d.hits.map((h) => h.text)])).toEqual([['Notat', ['Hjemmekontoret']]]);
      await app.http.delete(`/api/documents/${doc}`).set(bearer(owner)).expect(204);
    });

    it('answers 400 for an empty query and 404 to outsiders', async () => {
      await app.http.get(`/api/projects/${projectId}/search?q=%20`).set(bearer(owner)).expect(400);
      await app.http.get(`/api/projects/${projectId}/search`).set(bearer(owner)).expect(400);
      await app.http.get(`/api/projects/${projectId}/search?q=tillit`).set(bearer(outsider)).expect(404);
    });

    it('codes all hits as one attributed batch, and undoes it as deletion events', async () => {
      const before = await get<Segment[]>(`/api/projects/${projectId}/segments?codeId=${codes.C.id}`);
      expect(before).toHaveLength(0);
      const done = await app.http
        .post(`/api/projects/${projectId}/search/code-all`)
        .set(bearer(coder))
        .send({ q: 'digitalisering', codeId: codes.C.id })
        .expect(201);
      expect(done.body).toEqual({ batchId: expect.any(String), created: 3, skipped: 0 });
      const coded = await get<Segment[]>(`/api/projects/${projectId}/segments?codeId=${codes.C.id}`);
      expect(coded.map((s) => s.quote)).toEqual(['Digitaliseringen', 'digitaliseringen', 'digitalisering']);
      expect(coded.every((s) => s.createdBy === coder.id)).toBe(true);

      // Again: the passages are coded already, nothing new.
      const again = await app.http
        .post(`/api/projects/${projectId}/search/code-all`)
        .set(bearer(coder))
        .send({ q: 'digitalisering', codeId: codes.C.id })
        .expect(201);
      expect(again.body).toMatchObject({ created: 0, skipped: 3 });

      // Only who ran it (or an owner) may undo it.
      await app.http
        .delete(`/api/projects/${projectId}/search/code-all/${done.body.batchId}`)
        .set(bearer(outsider))
        .expect(404);
      await app.http.delete(`/api/projects/${projectId}/search/code-all/${projectId}`).set(bearer(coder)).expect(404);
      const undone = await app.http
        .delete(`/api/projects/${projectId}/search/code-all/${done.body.batchId}`)
        .set(bearer(coder))
        .expect(200);
      expect(undone.body).toEqual({ batchId: done.body.batchId, deleted: 3 });
      expect(await get<Segment[]>(`/api/projects/${projectId}/segments?codeId=${codes.C.id}`)).toHaveLength(0);
      const history = await get<CodingVersion[]>(`/api/codings/${coded[0].codingId}/history`);
      expect(history.map((h) => [h.action, h.actor.name])).toEqual([
        ['created', 'Kari Koder'],
        ['deleted', 'Kari Koder'],
      ]);
      const twice = await app.http
        .delete(`/api/projects/${projectId}/search/code-all/${done.body.batchId}`)
        .set(bearer(owner))
        .expect(200);
      expect(twice.body.deleted).toBe(0);
    });

    it('refuses code-all with a bad or foreign code, coding nothing', async () => {
      const bad = await app.http
        .post(`/api/projects/${projectId}/search/code-all`)
        .set(bearer(owner))
        .send({ q: 'tillit', codeId: 'x' })
        .expect(400);
      expect(String(bad.body.message)).toMatch(/codeId/);
      const foreign = await app.http
        .post(`/api/projects/${projectId}/search/code-all`)
        .set(bearer(owner))
        .send({ q: 'tillit', codeId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(foreign.body.message).toMatch(/codeId/);
      expect(await get<Segment[]>(`/api/projects/${projectId}/segments?q=tillit`)).toHaveLength(0);
    });
  });
});
