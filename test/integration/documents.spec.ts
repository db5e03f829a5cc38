import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_DOCUMENT_BYTES, textLines, type TolkDocument } from '@tolk/contracts';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

// æøå, a ZWJ emoji sequence and a flag (surrogate pairs), CRLF and LF mixed,
// a tab and trailing spaces: all must come back byte for byte.
const NORWEGIAN =
  'Intervjuer: Hvordan har pandemien påvirket brukermedvirkningen?\r\n' +
  'Informant 1: Æ, ø og å – «sånn sett» ble det vanskeligere 😅 👩‍👩‍👧 🇳🇴\r\n' +
  '\tTilbakefall? Ja.  \n' +
  'Slutt.';

describe('documents', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app, 'Owner');
    const project = await app.http
      .post('/api/projects')
      .set(bearer(owner))
      .send({ name: 'Transkripsjoner' })
      .expect(201);
    projectId = project.body.id as string;
  });
  afterAll(async () => {
    await app.close();
  });

  const create = (body: object) => app.http.post(`/api/projects/${projectId}/documents`).set(bearer(owner)).send(body);
  const count = async () =>
    ((await app.http.get(`/api/projects/${projectId}/documents`).set(bearer(owner)).expect(200)).body as unknown[])
      .length;

  it('round-trips Unicode text exactly from JSON (æøå, emoji, CRLF), with UTF-16 lengths', async () => {
    const created = await create({
      title: 'Informant 1 – æøå',
      text: NORWEGIAN,
      attributes: { utdanning: 'sosionom' },
    }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      title: 'Informant 1 – æøå',
      length: NORWEGIAN.length,
      attributes: { utdanning: 'sosionom' },
    });
    const read = await app.http.get(`/api/documents/${created.body.id}`).set(bearer(owner)).expect(200);
    expect(read.body).toEqual({
      id: created.body.id,
      projectId,
      title: 'Informant 1 – æøå',
      text: NORWEGIAN,
      length: NORWEGIAN.length,
      attributes: { utdanning: 'sosionom' },
      speakers: [],
      // A line per turn of speech: a CRLF line ends after its \n, with its \r in it.
      lines: textLines(NORWEGIAN),
      timestamps: [],
    });
    expect((read.body as TolkDocument).lines.map((l) => NORWEGIAN.slice(l.start, l.end)).join('')).toBe(NORWEGIAN);
    const listed = await app.http.get(`/api/projects/${projectId}/documents`).set(bearer(owner)).expect(200);
    // The list computes lengths in SQL; they must count as JavaScript does.
    expect((listed.body as { id: string; length: number }[]).find((d) => d.id === created.body.id)?.length).toBe(
      NORWEGIAN.length,
    );
  });

  it('drops a leading byte order mark and nothing else', async () => {
    const created = await create({ title: 'Med BOM', text: `\uFEFF${NORWEGIAN}` }).expect(201);
    const read = await app.http.get(`/api/documents/${created.body.id}`).set(bearer(owner)).expect(200);
    expect(read.body.text).toBe(NORWEGIAN);
  });

  it('reads a .txt upload as UTF-8, keeping CRLF and dropping the BOM; the title defaults to the file name', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NORWEGIAN, 'utf8')]);
    const uploaded = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .attach('file', bytes, { filename: 'Intervju Ås.txt', contentType: 'text/plain' })
      .expect(201);
    expect(uploaded.body).toMatchObject({ title: 'Intervju Ås', length: NORWEGIAN.length });
    const read = await app.http.get(`/api/documents/${uploaded.body.id}`).set(bearer(owner)).expect(200);
    expect(read.body.text).toBe(NORWEGIAN);

    const titled = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .field('title', 'Informant 2')
      .attach('file', Buffer.from('Tekst', 'utf8'), { filename: 'x.txt' })
      .expect(201);
    expect(titled.body.title).toBe('Informant 2');
  });

  it('refuses bad input with a clear 4xx and saves nothing', async () => {
    const before = await count();
    const cases: [string, Promise<{ status: number; body: { message: unknown } }>, number, RegExp][] = [
      ['missing title', create({ text: 'x' }), 400, /title/],
      ['text not a string', create({ title: 'T', text: 42 }), 400, /text/],
      [
        'attributes not strings',
        create({ title: 'T', text: 'x', attributes: { alder: 40 } }),
        400,
        /attributes "alder" must be a string/,
      ],
      ['NUL in text', create({ title: 'T', text: 'a\u0000b' }), 400, /NUL/],
      ['lone surrogate', create({ title: 'T', text: 'a\ud800b' }), 400, /well-formed/],
      [
        'invalid UTF-8 upload',
        app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .attach('file', Buffer.from([0x48, 0xc3, 0x28]), { filename: 'latin.txt' }),
        400,
        /UTF-8/,
      ],
      [
        '.docx that is not a zip',
        app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .attach('file', Buffer.from('PK'), { filename: 'intervju.docx' }),
        400,
        /not a Word document \(\.docx\)/,
      ],
      [
        'a format Tolk does not read',
        app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .attach('file', Buffer.from('%PDF-1.7'), { filename: 'intervju.pdf' }),
        415,
        /\.txt/,
      ],
      [
        'malformed JSON',
        app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .set('Content-Type', 'application/json')
          .send('{"title": "T", "text": '),
        400,
        /./,
      ],
    ];
    for (const [name, request, status, message] of cases) {
      const res = await request;
      expect({ name, status: res.status }).toEqual({ name, status });
      expect({ name, message: [res.body.message].flat().join(' | ') }).toEqual({
        name,
        message: expect.stringMatching(message),
      });
    }
    expect(await count()).toBe(before);
  });

  it('answers 413 to a transcript over the size limit, as JSON or as upload, and saves nothing', async () => {
    const before = await count();
    const big = 'æ'.repeat(MAX_DOCUMENT_BYTES / 2 + 1); // two bytes each in UTF-8
    const json = await create({ title: 'Stor', text: big });
    expect(json.status).toBe(413);
    expect(json.body).toMatchObject({ statusCode: 413, message: expect.stringContaining('MiB') });
    const upload = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .attach('file', Buffer.alloc(MAX_DOCUMENT_BYTES + 10, 'a'), { filename: 'stor.txt' });
    expect(upload.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('changes title and attributes, and a rejected change leaves the document as it was', async () => {
    const created = await create({ title: 'Informant 3', text: 'Tekst', attributes: { utdanning: 'sosionom' } }).expect(
      201,
    );
    const id = created.body.id as string;
    const patched = await app.http
      .patch(`/api/documents/${id}`)
      .set(bearer(owner))
      .send({ title: 'Informant 3 (rettet)', attributes: { utdanning: 'vernepleier', kjønn: 'kvinne' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      title: 'Informant 3 (rettet)',
      attributes: { utdanning: 'vernepleier', kjønn: 'kvinne' },
    });

    await app.http
      .patch(`/api/documents/${id}`)
      .set(bearer(owner))
      .send({ title: '', attributes: { utdanning: 'x' } })
      .expect(400);
    await app.http.patch(`/api/documents/${id}`).set(bearer(owner)).send({ text: 'no text changes here' }).expect(400);
    const read = await app.http.get(`/api/documents/${id}`).set(bearer(owner)).expect(200);
    expect(read.body).toMatchObject({
      title: 'Informant 3 (rettet)',
      text: 'Tekst',
      attributes: { utdanning: 'vernepleier', kjønn: 'kvinne' },
    });
  });

  it('deletes a document', async () => {
    const created = await create({ title: 'Slettes', text: 'x' }).expect(201);
    await app.http.delete(`/api/documents/${created.body.id}`).set(bearer(owner)).expect(204);
    await app.http.get(`/api/documents/${created.body.id}`).set(bearer(owner)).expect(404);
  });
});
