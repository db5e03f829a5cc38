import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Code, CodingQueryResult, SavedQuery } from '@tolk/contracts';
import { addMember, bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * Saved coding queries over HTTP on the embedded PostgreSQL: saved under a
 * name, listed, run on the codings as they are now (a new coding changes the
 * results), renamed, redefined and deleted, by the roles docs/api.md names.
 *
 *   Informant 1 (vernepleier) «Jeg stoler på dem. Det tok tid. Vi ble kjent.»
 *     owner Tillit «Jeg stoler på dem.», owner Relasjon «Det tok tid.»
 *   Informant 2 (sosionom)    «Tillit tar tid. Vi må bli kjent først.»
 *     owner Tillit «Tillit tar tid. Vi må», owner Relasjon «Vi må bli kjent først.»
 */
const TEXT1 = 'Informant 1: Jeg stoler på dem. Det tok tid. Vi ble kjent.';
const TEXT2 = 'Informant 2: Tillit tar tid. Vi må bli kjent først.';

describe('saved coding queries', () => {
  let app: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let coder: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let d1: string;
  let trust: Code;
  let relation: Code;

  const base = () => `/api/projects/${projectId}/analysis/queries`;
  const save = (body: object, user = owner, status = 201) =>
    app.http.post(base()).set(bearer(user)).send(body).expect(status);
  const results = async (id: string, user = owner) =>
    (await app.http.get(`${base()}/${id}/results`).set(bearer(user)).expect(200)).body as CodingQueryResult[];
  const quotes = (list: CodingQueryResult[]) => list.map((r) => [r.documentTitle, r.quote, r.lineStart]);
  const trustNotRelation = () => ({ and: [{ codeId: trust.id }, { not: { codeId: relation.id } }] });

  beforeAll(async () => {
    app = await startTestApp();
    [owner, supervisor, coder, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Kari Koder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Lagrede' }).expect(201)).body.id;
    for (const [user, role] of [
      [supervisor, 'supervisor'],
      [coder, 'coder'],
      [viewer, 'viewer'],
    ] as const)
      await addMember(app, owner, projectId, user, role);
    const doc = async (title: string, text: string, utdanning: string) =>
      (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .send({ title, text, attributes: { utdanning } })
          .expect(201)
      ).body.id as string;
    d1 = await doc('Informant 1', TEXT1, 'vernepleier');
    const d2 = await doc('Informant 2', TEXT2, 'sosionom');
    const code = async (name: string) =>
      (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name }).expect(201))
        .body as Code;
    trust = await code('Tillit');
    relation = await code('Relasjon');
    const coding = async (documentId: string, text: string, codeId: string, phrase: string) => {
      const start = text.indexOf(phrase);
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(owner))
        .send({ codeId, start, end: start + phrase.length })
        .expect(201);
    };
    await coding(d1, TEXT1, trust.id, 'Jeg stoler på dem.');
    await coding(d1, TEXT1, relation.id, 'Det tok tid.');
    await coding(d2, TEXT2, trust.id, 'Tillit tar tid. Vi må');
    await coding(d2, TEXT2, relation.id, 'Vi må bli kjent først.');
  });
  afterAll(async () => {
    await app.close();
  });

  it('saves a query under a name, lists it for every member, and runs it with line citations', async () => {
    const saved = (await save({ name: ' Tillit uten relasjon ', query: { expression: trustNotRelation() } }))
      .body as SavedQuery;
    expect(saved).toEqual({
      id: expect.any(String),
      projectId,
      name: 'Tillit uten relasjon',
      query: { expression: trustNotRelation() },
      createdBy: { id: owner.id, name: 'Sara Student' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    for (const user of [supervisor, coder, viewer]) {
      const list = (await app.http.get(base()).set(bearer(user)).expect(200)).body as SavedQuery[];
      expect(list.map((q) => q.name)).toEqual(['Tillit uten relasjon']);
    }
    expect(quotes(await results(saved.id, viewer))).toEqual([
      ['Informant 1', 'Jeg stoler på dem.', 1],
      ['Informant 2', 'Tillit tar tid. ', 1],
    ]);
    // «Kodet av» someone who coded nothing: nothing found; a bad coder is refused.
    const byCoder = await app.http
      .get(`${base()}/${saved.id}/results?coder=${coder.id}`)
      .set(bearer(owner))
      .expect(200);
    expect(byCoder.body).toEqual([]);
    const badCoder = await app.http.get(`${base()}/${saved.id}/results?coder=nobody`).set(bearer(owner)).expect(400);
    expect(badCoder.body).toMatchObject({ reason: 'invalid_filter', params: { field: 'coder' } });
  });

  it('answers from the codings as they are now: a new coding changes the results', async () => {
    const saved = (await save({ name: 'Relasjon', query: { expression: { codeId: relation.id } } })).body as SavedQuery;
    expect(quotes(await results(saved.id))).toEqual([
      ['Informant 1', 'Det tok tid.', 1],
      ['Informant 2', 'Vi må bli kjent først.', 1],
    ]);
    const start = TEXT1.indexOf('Vi ble kjent.');
    await app.http
      .post(`/api/documents/${d1}/codings`)
      .set(bearer(coder))
      .send({ codeId: relation.id, start, end: start + 'Vi ble kjent.'.length })
      .expect(201);
    // The coder's new coding is a stretch of its own now.
    expect(quotes(await results(saved.id))).toEqual([
      ['Informant 1', 'Det tok tid.', 1],
      ['Informant 1', 'Vi ble kjent.', 1],
      ['Informant 2', 'Vi må bli kjent først.', 1],
    ]);
  });

  it('keeps restrictions, and takes attr.NAME keys beside attributes', async () => {
    const saved = (
      await save({
        name: 'Tillit blant sosionomer',
        query: { expression: { codeId: trust.id }, 'attr.utdanning': 'sosionom', context: 'turn' },
      })
    ).body as SavedQuery;
    expect(saved.query).toEqual({
      expression: { codeId: trust.id },
      attributes: { utdanning: 'sosionom' },
      context: 'turn',
    });
    const found = await results(saved.id);
    expect(quotes(found)).toEqual([['Informant 2', 'Tillit tar tid. Vi må', 1]]);
    expect(found[0].context).toBe(TEXT2);
    // The one-off route takes the same spelling.
    const once = await app.http
      .post(`/api/projects/${projectId}/analysis/query`)
      .set(bearer(owner))
      .send({ expression: { codeId: trust.id }, 'attr.utdanning': 'vernepleier' })
      .expect(200);
    expect(quotes(once.body as CodingQueryResult[])).toEqual([['Informant 1', 'Jeg stoler på dem.', 1]]);
    const clash = await app.http
      .post(`/api/projects/${projectId}/analysis/query`)
      .set(bearer(owner))
      .send({ expression: { codeId: trust.id }, attributes: { utdanning: 'sosionom' }, 'attr.utdanning': 'x' })
      .expect(400);
    expect(clash.body).toMatchObject({ reason: 'invalid_filter', params: { field: 'attr.utdanning' } });
  });

  it('refuses a bad query or a taken name, and changes nothing then', async () => {
    const bad = await save({ name: 'Feil', query: { expression: { not: { codeId: trust.id } } } }, owner, 400);
    expect(bad.body).toMatchObject({ reason: 'invalid_query', params: { path: 'expression.not' } });
    const unknown = await save(
      { name: 'Ukjent', query: { expression: { codeId: '00000000-0000-4000-8000-000000000000' } } },
      owner,
      400,
    );
    expect(unknown.body.reason).toBe('code_not_in_project');
    const taken = await save({ name: 'Relasjon', query: { expression: { codeId: trust.id } } }, coder, 409);
    expect(taken.body).toMatchObject({ reason: 'query_name_taken', params: { name: 'Relasjon' } });
    const list = (await app.http.get(base()).set(bearer(owner)).expect(200)).body as SavedQuery[];
    expect(list.map((q) => q.name)).toEqual(['Relasjon', 'Tillit blant sosionomer', 'Tillit uten relasjon']);
  });

  it('who may save, change and delete: the saver or an owner; viewers read and run; outsiders learn nothing', async () => {
    const mine = (await save({ name: 'Kari sin', query: { expression: { codeId: trust.id } } }, coder))
      .body as SavedQuery;
    expect(mine.createdBy).toEqual({ id: coder.id, name: 'Kari Koder' });
    expect((await save({ name: 'Viktor sin', query: { expression: { codeId: trust.id } } }, supervisor)).status).toBe(
      201,
    );
    const refused = await save({ name: 'Vera sin', query: { expression: { codeId: trust.id } } }, viewer, 403);
    expect(refused.body.reason).toBe('role_forbidden');

    const patch = (user: TestUser, body: object, status: number) =>
      app.http.patch(`${base()}/${mine.id}`).set(bearer(user)).send(body).expect(status);
    expect((await patch(supervisor, { name: 'Overtatt' }, 403)).body.reason).toBe('not_query_author');
    expect((await patch(viewer, { name: 'Overtatt' }, 403)).body.reason).toBe('role_forbidden');
    expect((await patch(outsider, { name: 'Overtatt' }, 404)).body.reason).toBe('not_found');
    expect((await patch(coder, { name: 'Relasjon' }, 409)).body.reason).toBe('query_name_taken');

    // Its saver redefines it: the results follow the new definition.
    const redefined = (
      await patch(coder, { name: 'Kari: relasjon', query: { expression: { codeId: relation.id } } }, 200)
    ).body as SavedQuery;
    expect(redefined).toMatchObject({
      id: mine.id,
      name: 'Kari: relasjon',
      query: { expression: { codeId: relation.id } },
    });
    expect(quotes(await results(mine.id, coder)).map(([, quote]) => quote)).toEqual([
      'Det tok tid.',
      'Vi ble kjent.',
      'Vi må bli kjent først.',
    ]);
    // The owner may change anyone's.
    expect((await patch(owner, { name: 'Eiers navn' }, 200)).body.name).toBe('Eiers navn');

    await app.http.get(base()).set(bearer(outsider)).expect(404);
    const outsiderRun = await app.http.get(`${base()}/${mine.id}/results`).set(bearer(outsider)).expect(404);
    expect(outsiderRun.body.reason).toBe('not_found');
    await app.http.delete(`${base()}/${mine.id}`).set(bearer(supervisor)).expect(403);
    await app.http.delete(`${base()}/${mine.id}`).set(bearer(viewer)).expect(403);
    await app.http.delete(`${base()}/${mine.id}`).set(bearer(coder)).expect(204);
    await app.http.get(`${base()}/${mine.id}/results`).set(bearer(owner)).expect(404);
    const names = ((await app.http.get(base()).set(bearer(viewer)).expect(200)).body as SavedQuery[]).map(
      (q) => q.name,
    );
    expect(names).not.toContain('Eiers navn');
    expect(names).toContain('Viktor sin');
  });

  it('a saved query of another project is not found under this one', async () => {
    const other = (await app.http.post('/api/projects').set(bearer(outsider)).send({ name: 'Annet' }).expect(201)).body
      .id as string;
    const code = (
      await app.http.post(`/api/projects/${other}/codes`).set(bearer(outsider)).send({ name: 'X' }).expect(201)
    ).body as Code;
    const theirs = (
      await app.http
        .post(`/api/projects/${other}/analysis/queries`)
        .set(bearer(outsider))
        .send({ name: 'X', query: { expression: { codeId: code.id } } })
        .expect(201)
    ).body as SavedQuery;
    await app.http.get(`${base()}/${theirs.id}/results`).set(bearer(owner)).expect(404);
    await app.http.delete(`${base()}/${theirs.id}`).set(bearer(owner)).expect(404);
  });

  it('with blind coding on, a coder running the owner’s saved query gets only her own codings', async () => {
    const saved = (await save({ name: 'Blind', query: { expression: { codeId: relation.id } } })).body as SavedQuery;
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    try {
      expect((await results(saved.id, coder)).map((r) => r.quote)).toEqual(['Vi ble kjent.']);
      expect((await results(saved.id, viewer)).map((r) => r.quote)).toEqual([]);
      expect((await results(saved.id, owner)).map((r) => r.quote)).toEqual([
        'Det tok tid.',
        'Vi ble kjent.',
        'Vi må bli kjent først.',
      ]);
    } finally {
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { blindCoding: false } })
        .expect(200);
    }
  });
});
