import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { ImportedDocumentSummary } from '@tolk/contracts';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

// The fixtures are written by test/fixtures/make-fixtures.mjs (.txt, .docx)
// and by hand (.vtt, .srt); all hold the same short interview.
const fixture = (path: string) => readFile(new URL(`../fixtures/${path}`, import.meta.url));

const HEADING = 'Intervju 7 – vernepleier, Bodø';
const LINES = [
  'Intervjuer: Kan du fortelle litt om arbeidsdagen din?',
  'Informant 2: Ja. Jeg jobber i en bolig for fem beboere, og vi er to på vakt.',
  'Det blir mye løping, særlig om morgenen.',
  'Intervjuer: Hva betyr brukermedvirkning for deg?',
  'Informant 2: At beboerne får bestemme selv: når de står opp, hva de spiser, om de vil gå tur.',
  'Intervjuer: Og hvordan går det i praksis?',
  'Informant 2: Både og. Vi prøver, men turnus og økonomi setter grenser – «sånn er det bare».',
];
const SPEAKERS = [
  { name: 'Intervjuer', turns: 3 },
  { name: 'Informant 2', turns: 3 },
];

const OK: [file: string, text: string, speakers: { name: string; turns: number }[]][] = [
  // UTF-8 with BOM and CRLF: stored exactly, without the BOM.
  ['intervju.txt', `${[HEADING, ...LINES].join('\r\n')}\r\n`, SPEAKERS],
  // An empty paragraph after the heading; "Det blir …" follows a soft line break (<w:br/>).
  ['intervju.docx', [HEADING, '', ...LINES].join('\n'), SPEAKERS],
  [
    'intervju.vtt',
    [
      '[00:00:01] Intervjuer: Kan du fortelle litt om arbeidsdagen din?',
      '[00:00:05] Informant 2: Ja. Jeg jobber i en bolig for fem beboere, og vi er to på vakt. Det blir mye løping.',
      '[00:00:13] Intervjuer: Hva betyr brukermedvirkning for deg?',
      '[00:00:16] Informant 2: At beboerne får bestemme selv: når de står opp, hva de spiser & om de vil gå tur.',
      '[00:01:02] [latter]',
      '[00:01:04] Intervjuer: Og hvordan går det i praksis?',
    ].join('\n'),
    [
      { name: 'Intervjuer', turns: 3 },
      { name: 'Informant 2', turns: 2 },
    ],
  ],
  [
    'intervju.srt',
    [
      '[00:00:01] Intervjuer: Kan du fortelle litt om arbeidsdagen din?',
      '[00:00:05] Informant 2: Ja. Jeg jobber i en bolig for fem beboere, og vi er to på vakt. Det blir mye løping.',
      '[00:00:13] Intervjuer: Hva betyr brukermedvirkning for deg?',
      '[00:00:16] Informant 2: At beboerne får bestemme selv.',
      '[00:00:20] [latter]',
      '[01:00:04] Intervjuer: Og hvordan går det i praksis?',
    ].join('\n'),
    [
      { name: 'Intervjuer', turns: 3 },
      { name: 'Informant 2', turns: 2 },
    ],
  ],
];

const NOT_OK: [file: string, status: number, message: RegExp][] = [
  [
    'tekstfil.docx',
    400,
    /^file is not a Word document \(\.docx\): a \.docx file is a zip archive and this is not one$/,
  ],
  ['uten-document-xml.docx', 400, /^file is not a readable Word document \(\.docx\): it has no word\/document\.xml$/],
  ['avkuttet.docx', 400, /^file is not a readable Word document \(\.docx\): .*truncated/],
  ['bombe-deklarert.docx', 413, /^file is too large once unpacked: the zip archive unpacks to more than 20 MiB$/],
  ['bombe-ekte.docx', 413, /^file is too large once unpacked: the zip archive unpacks to more than 20 MiB$/],
  ['uten-header.vtt', 400, /^file is not a WebVTT file: its first line must be "WEBVTT"$/],
  ['ugyldige-tider.srt', 400, /^file has an invalid cue timing on line 6: "kl\. 5 --> kl\. 9"/],
  ['latin1.txt', 400, /^file must be UTF-8 text$/],
];

describe('document import', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app, 'Importer');
    const project = await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Import' }).expect(201);
    projectId = project.body.id as string;
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (bytes: Buffer, filename: string, fields: Record<string, string> = {}) => {
    let request = app.http.post(`/api/projects/${projectId}/documents`).set(bearer(owner));
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request.attach('file', bytes, { filename });
  };
  const count = async () =>
    ((await app.http.get(`/api/projects/${projectId}/documents`).set(bearer(owner)).expect(200)).body as unknown[])
      .length;

  it.each(OK)('imports ok/%s: stored text and recognised speakers', async (file, text, speakers) => {
    const created = await upload(await fixture(`ok/${file}`), file);
    expect(created.status).toBe(201);
    const body = created.body as ImportedDocumentSummary;
    expect(body).toEqual({ id: expect.any(String), title: 'intervju', length: text.length, attributes: {}, speakers });
    const read = await app.http.get(`/api/documents/${body.id}`).set(bearer(owner)).expect(200);
    // The speakers are kept as the document's metadata.
    expect(read.body).toMatchObject({ id: body.id, title: 'intervju', length: text.length, attributes: {}, speakers });
    expect(read.body.text).toBe(text);
  });

  it('imports with a title and attributes given as a JSON field', async () => {
    const created = await upload(await fixture('ok/intervju.vtt'), 'opptak.vtt', {
      title: 'Informant 2 – Bodø',
      attributes: JSON.stringify({ utdanning: 'vernepleier', kjønn: 'kvinne' }),
    }).expect(201);
    expect(created.body).toMatchObject({
      title: 'Informant 2 – Bodø',
      attributes: { utdanning: 'vernepleier', kjønn: 'kvinne' },
    });
    const read = await app.http.get(`/api/documents/${created.body.id}`).set(bearer(owner)).expect(200);
    expect(read.body.attributes).toEqual({ utdanning: 'vernepleier', kjønn: 'kvinne' });
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{utdanning: vernepleier}', /^attributes must be a JSON object of string values.*not valid JSON/],
    ['a number value', '{"alder": 40}', /^attributes "alder" must be a string$/],
    ['an array', '["vernepleier"]', /^attributes must be an object of string values$/],
    ['null', 'null', /^attributes must be an object of string values$/],
    ['an empty name', '{"": "x"}', /^attributes names must be 1-64 characters$/],
  ])('refuses an import whose attributes field is %s, and saves nothing', async (_, attributes, message) => {
    const before = await count();
    const res = await upload(await fixture('ok/intervju.txt'), 'intervju.txt', { attributes });
    expect(res.status).toBe(400);
    expect([res.body.message].flat().join(' | ')).toMatch(message);
    expect(await count()).toBe(before);
  });

  it.each(NOT_OK)(
    'refuses to import not-ok/%s with %i and a clear message, and saves nothing',
    async (file, status, message) => {
      const before = await count();
      const res = await upload(await fixture(`not-ok/${file}`), file);
      expect({ status: res.status, message: res.body.message as unknown }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
      expect(await count()).toBe(before);
    },
  );

  it('refuses to import an unknown file type with 415', async () => {
    const before = await count();
    const res = await upload(Buffer.from('%PDF-1.7'), 'intervju.pdf');
    expect(res.status).toBe(415);
    expect(res.body.message).toBe('file: only .txt, .docx, .vtt, .srt files can be imported');
    expect(await count()).toBe(before);
  });
});
