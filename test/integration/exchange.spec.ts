import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import pg from 'pg';
import type {
  Code,
  Coding,
  CommentThread,
  DocumentSummary,
  ImportSummary,
  ProjectImportResult,
  ProjectSummary,
  TolkDocument,
} from '@tolk/contracts';
import { readProject, type RefiProject, type RefiTextSource } from '@tolk/refi-qda';
import { validateXML } from 'xmllint-wasm';
import {
  addMember,
  bearer,
  binaryBody,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/refi-qda/${name}`, import.meta.url));
const schema = (name: string) => readFile(new URL(`../../libs/refi-qda/schema/${name}`, import.meta.url), 'utf8');

let app: TestApp;
let student: TestUser;
let db: pg.Client;

const auth = () => bearer(student);
const download = async (path: string, who = student) => {
  const res = await app.http.get(path).set(bearer(who)).buffer(true).parse(binaryBody).expect(200);
  return res.body as Buffer;
};
const upload = (path: string, bytes: Buffer, name: string, who = student) =>
  app.http.post(path).set(bearer(who)).attach('file', bytes, name);
const counts = async () => {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM documents) AS documents,
            (SELECT count(*) FROM codes) AS codes, (SELECT count(*) FROM codings) AS codings,
            (SELECT count(*) FROM project_members) AS memberships, (SELECT count(*) FROM document_states) AS states`,
  );
  return rows[0];
};

/** What a REFI-QDA reader sees in a .qdpx: the project and its text files, through JSZip (a stock reader). */
async function openQdpx(
  bytes: Buffer,
): Promise<{ xml: string; project: RefiProject; texts: Map<string, string>; names: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const xml = await zip.file('project.qde')!.async('string');
  const texts = new Map<string, string>();
  for (const name of names.filter((n) => n.startsWith('sources/')))
    texts.set(name, await zip.file(name)!.async('string'));
  return { xml, project: readProject(xml), texts, names };
}

/**
 * A project in comparable form: documents (title, text, attributes), code
 * paths with colour and description, every coding as document / code path
 * / quote, every note as where it hangs and its text.
 */
function canonical({ project, texts }: { project: RefiProject; texts: Map<string, string> }) {
  const paths = new Map<string, { path: string; color?: string; description?: string }>();
  const walk = (codes: RefiProject['codes'], prefix: string) => {
    for (const c of codes) {
      paths.set(c.guid, { path: `${prefix}${c.name}`, color: c.color, description: c.description });
      walk(c.children, `${prefix}${c.name}/`);
    }
  };
  walk(project.codes, '');
  const variables = new Map(project.variables.map((v) => [v.guid, v.name]));
  const notes = new Map(project.notes.map((n) => [n.guid, n.plainTextContent ?? '']));
  const sources = project.sources.filter((s): s is RefiTextSource => s.kind === 'text');
  const codeNotes = [...paths.entries()].flatMap(([guid, { path }]) => {
    const code = findCode(project.codes, guid);
    return (code?.noteRefs ?? []).map((ref) => `code ${path}: ${notes.get(ref)}`);
  });
  return {
    documents: sources
      .map((s) => {
        const values = project.cases.filter((c) => c.sourceRefs.includes(s.guid)).flatMap((c) => c.values);
        const attributes = Object.fromEntries(values.map((v) => [variables.get(v.variableGuid), v.value]));
        return { title: s.name, text: texts.get(s.plainTextPath!.replace('internal://', 'sources/')), attributes };
      })
      .sort((a, b) => a.title!.localeCompare(b.title!)),
    codes: [...paths.values()].sort((a, b) => a.path.localeCompare(b.path)),
    codings: sources
      .flatMap((s) => {
        const text = Array.from(texts.get(s.plainTextPath!.replace('internal://', 'sources/'))!);
        return s.selections.flatMap((sel) =>
          sel.codings.map(
            (c) => `${s.name} | ${paths.get(c.codeGuid)?.path} | ${text.slice(sel.start, sel.end).join('')}`,
          ),
        );
      })
      .sort(),
    notes: [
      ...project.noteRefs.map((ref) => `project: ${notes.get(ref)}`),
      ...codeNotes,
      ...sources.flatMap((s) => {
        const text = Array.from(texts.get(s.plainTextPath!.replace('internal://', 'sources/'))!);
        return [
          ...s.noteRefs.map((ref) => `document ${s.name}: ${notes.get(ref)}`),
          ...s.selections.flatMap((sel) =>
            sel.noteRefs.map(
              (ref) => `on "${text.slice(sel.start, sel.end).join('')}" in ${s.name}: ${notes.get(ref)}`,
            ),
          ),
        ];
      }),
    ].sort(),
  };
}

function findCode(codes: RefiProject['codes'], guid: string): RefiProject['codes'][number] | undefined {
  for (const c of codes) {
    if (c.guid === guid) return c;
    const inner = findCode(c.children, guid);
    if (inner) return inner;
  }
  return undefined;
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const login = await app.http
    .post('/api/auth/login')
    .send({ email: 'student@tolk.example', password: 'tolk-student-demo' })
    .expect(200);
  student = { ...login.body.user, token: login.body.accessToken, password: 'tolk-student-demo' };
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await app?.close();
});

describe('export of the demo project', () => {
  let projectId: string;
  let exported: Buffer;
  let segmentMemoQuote: string;

  beforeAll(async () => {
    const projects = (await app.http.get('/api/projects').set(auth()).expect(200)).body as ProjectSummary[];
    projectId = projects[0].id;
    // Give the demo codings, a comment thread, a comment on a whole document and memos of every kind.
    const documents = (await app.http.get(`/api/projects/${projectId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    const codes = (await app.http.get(`/api/projects/${projectId}/codes`).set(auth()).expect(200)).body as Code[];
    for (const [i, summary] of documents.entries()) {
      const document = (await app.http.get(`/api/documents/${summary.id}`).set(auth()).expect(200))
        .body as TolkDocument;
      const line = document.text.indexOf('\n') + 1;
      for (const k of [0, 1, 2]) {
        const start = line + k * 7;
        await app.http
          .post(`/api/documents/${summary.id}/codings`)
          .set(auth())
          .send({ codeId: codes[(i + k) % codes.length].id, start, end: start + 20 + i })
          .expect(201);
      }
      await app.http
        .put(`/api/documents/${summary.id}/memo`)
        .set(auth())
        .send({ body: `Notat om ${summary.title}` })
        .expect(200);
    }
    const first = documents[0].id;
    const root = await app.http
      .post(`/api/documents/${first}/comments`)
      .set(auth())
      .send({ body: 'Hva mener hun her?', start: 5, end: 30 })
      .expect(201);
    await app.http
      .post(`/api/documents/${first}/comments`)
      .set(auth())
      .send({ body: 'Trolig arbeidsmiljøet & <turnus>', parentId: root.body.id })
      .expect(201);
    await app.http
      .post(`/api/documents/${first}/comments`)
      .set(auth())
      .send({ body: 'Hele intervjuet er kort' })
      .expect(201);
    await app.http
      .put(`/api/projects/${projectId}/memo`)
      .set(auth())
      .send({ body: 'Prosjektnotat: tema og metode' })
      .expect(200);
    await app.http.put(`/api/codes/${codes[0].id}/memo`).set(auth()).send({ body: 'Kodenotat 😀' }).expect(200);
    // A memo on a passage of its own (words nobody coded or commented on).
    const segmentMemo = (
      await app.http.post(`/api/documents/${first}/memos`).set(auth()).send({ start: 2, end: 9 }).expect(201)
    ).body as { id: string; version: string; segment: { quote: string } };
    segmentMemoQuote = segmentMemo.segment.quote;
    await app.http
      .put(`/api/memos/${segmentMemo.id}`)
      .set(auth())
      .send({ body: 'Utdragsnotat: les igjen', version: segmentMemo.version })
      .expect(200);
    exported = await download(`/api/projects/${projectId}/export.qdpx`);
  });

  it('is a zip of project.qde and sources/<guid>.txt, valid against Project-mrt2019.xsd', async () => {
    const { xml, names, texts } = await openQdpx(exported);
    const documents = (await app.http.get(`/api/projects/${projectId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    expect(names.sort()).toEqual(['project.qde', ...documents.map((d) => `sources/${d.id}.txt`)].sort());
    const result = await validateXML({
      xml: [{ fileName: 'project.qde', contents: xml }],
      schema: [await schema('Project-mrt2019.xsd')],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // What libxml2 lets through: colours must be #RRGGBB exactly; no local paths; a truthful origin.
    expect([...xml.matchAll(/color="([^"]*)"/gu)].map((m) => m[1]).every((c) => /^#[0-9A-Fa-f]{6}$/u.test(c))).toBe(
      true,
    );
    expect(xml).not.toMatch(/basePath|absolute:\/\//u);
    expect(xml).toMatch(/origin="Tolk \d+\.\d+\.\d+"/u);
    for (const text of texts.values()) {
      expect(text.startsWith('\uFEFF')).toBe(false);
      expect(text).not.toContain('\r');
    }
  });

  it('has every coding as a selection whose code point offsets give its quote', async () => {
    const { project, texts } = await openQdpx(exported);
    const documents = (await app.http.get(`/api/projects/${projectId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    let selections = 0;
    for (const d of documents) {
      const codings = (await app.http.get(`/api/documents/${d.id}/codings`).set(auth()).expect(200)).body as Coding[];
      const source = project.sources.find((s) => s.guid === d.id) as RefiTextSource;
      const text = Array.from(texts.get(`sources/${d.id}.txt`)!);
      const exportedQuotes = source.selections.flatMap((s) => s.codings.map(() => text.slice(s.start, s.end).join('')));
      expect(exportedQuotes.sort()).toEqual(codings.map((c) => c.quote).sort());
      selections += source.selections.length;
    }
    expect(selections).toBeGreaterThanOrEqual(documents.length * 3);
  });

  it('exports the codebook as a .qdc valid against Codebook-mrt2019.xsd', async () => {
    const qdc = (await download(`/api/projects/${projectId}/codebook.qdc`)).toString('utf8');
    const result = await validateXML({
      xml: [{ fileName: 'codebook.qdc', contents: qdc }],
      schema: [await schema('Codebook-mrt2019.xsd')],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const codes = (await app.http.get(`/api/projects/${projectId}/codes`).set(auth()).expect(200)).body as Code[];
    expect([...qdc.matchAll(/<Code /gu)]).toHaveLength(codes.length);
  });

  it('round trip: Tolk → qdpx → Tolk → qdpx keeps documents, codes, codings, notes and attributes', async () => {
    const res = await upload('/api/projects/import', exported, 'demo.qdpx').expect(201);
    const { projectId: copyId, summary } = res.body as ProjectImportResult;
    expect(summary).toMatchObject({ sources: 4, offsetUnit: 'codepoints', skipped: [] });
    expect(summary.offsetCheck.matched).toBe(summary.offsetCheck.named);
    // The copy is a live Tolk project: its codings are proper rows with 'created' events and anchors.
    const documents = (await app.http.get(`/api/projects/${copyId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    const codings = (await app.http.get(`/api/documents/${documents[0].id}/codings`).set(auth()).expect(200))
      .body as Coding[];
    expect(codings.length).toBeGreaterThan(0);
    const history = (await app.http.get(`/api/codings/${codings[0].id}/history`).set(auth()).expect(200)).body as {
      action: string;
    }[];
    expect(history.map((h) => h.action)).toEqual(['created']);

    const again = await download(`/api/projects/${copyId}/export.qdpx`);
    const [before, after] = [canonical(await openQdpx(exported)), canonical(await openQdpx(again))];
    expect(after.documents).toEqual(before.documents);
    expect(after.codes).toEqual(before.codes);
    expect(after.codings).toEqual(before.codings);
    expect(after.notes).toEqual(before.notes);
    // The comparison compares something: the demo's four documents with attributes, codings and all kinds of notes.
    expect(before.documents).toHaveLength(4);
    expect(before.documents.every((d) => Object.keys(d.attributes).length > 0)).toBe(true);
    expect(before.codings.length).toBeGreaterThanOrEqual(12);
    expect(before.notes.filter((n) => n.startsWith('on "'))).toHaveLength(3);
    expect(before.notes.filter((n) => n.startsWith(`on "${segmentMemoQuote}" in `))).toEqual([
      expect.stringMatching(/: Utdragsnotat: les igjen$/u),
    ]);
    // The segment memo came back as a memo on those words (a selection's other notes become comments).
    const memos = (await app.http.get(`/api/projects/${copyId}/memos`).set(auth()).expect(200)).body as {
      id: string;
      scope: string;
      title: string;
    }[];
    const copied = memos.filter((m) => m.scope === 'segment');
    expect(copied.map((m) => m.title)).toEqual([segmentMemoQuote]);
    const copiedMemo = (await app.http.get(`/api/memos/${copied[0].id}`).set(auth()).expect(200)).body as {
      body: string;
      segment: { quote: string };
    };
    expect(copiedMemo).toMatchObject({ body: 'Utdragsnotat: les igjen', segment: { quote: segmentMemoQuote } });
    expect(before.notes.some((n) => n.startsWith('project: '))).toBe(true);
    expect(before.notes.some((n) => n.startsWith('code '))).toBe(true);
  });

  it('an empty project exports as a valid .qdpx; its empty codebook is a 409 (the schema wants a code)', async () => {
    const empty = (
      await app.http.post('/api/projects').set(auth()).send({ name: 'Tomt prosjekt / «utkast»' }).expect(201)
    ).body as { id: string };
    const res = await app.http
      .get(`/api/projects/${empty.id}/export.qdpx`)
      .set(auth())
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Tomt prosjekt utkast.qdpx"; filename*=UTF-8''${encodeURIComponent('Tomt prosjekt utkast.qdpx')}`,
    );
    const { xml, names } = await openQdpx(res.body as Buffer);
    expect(names).toEqual(['project.qde']);
    const result = await validateXML({
      xml: [{ fileName: 'project.qde', contents: xml }],
      schema: [await schema('Project-mrt2019.xsd')],
    });
    expect(result.valid).toBe(true);
    const qdc = await app.http.get(`/api/projects/${empty.id}/codebook.qdc`).set(auth()).expect(409);
    expect(qdc.body.details).toEqual({ reason: 'empty_codebook' });
  });

  it('a viewer may export; an outsider gets 404', async () => {
    const viewer = await createUser(app, 'Sensor');
    await addMember(app, student, projectId, viewer, 'viewer');
    const bytes = await download(`/api/projects/${projectId}/export.qdpx`, viewer);
    expect((await openQdpx(bytes)).project.sources).toHaveLength(4);
    const outsider = await createUser(app, 'Outsider');
    await app.http.get(`/api/projects/${projectId}/export.qdpx`).set(bearer(outsider)).expect(404);
  });
});

describe('import of the NVivo sample (UTF-16 offsets, emoji, CRLF, BOM)', () => {
  let result: ProjectImportResult;

  beforeAll(async () => {
    result = (
      await upload('/api/projects/import', await fixture('nvivo-win-12.6_oltas0517.qdpx'), 'oltas.qdpx').expect(201)
    ).body;
  });

  it('yields its 2 text sources, 152 codes and 303 codings, read as UTF-16', () => {
    expect(result.summary).toMatchObject({
      sources: 2,
      codes: 152,
      codings: 303,
      offsetUnit: 'utf16',
      origin: 'NVivo for Windows 12.6',
    });
    expect(result.summary.coders.reduce((n, c) => n + c.codings, 0)).toBe(303);
  });

  it('puts every coding exactly where NVivo’s selection is', async () => {
    // The oracle, computed apart from the importer: NVivo's offsets are UTF-16
    // units of the file's text without its BOM, CRLF counted as two, which is
    // what a JavaScript string slice of that text does. Tolk stores LF.
    const zip = await JSZip.loadAsync(await fixture('nvivo-win-12.6_oltas0517.qdpx'));
    const project = readProject(await zip.file('project.qde')!.async('string'));
    const codeNames = new Map<string, string>();
    const walk = (codes: RefiProject['codes']) =>
      codes.forEach((c) => (codeNames.set(c.guid, c.name), walk(c.children)));
    walk(project.codes);
    const expected: string[] = [];
    for (const source of project.sources as RefiTextSource[]) {
      const raw = (await zip.file(source.plainTextPath!.replace('internal://', 'Sources/'))!.async('string')).replace(
        /^\uFEFF/u,
        '',
      );
      const lf = (s: string) => s.replace(/\r\n/gu, '\n');
      for (const selection of source.selections) {
        const start = lf(raw.slice(0, selection.start)).length;
        const quote = lf(raw.slice(selection.start, selection.end));
        for (const coding of selection.codings)
          expected.push(`${source.name} ${start} ${start + quote.length} ${codeNames.get(coding.codeGuid)} ${quote}`);
      }
    }
    expect(expected).toHaveLength(303);

    const documents = (await app.http.get(`/api/projects/${result.projectId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    const codes = (await app.http.get(`/api/projects/${result.projectId}/codes`).set(auth()).expect(200))
      .body as Code[];
    const names = new Map(codes.map((c) => [c.id, c.name]));
    const actual: string[] = [];
    let atLineStart = 0;
    for (const d of documents) {
      const text = ((await app.http.get(`/api/documents/${d.id}`).set(auth()).expect(200)).body as TolkDocument).text;
      expect(text).not.toContain('\r');
      const codings = (await app.http.get(`/api/documents/${d.id}/codings`).set(auth()).expect(200)).body as Coding[];
      for (const c of codings) {
        expect(text.slice(c.start, c.end)).toBe(c.quote);
        actual.push(`${d.title} ${c.start} ${c.end} ${names.get(c.codeId)} ${c.quote}`);
        if (c.start === 0 || text[c.start - 1] === '\n') atLineStart++;
      }
    }
    expect(actual.sort()).toEqual(expected.sort());
    // docs/refi-qda.md: read as UTF-16, 281 of the 303 selections start a line (as code points, 16 would).
    expect(atLineStart).toBe(281);
  });
});

/**
 * The ATLAS.ti sample ships without its source files (the spec prints only
 * the XML), so we pack it as ATLAS.ti would, with texts made to fit: CRLF
 * line ends, which ATLAS.ti counts as one, and each selection's `name` at
 * its start offset, which is what the importer checks the unit against.
 */
async function atlasQdpx(): Promise<Buffer> {
  const qde = (await fixture('atlasti-8.4-mac_standard-project.qde')).toString('utf8');
  const project = readProject(qde);
  const zip = new JSZip();
  zip.file('ATLAS.ti standard project.qde', qde);
  for (const source of project.sources.filter((s): s is RefiTextSource => s.kind === 'text')) {
    const length = Math.max(200, ...source.selections.map((s) => s.end + 20));
    // One unit per position: a letter, or CRLF (one position for ATLAS.ti) every 40.
    const units = Array.from({ length }, (_, i) => (i % 40 === 39 ? '\r\n' : 'abcdefghij'[i % 10]));
    for (const s of source.selections)
      Array.from(s.name!.replace(/…$/u, '')).forEach((ch, k) => (units[s.start + k] = ch));
    zip.file(`Sources/${source.plainTextPath!.replace('internal://', '')}`, `\uFEFF${units.join('')}`);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('import of the ATLAS.ti sample', () => {
  it('yields its text codings and code hierarchy, sets as attributes, and reports what it skipped', async () => {
    const { projectId, summary } = (await upload('/api/projects/import', await atlasQdpx(), 'atlas.qdpx').expect(201))
      .body as ProjectImportResult;
    expect(summary).toMatchObject({ sources: 6, codes: 14, codings: 7, offsetUnit: 'codepoints-crlf1' });
    // Six text selections, all named; seven codings (one selection carries three, one none).
    expect(summary.offsetCheck).toEqual({ named: 6, matched: 6 });
    const skippedSources = summary.skipped.filter((s) => s.kind === 'source');
    // The file writes "Limón" decomposed (NFD); compare as NFC.
    expect(skippedSources.map((s) => s.name.normalize('NFC')).sort()).toEqual(
      [
        '1960s Coca Cola commercial.mp4',
        '1994 Diet Coke-Diet Coke Break.mp4',
        "Jeanine's Breakfast.m4a",
        "Kellogg's Passion for Nutrition.pdf",
        "Pay de Limón con Base de Granola | Kellogg's ®.pdf",
        'cornflakes-n-milk.jpg',
      ].sort(),
    );
    expect(skippedSources.find((s) => s.name === 'cornflakes-n-milk.jpg')?.reason).toMatch(
      /picture sources are not modelled in Tolk \(2 codings/u,
    );

    const codes = (await app.http.get(`/api/projects/${projectId}/codes`).set(auth()).expect(200)).body as Code[];
    const coke = codes.find((c) => c.name === 'Coke')!;
    expect(
      codes
        .filter((c) => c.parentId === coke.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['diet Coke', 'full-fat Coke']);
    expect(coke).toMatchObject({ color: '#966450', description: 'the breakfast of champions' });

    const documents = (await app.http.get(`/api/projects/${projectId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    expect(documents.find((d) => d.title === 'Simon.docx')?.attributes).toEqual({ gender: 'male', age: '67' });
    expect(documents.find((d) => d.title === 'Mabel.txt')?.attributes).toEqual({ gender: 'female', age: '25' });
    const simon = documents.find((d) => d.title === 'Simon.docx')!;
    const codings = (await app.http.get(`/api/documents/${simon.id}/codings`).set(auth()).expect(200)).body as Coding[];
    expect(codings.map((c) => c.quote)).toContain('I did try the gluten free bread, but it was always so soggy,');
    // The selection's description became a comment on its words.
    const threads = (await app.http.get(`/api/documents/${simon.id}/comments`).set(auth()).expect(200))
      .body as CommentThread[];
    expect(threads.map((t) => t.body)).toEqual(['why does Simon feel the need to do this?']);
    const memo = (await app.http.get(`/api/projects/${projectId}/memo`).set(auth()).expect(200)).body as {
      body: string;
    };
    expect(memo.body).toContain('This is a great project');
  });

  it('imports a bare .qde: codes, and each text source without its text reported', async () => {
    const res = await upload(
      '/api/projects/import',
      await fixture('atlasti-8.4-mac_standard-project.qde'),
      'project.qde',
    ).expect(201);
    const summary = res.body.summary as ImportSummary;
    expect(summary).toMatchObject({ sources: 0, codes: 14, codings: 0 });
    expect(summary.skipped.filter((s) => s.reason.startsWith('its text is not in the file'))).toHaveLength(6);
  });
});

describe('lenient import of what other tools write', () => {
  it('finds a bare plainTextPath in sources/, names an untitled source after its file, keeps long code names', async () => {
    const long124 = `Relasjoner mellom ansatte og brukere ${'r'.repeat(87)}`;
    const tooLong = `Svært lang kode ${'x'.repeat(500)}`;
    expect(long124).toHaveLength(124);
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Board minutes" origin="Some tool 1.0">
  <CodeBook><Codes>
    <Code guid="c1" name="${long124}" isCodable="true"/>
    <Code guid="c2" name="${tooLong}" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="s1" plainTextPath="board_2017.txt">
      <PlainTextSelection guid="p1" startPosition="0" endPosition="5"><Coding guid="k1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
      <PlainTextSelection guid="p2" startPosition="6" endPosition="13"><Coding guid="k2"><CodeRef targetGUID="c2"/></Coding></PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
    const zip = new JSZip();
    zip.file('project.qde', qde);
    zip.file('sources/board_2017.txt', 'Board minutes of 2017.');
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const { projectId, summary } = (await upload('/api/projects/import', bytes, 'board.qdpx').expect(201))
      .body as ProjectImportResult;
    expect(summary).toMatchObject({ sources: 1, codes: 2, codings: 2 });
    expect(summary.skipped).toEqual([
      expect.objectContaining({
        kind: 'code',
        name: tooLong,
        reasonCode: 'code_name_shortened',
        params: { limit: '500', shortened: tooLong.slice(0, 500) },
      }),
    ]);
    const documents = (await app.http.get(`/api/projects/${projectId}/documents`).set(auth()).expect(200))
      .body as DocumentSummary[];
    expect(documents.map((d) => d.title)).toEqual(['board_2017']);
    const codings = (await app.http.get(`/api/documents/${documents[0].id}/codings`).set(auth()).expect(200))
      .body as Coding[];
    expect(codings.map((c) => c.quote).sort()).toEqual(['Board', 'minutes']);
    const codes = (await app.http.get(`/api/projects/${projectId}/codes`).set(auth()).expect(200)).body as Code[];
    expect(codes.map((c) => c.name.length).sort()).toEqual([124, 500]);
    // A code name of that length can be given by hand too.
    await app.http
      .patch(`/api/codes/${codes.find((c) => c.name.length === 124)!.id}`)
      .set(auth())
      .send({ name: `${long124}!` })
      .expect(200);
  });
});

describe('untrusted uploads are refused with nothing written', () => {
  const refused = async (bytes: Buffer, name: string, status: number, message: RegExp) => {
    const before = await counts();
    const res = await upload('/api/projects/import', bytes, name).expect(status);
    expect(res.body.message).toMatch(message);
    expect(await counts()).toEqual(before);
  };

  it('a zip bomb (210 MiB of zeros in a few hundred KiB) fails fast with 413', async () => {
    const zip = new JSZip();
    zip.file('project.qde', '<Project xmlns="urn:QDA-XML:project:1.0" name="bomb"/>');
    zip.file('sources/bomb.txt', Buffer.alloc(210 * 1024 * 1024));
    const bomb = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const started = Date.now();
    await refused(bomb, 'bomb.qdpx', 413, /too large once unpacked/u);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a zip bomb that lies about its size is stopped one byte over the lie', async () => {
    // One entry declares 1 KiB but inflates to 64 MiB: patch the sizes in both headers.
    const data = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const zip = new JSZip();
    zip.file('project.qde', '<Project xmlns="urn:QDA-XML:project:1.0" name="liar"/>', { compression: 'STORE' });
    zip.file('sources/liar.txt', 'x'.repeat(1024), { compression: 'STORE' });
    let bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const local = bytes.indexOf('sources/liar.txt') - 30;
    const central = bytes.lastIndexOf('sources/liar.txt') - 46;
    // Rebuild: header with method 8 and the bomb's compressed length, declared size left at 1 KiB.
    const before = bytes.subarray(0, local + 30 + 'sources/liar.txt'.length);
    const after = bytes.subarray(local + 30 + 'sources/liar.txt'.length + 1024);
    bytes = Buffer.concat([before, data, after]);
    const shift = data.length - 1024;
    for (const at of [local, central + shift]) {
      const isCentral = at !== local;
      bytes.writeUInt16LE(8, at + (isCentral ? 10 : 8));
      bytes.writeUInt32LE(data.length, at + (isCentral ? 20 : 18));
    }
    const end = bytes.length - 22;
    bytes.writeUInt32LE(bytes.readUInt32LE(end + 16) + shift, end + 16);
    await refused(bytes, 'liar.qdpx', 400, /unpacks to more than the size it declares/u);
  });

  it('a billion-laughs payload is refused before any entity is expanded', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY lol0 "lol">${levels}]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>`;
    const before = process.memoryUsage().rss;
    await refused(Buffer.from(laughs), 'laughs.qde', 400, /DTD/u);
    // Expanded, &lol9; would be 3 GB of text; refused, the server's memory hardly moves.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('an XXE payload is refused before any entity is read', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>`;
    await refused(Buffer.from(xxe), 'xxe.qde', 400, /DTD/u);
    const zip = new JSZip();
    zip.file('project.qde', xxe);
    await refused(await zip.generateAsync({ type: 'nodebuffer' }), 'xxe.qdpx', 400, /DTD/u);
  });

  it('an entry that climbs out of the archive is refused', async () => {
    const zip = new JSZip();
    zip.file('project.qde', '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>');
    zip.file('../../evil.txt', 'x');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    expect(bytes.includes(Buffer.from('../../evil.txt'))).toBe(true);
    await refused(bytes, 'traversal.qdpx', 400, /refused: it climbs out of the archive/u);
  });

  it('what is not a REFI-QDA file, or no file at all, is a 400', async () => {
    await refused(Buffer.from('just some text'), 'notes.txt', 400, /not a readable REFI-QDA project/u);
    const before = await counts();
    await app.http.post('/api/projects/import').set(auth()).expect(400);
    expect(await counts()).toEqual(before);
  });
});

describe('codebook import (.qdc) into an existing project', () => {
  it('adds the codes with their tree, and a second time finds them all there', async () => {
    const projects = (await app.http.get('/api/projects').set(auth()).expect(200)).body as ProjectSummary[];
    const demo = projects.find((p) => p.role === 'owner' && p.name.length > 0)!;
    const qdc = await download(`/api/projects/${demo.id}/codebook.qdc`);
    const demoCodes = (await app.http.get(`/api/projects/${demo.id}/codes`).set(auth()).expect(200)).body as Code[];
    const fresh = (await app.http.post('/api/projects').set(auth()).send({ name: 'Tom kodebok' }).expect(201)).body as {
      id: string;
    };

    const first = (await upload(`/api/projects/${fresh.id}/codebook.qdc`, qdc, 'codebook.qdc').expect(201)).body as {
      summary: ImportSummary;
    };
    expect(first.summary.codes).toBe(demoCodes.length);
    const codes = (await app.http.get(`/api/projects/${fresh.id}/codes`).set(auth()).expect(200)).body as Code[];
    const tree = (list: Code[]) =>
      list
        .map((c) => `${list.find((p) => p.id === c.parentId)?.name ?? '-'} > ${c.name} ${c.color} ${c.description}`)
        .sort();
    expect(tree(codes)).toEqual(tree(demoCodes));

    const second = (await upload(`/api/projects/${fresh.id}/codebook.qdc`, qdc, 'codebook.qdc').expect(201)).body as {
      summary: ImportSummary;
    };
    expect(second.summary.codes).toBe(0);
    expect(second.summary.skipped).toHaveLength(demoCodes.length);
  });

  it('an XXE payload in a .qdc is refused', async () => {
    const fresh = (await app.http.post('/api/projects').set(auth()).send({ name: 'XXE' }).expect(201)).body as {
      id: string;
    };
    const xxe =
      '<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook><Codes><Code guid="x" name="&x;" isCodable="true"/></Codes></CodeBook>';
    await upload(`/api/projects/${fresh.id}/codebook.qdc`, Buffer.from(xxe), 'x.qdc').expect(400);
    expect((await app.http.get(`/api/projects/${fresh.id}/codes`).set(auth()).expect(200)).body).toEqual([]);
  });
});
