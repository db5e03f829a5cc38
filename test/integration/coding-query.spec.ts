import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Code, CodingQueryResult, QueryExpression } from '@tolk/contracts';
import { addMember, bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * Coding queries over HTTP on the embedded PostgreSQL:
 *
 *   Informant 2 (sosionom)
 *     line 1 «Intervjuer: Hva betyr tillit?»            owner: Spørsmål
 *     line 2 «Informant 2: Tillit tar tid. Vi må bli kjent først.»
 *              owner Tillit «Tillit tar tid.», owner Relasjon «Vi må bli kjent først.»
 *              coder Tillit «tar tid. Vi må» (her own, seen by her alone while blind coding is on)
 *   Informant 1 (vernepleier)
 *     line 1 «Informant 1: Jeg stoler på dem. Det tok tid.»   owner Tillit «Jeg stoler på dem.», owner Relasjon «Det tok tid.»
 */
const TEXT2 = 'Intervjuer: Hva betyr tillit?\nInformant 2: Tillit tar tid. Vi må bli kjent først.';
const TEXT1 = 'Informant 1: Jeg stoler på dem. Det tok tid.';

describe('POST /api/projects/:projectId/analysis/query', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let d1: string;
  let d2: string;
  let trust: Code;
  let relation: Code;
  let question: Code;
  let subTrust: Code;

  const query = (body: Record<string, unknown>, user = owner, status = 200) =>
    app.http.post(`/api/projects/${projectId}/analysis/query`).set(bearer(user)).send(body).expect(status);
  const run = async (expression: QueryExpression, extra: Record<string, unknown> = {}, user = owner) =>
    (await query({ expression, ...extra }, user)).body as CodingQueryResult[];
  const quotes = (results: CodingQueryResult[]) => results.map((r) => [r.documentTitle, r.quote]);
  const setBlind = (blindCoding: boolean) =>
    app.http.patch(`/api/projects/${projectId}`).set(bearer(owner)).send({ settings: { blindCoding } }).expect(200);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Spørringer' }).expect(201)).body
      .id;
    for (const [user, role] of [
      [coder, 'coder'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    const doc = async (title: string, text: string, utdanning: string) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .send({ title, text, attributes: { utdanning } })
          .expect(201)
      ).body.id as string;
    d1 = await doc('Informant 1', TEXT1, 'vernepleier');
    d2 = await doc('Informant 2', TEXT2, 'sosionom');
    const code = async (name: string, parentId?: string) =>
      (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name, parentId }).expect(201))
        .body as Code;
    trust = await code('Tillit');
    relation = await code('Relasjon');
    question = await code('Spørsmål');
    subTrust = await code('Tillit over tid', trust.id);
    const coding = (documentId: string, text: string, codeId: string, phrase: string, user: TestUser) => {
      const start = text.indexOf(phrase);
      return app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(user))
        .send({ codeId, start, end: start + phrase.length })
        .expect(201);
    };
    await coding(d2, TEXT2, question.id, 'Hva betyr tillit?', owner);
    await coding(d2, TEXT2, trust.id, 'Tillit tar tid.', owner);
    await coding(d2, TEXT2, relation.id, 'Vi må bli kjent først.', owner);
    await coding(d1, TEXT1, trust.id, 'Jeg stoler på dem.', owner);
    await coding(d1, TEXT1, relation.id, 'Det tok tid.', owner);
    await coding(d2, TEXT2, trust.id, 'tar tid. Vi må', coder);
  });
  afterAll(async () => {
    await app.close();
  });

  it('a leaf lists the code’s text once per stretch, with quote, sentence context and lines', async () => {
    const results = await run({ codeId: trust.id }, { coder: [owner.id] });
    expect(results).toEqual([
      {
        documentId: d1,
        documentTitle: 'Informant 1',
        start: TEXT1.indexOf('Jeg'),
        end: TEXT1.indexOf(' Det'),
        quote: 'Jeg stoler på dem.',
        context: 'Informant 1: Jeg stoler på dem.',
        contextStart: 0,
        lineStart: 1,
        lineEnd: 1,
      },
      expect.objectContaining({
        documentId: d2,
        quote: 'Tillit tar tid.',
        context: 'Informant 2: Tillit tar tid.',
        lineStart: 2,
        lineEnd: 2,
      }),
    ]);
    // Both people's codings of Tillit overlap in Informant 2: one stretch, «Tillit tar tid. Vi må».
    expect(quotes(await run({ code: trust.id }))).toEqual([
      ['Informant 1', 'Jeg stoler på dem.'],
      ['Informant 2', 'Tillit tar tid. Vi må'],
    ]);
    const turn = await run({ codeId: relation.id }, { documentId: d2, context: 'turn' });
    expect(turn.map((r) => r.context)).toEqual(['Informant 2: Tillit tar tid. Vi må bli kjent først.']);
  });

  it('and, or, not, near and followedBy over the codes, with sub-codes counting for their parent', async () => {
    expect(quotes(await run({ and: [{ codeId: trust.id }, { codeId: relation.id }] }))).toEqual([
      ['Informant 2', 'Vi må'],
    ]);
    expect(quotes(await run({ and: [{ codeId: trust.id }, { not: { codeId: relation.id } }] }))).toEqual([
      ['Informant 1', 'Jeg stoler på dem.'],
      ['Informant 2', 'Tillit tar tid. '],
    ]);
    expect(quotes(await run({ or: [{ codeId: question.id }, { codeId: relation.id }] }))).toEqual([
      ['Informant 1', 'Det tok tid.'],
      ['Informant 2', 'Hva betyr tillit?'],
      ['Informant 2', 'Vi må bli kjent først.'],
    ]);
    expect(
      quotes(
        await run({ near: [{ codeId: question.id }, { codeId: trust.id }], within: 'turn' }, { coder: [owner.id] }),
      ),
    ).toEqual([]);
    expect(
      quotes(await run({ near: [{ codeId: question.id }, { codeId: trust.id }], within: 20 }, { coder: [owner.id] })),
    ).toEqual([['Informant 2', 'Hva betyr tillit?\nInformant 2: Tillit tar tid.']]);
    expect(
      quotes(await run({ followedBy: [{ codeId: trust.id }, { codeId: relation.id }] }, { coder: [owner.id] })),
    ).toEqual([
      ['Informant 1', 'Jeg stoler på dem. Det tok tid.'],
      ['Informant 2', 'Tillit tar tid. Vi må bli kjent først.'],
    ]);
    expect(quotes(await run({ followedBy: [{ codeId: relation.id }, { codeId: trust.id }] }))).toEqual([]);
    // A coding of the sub-code counts as Tillit.
    await app.http
      .post(`/api/documents/${d2}/codings`)
      .set(bearer(owner))
      .send({ codeId: subTrust.id, start: 0, end: 10 })
      .expect(201);
    expect(quotes(await run({ codeId: trust.id }, { coder: [owner.id], documentId: d2 }))).toEqual([
      ['Informant 2', 'Intervjuer'],
      ['Informant 2', 'Tillit tar tid.'],
    ]);
  });

  it('restricts by transcript attributes and transcript', async () => {
    expect(quotes(await run({ codeId: relation.id }, { attributes: { utdanning: 'vernepleier' } }))).toEqual([
      ['Informant 1', 'Det tok tid.'],
    ]);
    expect(await run({ codeId: relation.id }, { attributes: { utdanning: 'lege' } })).toEqual([]);
    expect(quotes(await run({ codeId: relation.id }, { documentId: d1 }))).toEqual([['Informant 1', 'Det tok tid.']]);
  });

  it('with blind coding on, a coder’s query reads her own codings only, whoever she names', async () => {
    await setBlind(true);
    try {
      expect(quotes(await run({ codeId: trust.id }, {}, coder))).toEqual([['Informant 2', 'tar tid. Vi må']]);
      expect(await run({ codeId: trust.id }, { coder: [owner.id] }, coder)).toEqual([]);
      expect(await run({ codeId: relation.id }, {}, coder)).toEqual([]);
      expect(await run({ near: [{ codeId: trust.id }, { codeId: relation.id }], within: 1000 }, {}, coder)).toEqual([]);
      // The owner still reads everyone's; a viewer, who codes nothing, reads nothing.
      expect(quotes(await run({ codeId: trust.id }, { documentId: d2, coder: [coder.id] }))).toEqual([
        ['Informant 2', 'tar tid. Vi må'],
      ]);
      expect(await run({ codeId: trust.id }, {}, viewer)).toEqual([]);
    } finally {
      await setBlind(false);
    }
  });

  it('refuses malformed queries with a stable reason and the path, and strangers with 404', async () => {
    const refused = async (body: Record<string, unknown>) =>
      (await query(body, owner, 400)).body as {
        reason: string;
        params: unknown;
      };
    expect(await refused({ expression: { not: { codeId: trust.id } } })).toMatchObject({
      reason: 'invalid_query',
      params: { path: 'expression.not' },
    });
    expect(
      await refused({ expression: { near: [{ codeId: trust.id }, { codeId: relation.id }], within: -5 } }),
    ).toMatchObject({
      reason: 'invalid_query',
      params: { path: 'expression.within' },
    });
    expect(await refused({ expression: { and: [{ codeId: trust.id }, { codeId: outsider.id }] } })).toMatchObject({
      reason: 'code_not_in_project',
      params: { field: 'expression.and[1].codeId' },
    });
    expect(await refused({ expression: { codeId: trust.id }, coder: 'alle' })).toMatchObject({
      reason: 'invalid_filter',
      params: { field: 'coder' },
    });
    await query({ expression: { codeId: trust.id } }, outsider, 404);
    await app.http
      .post(`/api/projects/${projectId}/analysis/query`)
      .send({ expression: { codeId: trust.id } })
      .expect(401);
  });

  it('is audited as a read of text', async () => {
    await run({ codeId: trust.id }, {}, viewer);
    const audit = (await app.http.get(`/api/projects/${projectId}/audit`).set(bearer(owner)).expect(200)).body as {
      entries: { action: string; actor: { userId: string } }[];
    };
    expect(audit.entries.some((e) => e.action === 'query.run' && e.actor.userId === viewer.id)).toBe(true);
  });
});
