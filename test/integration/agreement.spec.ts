import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgreementDocumentView, AgreementResult, Code, Coding, CodingVersion } from '@tolk/contracts';
import { randomUUID } from 'node:crypto';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

/**
 * Agreement between two coders on hand-counted fixtures: two documents of
 * 10 and 30 characters, so every code has 40 character units.
 */
const TEN = 'Hei, hvem?'; // 10 characters
const THIRTY = 'Vi mistet kontakten med mange.'; // 30 characters

describe('intercoder agreement', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let d1: string;
  let d2: string;
  let x: Code;
  let y: Code;
  let supervisorX: Coding;

  const code = async (user: TestUser, documentId: string, codeId: string, start: number, end: number) =>
    (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(user))
        .send({ codeId, start, end })
        .expect(201)
    ).body as Coding;
  const figures = (query: string, user = owner) =>
    app.http.get(`/api/projects/${projectId}/analysis/agreement?${query}`).set(bearer(user));
  const view = (query: string, user = owner) =>
    app.http.get(`/api/projects/${projectId}/analysis/agreement/disagreements?${query}`).set(bearer(user));
  const setBlind = (blindCoding: boolean) =>
    app.http.patch(`/api/projects/${projectId}`).set(bearer(owner)).send({ settings: { blindCoding } }).expect(200);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Reliabilitet' }).expect(201))
      .body.id;
    for (const [user, role] of [
      [coder, 'coder'],
      [supervisor, 'supervisor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    expect(TEN).toHaveLength(10);
    expect(THIRTY).toHaveLength(30);
    d1 = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: TEN })
        .expect(201)
    ).body.id;
    d2 = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 2', text: THIRTY })
        .expect(201)
    ).body.id;
    x = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Relasjoner' })
        .expect(201)
    ).body;
    y = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Digitalisering' })
        .expect(201)
    ).body;
    // x in d1: coder [0,6), supervisor [2,8) → both 4, only coder 2, only supervisor 2
    await code(coder, d1, x.id, 0, 6);
    supervisorX = await code(supervisor, d1, x.id, 2, 8);
    // y in d2: both [0,10), supervisor also [20,25) → both 10, only supervisor 5
    await code(coder, d2, y.id, 0, 10);
    await code(supervisor, d2, y.id, 0, 10);
    await code(supervisor, d2, y.id, 20, 25);
    // the owner's codings are no side's until the owner joins a group
    await code(owner, d2, x.id, 0, 30);
  });
  afterAll(async () => {
    await app.close();
  });

  it('computes per code and pooled figures from hand-counted tables', async () => {
    const res = await figures(`coderA=${coder.id}&coderB=${supervisor.id}`).expect(200);
    const body = res.body as AgreementResult;
    expect(body.coderA).toEqual([coder.id]);
    expect(body.documentIds.sort()).toEqual([d1, d2].sort());
    const px = body.perCode.find((c) => c.codeId === x.id)!;
    const py = body.perCode.find((c) => c.codeId === y.id)!;
    expect(body.perCode).toHaveLength(2);
    expect(px.table).toEqual({ both: 4, onlyA: 2, onlyB: 2, neither: 32 });
    expect(px.units).toBe(40);
    expect(px.documentIds).toEqual([d1]);
    expect(px.percentAgreement).toBeCloseTo(0.9, 12);
    // p_A = p_B = 6/40: pₑ = .0225 + .7225 = .745, κ = (.9 − .745)/.255
    expect(px.cohensKappa).toBeCloseTo((0.9 - 0.745) / 0.255, 12);
    // n = 80, n₁ = 12, n₀ = 68: α = 1 − 79·4/(68·12)
    expect(px.krippendorffAlpha).toBeCloseTo(1 - (79 * 4) / (68 * 12), 12);
    expect(py.table).toEqual({ both: 10, onlyA: 0, onlyB: 5, neither: 25 });
    // pooled: 80 units, both 14, onlyA 2, onlyB 7, neither 57
    expect(body.table).toEqual({ both: 14, onlyA: 2, onlyB: 7, neither: 57 });
    expect(body.units).toBe(80);
    expect(body.percentAgreement).toBeCloseTo(71 / 80, 12);
    const a1 = 16 / 80;
    const b1 = 21 / 80;
    const pe = a1 * b1 + (1 - a1) * (1 - b1);
    expect(body.cohensKappa).toBeCloseTo((71 / 80 - pe) / (1 - pe), 12);
    expect(body.krippendorffAlpha).toBeCloseTo(1 - (159 * 9) / (123 * 37), 12);
  });

  it('restricts the units to the selected documents, and only codes used in them count', async () => {
    const body = (await figures(`coderA=${coder.id}&coderB=${supervisor.id}&documentId=${d1}`).expect(200))
      .body as AgreementResult;
    expect(body.documentIds).toEqual([d1]);
    expect(body.perCode.map((c) => c.codeId)).toEqual([x.id]);
    expect(body.table).toEqual({ both: 4, onlyA: 2, onlyB: 2, neither: 2 });
    // pₒ = 6/10, pₑ = .6·.6 + .4·.4 = .52, κ = .08/.48
    expect(body.percentAgreement).toBeCloseTo(0.6, 12);
    expect(body.cohensKappa).toBeCloseTo(0.08 / 0.48, 12);
  });

  it('is null where undefined: both sides coded every unit alike', async () => {
    // In d2 the owner coded x over the whole text; compared with a group holding the same, pₑ = 1.
    const both = (
      await figures(`coderA=${owner.id}&coderB=${coder.id},${supervisor.id}&documentId=${d1}&documents=all`).expect(200)
    ).body as AgreementResult;
    // d1 (counted only with documents=all: the owner never coded it): the group's x covers [0,8), the owner nothing: defined, κ = 0.
    expect(both.perCode[0]).toMatchObject({
      codeId: x.id,
      cohensKappa: 0,
      table: { both: 0, onlyA: 0, onlyB: 8, neither: 2 },
    });
    const twin = await createUser(app, 'Tvilling');
    await addMember(app, owner, projectId, twin, 'coder');
    await code(twin, d2, x.id, 0, 30);
    const same = (await figures(`coderA=${owner.id}&coderB=${twin.id}&documentId=${d2}`).expect(200))
      .body as AgreementResult;
    expect(same).toMatchObject({ units: 30, percentAgreement: 1, cohensKappa: null, krippendorffAlpha: null });
  });

  it('pools a group of coders into one side', async () => {
    const body = (await figures(`coderA=${coder.id},${owner.id}&coderB=${supervisor.id}&documentId=${d2}`).expect(200))
      .body as AgreementResult;
    // y as before (10 both, 5 only B, 15 neither); x: the owner's [0,30) against nothing.
    expect(body.perCode.find((c) => c.codeId === y.id)!.table).toEqual({ both: 10, onlyA: 0, onlyB: 5, neither: 15 });
    expect(body.perCode.find((c) => c.codeId === x.id)!.table).toEqual({ both: 0, onlyA: 30, onlyB: 0, neither: 0 });
  });

  it('answers bad input with a 400 naming the parameter, and foreign ids with 404', async () => {
    expect((await figures(`coderA=${coder.id}`).expect(400)).body.message).toMatch(/coderB is required/);
    expect((await figures(`coderA=nobody&coderB=${coder.id}`).expect(400)).body.message).toMatch(
      /coderA must be an id/,
    );
    expect((await figures(`coderA=${coder.id}&coderB=${coder.id}`).expect(400)).body.message).toMatch(
      /different people/,
    );
    expect((await figures(`coderA=${coder.id}&coderB=${owner.id}&documentId=x`).expect(400)).body.message).toMatch(
      /documentId/,
    );
    const elsewhere = (await app.http.post('/api/projects').set(bearer(outsider)).send({ name: 'Annet' }).expect(201))
      .body.id;
    const foreignDoc = (
      await app.http
        .post(`/api/projects/${elsewhere}/documents`)
        .set(bearer(outsider))
        .send({ title: 'Annet', text: 'Tekst' })
        .expect(201)
    ).body.id;
    await figures(`coderA=${coder.id}&coderB=${owner.id}&documentId=${foreignDoc}`).expect(404);
    await view(`coderA=${coder.id}&coderB=${owner.id}&documentId=${foreignDoc}`).expect(404);
    await view(`coderA=${coder.id}&coderB=${owner.id}&documentId=${d1},${d2}`).expect(400);
  });

  it('a non-member gets the 404 of a missing project', async () => {
    const query = `coderA=${coder.id}&coderB=${supervisor.id}`;
    const theirs = await figures(query, outsider).expect(404);
    const missing = await app.http
      .get(`/api/projects/${randomUUID()}/analysis/agreement?${query}`)
      .set(bearer(owner))
      .expect(404);
    expect(theirs.body).toEqual(missing.body);
    await view(`${query}&documentId=${d1}`, outsider).expect(404);
    await app.http
      .post(`/api/projects/${projectId}/analysis/agreement/adopt`)
      .set(bearer(outsider))
      .send({ codingId: supervisorX.id })
      .expect(404);
  });

  it('shows one document side by side with the spans where exactly one side coded', async () => {
    const body = (await view(`coderA=${coder.id}&coderB=${supervisor.id}&documentId=${d1}`).expect(200))
      .body as AgreementDocumentView;
    expect(body).toMatchObject({ documentId: d1, title: 'Informant 1', text: TEN });
    expect(body.codings.map((c) => [c.side, c.start, c.end])).toEqual([
      ['a', 0, 6],
      ['b', 2, 8],
    ]);
    expect(body.codes).toEqual([
      {
        codeId: x.id,
        disagreements: [
          { start: 0, end: 2, codedBy: 'a' },
          { start: 6, end: 8, codedBy: 'b' },
        ],
      },
    ]);
    const onlyY = (await view(`coderA=${coder.id}&coderB=${supervisor.id}&documentId=${d2}&codeId=${y.id}`).expect(200))
      .body as AgreementDocumentView;
    expect(onlyY.codes).toEqual([{ codeId: y.id, disagreements: [{ start: 20, end: 25, codedBy: 'b' }] }]);
    expect(onlyY.codings.every((c) => c.codeId === y.id)).toBe(true);
  });

  describe('with blind coding on', () => {
    beforeAll(async () => {
      await setBlind(true);
    });
    afterAll(async () => {
      await setBlind(false);
    });

    it('the owner and the supervisor may read the figures; coders and viewers may not', async () => {
      const query = `coderA=${coder.id}&coderB=${supervisor.id}`;
      await figures(query, owner).expect(200);
      await figures(query, supervisor).expect(200);
      expect((await figures(query, coder).expect(403)).body.message).toMatch(/Blind coding/);
      await figures(query, viewer).expect(403);
    });

    it('only the owner sees the codings side by side, and nobody adopts what they cannot see', async () => {
      const query = `coderA=${coder.id}&coderB=${supervisor.id}&documentId=${d1}`;
      await view(query, owner).expect(200);
      await view(query, supervisor).expect(403);
      await view(query, coder).expect(403);
      await app.http
        .post(`/api/projects/${projectId}/analysis/agreement/adopt`)
        .set(bearer(coder))
        .send({ codingId: supervisorX.id })
        .expect(404);
    });

    it('after the reveal every member reads both', async () => {
      await setBlind(false);
      await figures(`coderA=${coder.id}&coderB=${supervisor.id}`, coder).expect(200);
      await view(`coderA=${coder.id}&coderB=${supervisor.id}&documentId=${d1}`, viewer).expect(200);
      await setBlind(true);
    });
  });

  describe('adjudication', () => {
    const adopt = (codingId: string, user = owner) =>
      app.http.post(`/api/projects/${projectId}/analysis/agreement/adopt`).set(bearer(user)).send({ codingId });

    it('copies a coding as the caller’s own, recorded in the coding history with who did it', async () => {
      const adopted = (await adopt(supervisorX.id, coder).expect(201)).body as Coding;
      expect(adopted).toMatchObject({
        documentId: d1,
        codeId: x.id,
        start: 2,
        end: 8,
        quote: TEN.slice(2, 8),
        createdBy: coder.id,
        version: 1,
      });
      expect(adopted.id).not.toBe(supervisorX.id);
      const history = (await app.http.get(`/api/codings/${adopted.id}/history`).set(bearer(coder)).expect(200))
        .body as CodingVersion[];
      expect(history).toEqual([
        expect.objectContaining({ action: 'created', start: 2, end: 8, actor: { id: coder.id, name: 'Kari Koder' } }),
      ]);
      // The coder's side now covers [0,8): their only disagreement in d1 is gone from the supervisor's side.
      const after = (await view(`coderA=${coder.id}&coderB=${supervisor.id}&documentId=${d1}`).expect(200))
        .body as AgreementDocumentView;
      expect(after.codes[0].disagreements).toEqual([{ start: 0, end: 2, codedBy: 'a' }]);
      // the original is untouched
      const original = (await app.http.get(`/api/codings/${supervisorX.id}/history`).set(bearer(owner)).expect(200))
        .body as CodingVersion[];
      expect(original).toHaveLength(1);
    });

    it('refuses duplicates, one’s own coding, viewers and bad ids, changing nothing', async () => {
      const before = (await app.http.get(`/api/documents/${d1}/codings`).set(bearer(owner)).expect(200))
        .body as Coding[];
      expect((await adopt(supervisorX.id, coder).expect(409)).body.details).toMatchObject({
        reason: 'duplicate_coding',
      });
      expect((await adopt(supervisorX.id, supervisor).expect(409)).body.details).toMatchObject({
        reason: 'already_yours',
      });
      await adopt(supervisorX.id, viewer).expect(403);
      expect(String((await adopt('not-an-id').expect(400)).body.message)).toMatch(/codingId/);
      await adopt(randomUUID()).expect(404);
      const after = (await app.http.get(`/api/documents/${d1}/codings`).set(bearer(owner)).expect(200))
        .body as Coding[];
      expect(after).toHaveLength(before.length);
    });
  });
});

describe('the demo project', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ demo: true });
  });
  afterAll(async () => {
    await app.close();
  });

  it('starts with codings by both demo users, so the agreement view has figures at once', async () => {
    const login = async (email: string, password: string) =>
      (await app.http.post('/api/auth/login').send({ email, password }).expect(200)).body as {
        accessToken: string;
        user: { id: string };
      };
    const student = await login('student@tolk.example', 'tolk-student-demo');
    const veileder = await login('veileder@tolk.example', 'tolk-veileder-demo');
    const auth = { Authorization: `Bearer ${student.accessToken}` };
    const [project] = (await app.http.get('/api/projects').set(auth).expect(200)).body as { id: string }[];
    const documents = (await app.http.get(`/api/projects/${project.id}/documents`).set(auth).expect(200)).body as {
      id: string;
      title: string;
    }[];
    const byTitle = new Map(documents.map((d) => [d.title, d.id]));
    const result = (
      await app.http
        .get(`/api/projects/${project.id}/analysis/agreement?coderA=${student.user.id}&coderB=${veileder.user.id}`)
        .set(auth)
        .expect(200)
    ).body as AgreementResult;
    expect(result.perCode.length).toBeGreaterThanOrEqual(3);
    expect(result.cohensKappa).toBeGreaterThan(0);
    expect(result.cohensKappa).toBeLessThan(1);
    expect(result.table.onlyA).toBeGreaterThan(0);
    expect(result.table.onlyB).toBeGreaterThan(0);
    // Informant 1 is left for trying it from scratch.
    const first = (
      await app.http
        .get(`/api/documents/${byTitle.get('Informant 1')}/codings`)
        .set(auth)
        .expect(200)
    ).body as Coding[];
    expect(first).toEqual([]);
    const second = (
      await app.http
        .get(`/api/documents/${byTitle.get('Informant 2')}/codings`)
        .set(auth)
        .expect(200)
    ).body as Coding[];
    expect(new Set(second.map((c) => c.createdBy))).toEqual(new Set([student.user.id, veileder.user.id]));
  });
});
