import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Code, type Coding, lineSpan, type Segment, textLines, textTimestamps, timeAt } from '@tolk/contracts';
import { addMember, bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * The coded-passages list (`GET …/segments`) is written as JSON text by
 * PostgreSQL and sent as it is (issue #16's benchmark). These tests hold
 * every variant — all, one coder, text search, a code, the union, pages —
 * to the list worked out here from the texts alone: quotes cut from the
 * text in UTF-16 units (an emoji before them), characters JSON must escape,
 * line numbers over several lines and the time of the nearest mark.
 */
const TEXT_A =
  'Intervjuer: Hva betyr «samarbeid» for deg? 😀\n' +
  '[00:01:05] Informant: Samarbeid er "alt" – C:\\mappe\\fil og\ttabulator.\n' +
  '\n' +
  '[00:02:30.5] Informant: Tillit tar tid. Vi må bli kjent først, så kommer samarbeidet.';
const TEXT_B = 'Informant 2: Jeg stoler på dem 👍🏽 og de på meg.\nIntervjuer: Og kollegene?\nInformant 2: Også.';

describe('the segments list as PostgreSQL writes it: every variant equals the list worked out from the texts', () => {
  let app: TestApp;
  let student: TestUser;
  let supervisor: TestUser;
  let projectId: string;
  let trust: Code;
  let cooperation: Code;
  let trustChild: Code;
  const texts = new Map<string, string>();
  const titles = new Map<string, string>();
  const attributes = new Map<string, Record<string, string>>();
  const made: { coding: Coding; user: TestUser; order: number }[] = [];

  const get = async (path: string, user = student) => {
    const response = await app.http.get(path).set(bearer(user)).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/u);
    return response.body as Segment[];
  };
  const segments = (query = '', user = student) => get(`/api/projects/${projectId}/segments${query}`, user);

  /** The list as the contract defines it, one segment per coding, from what the tests made. */
  const expected = (keep: (c: Coding, user: TestUser) => boolean = () => true): Segment[] =>
    made
      .filter(({ coding, user }) => keep(coding, user))
      .sort(
        (x, y) =>
          titles.get(x.coding.documentId)!.localeCompare(titles.get(y.coding.documentId)!) ||
          x.coding.start - y.coding.start ||
          x.coding.end - y.coding.end ||
          x.order - y.order,
      )
      .map(({ coding, user }) => {
        const text = texts.get(coding.documentId)!;
        return {
          codingId: coding.id,
          documentId: coding.documentId,
          documentTitle: titles.get(coding.documentId)!,
          attributes: attributes.get(coding.documentId)!,
          codeId: coding.codeId,
          start: coding.start,
          end: coding.end,
          ...lineSpan(textLines(text), coding.start, coding.end),
          ms: timeAt(textTimestamps(text), coding.start),
          quote: text.slice(coding.start, coding.end),
          createdBy: user.id,
          createdByName: user.name,
          coders: [{ id: user.id, name: user.name }],
        };
      });

  beforeAll(async () => {
    app = await startTestApp();
    [student, supervisor] = await Promise.all(['Sara Student', 'Viktor Veileder'].map((n) => createUser(app, n)));
    projectId = (await app.http.post('/api/projects').set(bearer(student)).send({ name: 'Liste' }).expect(201)).body.id;
    await addMember(app, student, projectId, supervisor, 'supervisor');
    for (const [title, text, utdanning] of [
      ['Informant 2', TEXT_B, 'vernepleier'],
      ['Informant 1', TEXT_A, 'sosionom'],
    ]) {
      const id = (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(student))
          .send({ title, text, attributes: { utdanning } })
          .expect(201)
      ).body.id as string;
      texts.set(id, text);
      titles.set(id, title);
      attributes.set(id, { utdanning });
    }
    const [b, a] = [...texts.keys()];
    const code = async (name: string, parentId?: string) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/codes`)
          .set(bearer(student))
          .send({ name, ...(parentId ? { parentId } : {}) })
          .expect(201)
      ).body as Code;
    trust = await code('Tillit');
    trustChild = await code('Tillit over tid', trust.id);
    cooperation = await code('Samarbeid');
    const coding = async (documentId: string, codeId: string, phrase: string, user: TestUser, extra = 0) => {
      const start = texts.get(documentId)!.indexOf(phrase);
      expect(start).toBeGreaterThanOrEqual(0);
      const body = (
        await app.http
          .post(`/api/documents/${documentId}/codings`)
          .set(bearer(user))
          .send({ codeId, start, end: start + phrase.length + extra })
          .expect(201)
      ).body as Coding;
      made.push({ coding: body, user, order: made.length });
    };
    await coding(a, cooperation.id, 'Samarbeid er "alt" – C:\\mappe\\fil og\ttabulator.', student);
    await coding(a, cooperation.id, 'Samarbeid er "alt"', supervisor);
    // Touches the student's passage: the union joins them.
    await coding(a, cooperation.id, '\n\n[00:02:30.5]', supervisor);
    await coding(a, trust.id, 'Tillit tar tid.', student);
    await coding(a, trust.id, 'Tillit tar tid.', supervisor);
    await coding(a, trustChild.id, 'Vi må bli kjent først, så kommer samarbeidet.', supervisor);
    await coding(a, trust.id, 'for deg? 😀\n[00:01:05]', student);
    await coding(b, trust.id, 'Jeg stoler på dem 👍🏽 og de på meg.', student);
    await coding(b, trust.id, 'dem 👍🏽 og de på meg.\nIntervjuer', supervisor);
    await coding(b, cooperation.id, 'Også.', supervisor);
  });
  afterAll(async () => {
    await app.close();
  });

  it('all, one coder, a code with its sub-codes, an attribute and text search each give the worked-out list', async () => {
    const all = await segments();
    expect(all).toHaveLength(made.length);
    expect(all).toEqual(expected());
    // Line numbers and times really vary here (not all 1 and null).
    expect(new Set(all.map((s) => s.lineStart)).size).toBeGreaterThan(2);
    expect(all.map((s) => s.ms)).toEqual(expect.arrayContaining([null, 65_000, 150_500]));
    expect(await segments(`?coder=${supervisor.id}`)).toEqual(expected((_, user) => user === supervisor));
    expect(await segments(`?codeId=${trust.id}`)).toEqual(expected((c) => c.codeId !== cooperation.id));
    expect(await segments('?attr.utdanning=vernepleier')).toEqual(
      expected((c) => titles.get(c.documentId) === 'Informant 2'),
    );
    // "samarbeid" finds the stemmed «Samarbeid» and «samarbeidet», not «Tillit tar tid.».
    const found = await segments('?q=samarbeid');
    expect(found).toEqual(expected((c) => /samarbeid/iu.test(texts.get(c.documentId)!.slice(c.start, c.end))));
    expect(found.length).toBeGreaterThanOrEqual(3);
  });

  it('pages of any size put together give the whole list, plain and merged', async () => {
    for (const merge of ['', '&merge=union']) {
      const whole = await segments(`?offset=0${merge}`);
      for (const size of [1, 3, 4]) {
        const pages: Segment[] = [];
        for (let offset = 0; offset < whole.length + size; offset += size)
          pages.push(...(await segments(`?limit=${size}&offset=${offset}${merge}`)));
        expect(pages).toEqual(whole);
      }
    }
  });

  it('merge=union: one segment per passage of the union, quoted from the text once, naming each coder', async () => {
    const merged = await segments('?merge=union');
    const [b, a] = [...texts.keys()];
    const passage = (documentId: string, codeId: string, start: number, end: number, coders: TestUser[]) => {
      const text = texts.get(documentId)!;
      return expect.objectContaining({
        documentId,
        codeId,
        start,
        end,
        quote: text.slice(start, end),
        ...lineSpan(textLines(text), start, end),
        ms: timeAt(textTimestamps(text), start),
        coders: coders.map((u) => ({ id: u.id, name: u.name })),
      });
    };
    const at = (documentId: string, phrase: string) => texts.get(documentId)!.indexOf(phrase);
    const cooperationStart = at(a, 'Samarbeid er');
    const trustStart = at(a, 'Tillit tar tid.');
    const earlyTrust = at(a, 'for deg?');
    const childStart = at(a, 'Vi må bli');
    const bStart = at(b, 'Jeg stoler');
    expect(merged).toEqual([
      passage(a, trust.id, earlyTrust, earlyTrust + 'for deg? 😀\n[00:01:05]'.length, [student]),
      // The student's, the supervisor's inside it and the supervisor's that touches its end.
      passage(a, cooperation.id, cooperationStart, at(a, '[00:02:30.5]') + '[00:02:30.5]'.length, [
        student,
        supervisor,
      ]),
      passage(a, trust.id, trustStart, trustStart + 'Tillit tar tid.'.length, [student, supervisor]),
      passage(a, trustChild.id, childStart, texts.get(a)!.length, [supervisor]),
      passage(b, trust.id, bStart, at(b, 'Intervjuer') + 'Intervjuer'.length, [student, supervisor]),
      passage(b, cooperation.id, at(b, 'Også.'), at(b, 'Også.') + 'Også.'.length, [supervisor]),
    ]);
    // Informant 1 sorts before Informant 2 though it was made after it.
    expect(merged[0].documentTitle).toBe('Informant 1');
  });
});
