import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Code, WordFrequency } from '@tolk/contracts';
import { addMember, bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

const TEXT1 =
  'Intervjuer: Hva betyr tillit for deg?\nInformant 1: Tillit tar tid. Tilliten kom sakte, og tilliten varte.';
const TEXT2 = 'Informant 2: Jeg stoler på dem. Tillit er viktig.';

describe('GET /api/projects/:projectId/analysis/words', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let trust: Code;

  const words = async (query = '', user = owner) =>
    (await app.http.get(`/api/projects/${projectId}/analysis/words${query}`).set(bearer(user)).expect(200))
      .body as WordFrequency[];

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, outsider] = await Promise.all(['Sara Student', 'Kari Koder', 'Otto'].map((n) => createUser(app, n)));
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Ord' }).expect(201)).body.id;
    await addMember(app, owner, projectId, coder, 'coder');
    const doc = async (title: string, text: string) =>
      (await app.http.post(`/api/projects/${projectId}/documents`).set(bearer(owner)).send({ title, text }).expect(201))
        .body.id as string;
    const d1 = await doc('Informant 1', TEXT1);
    await doc('Informant 2', TEXT2);
    trust = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tillit' }).expect(201)
    ).body as Code;
    const start = TEXT1.indexOf('Tilliten kom');
    await app.http
      .post(`/api/documents/${d1}/codings`)
      .set(bearer(coder))
      .send({ codeId: trust.id, start, end: start + 'Tilliten kom sakte'.length })
      .expect(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('counts lemmas over whole transcripts, forms together, stop words and speaker labels left out', async () => {
    const all = await words();
    expect(all[0]).toEqual({
      word: 'tillit',
      lemma: 'tillit',
      count: 5,
      documents: 2,
      forms: ['tillit', 'tilliten'],
    });
    const seen = all.map((w) => w.word);
    for (const stop of ['for', 'og', 'jeg', 'på', 'er', 'hva']) expect(seen).not.toContain(stop);
    expect(seen).not.toContain('informant');
    expect(seen).not.toContain('intervjuer');
    expect(await words('?limit=1')).toHaveLength(1);
  });

  it('counts only coded text with codeId or coder, and a blind coder only her own', async () => {
    const coded = await words(`?codeId=${trust.id}`);
    // «Tilliten kom sakte»: «kom» is a Norwegian stop word; «sakte» stems to «sakt».
    expect(coded.map((w) => [w.word, w.count, w.forms])).toEqual([
      ['sakt', 1, ['sakte']],
      ['tillit', 1, ['tilliten']],
    ]);
    expect(await words(`?coder=${owner.id}`)).toEqual([]);
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    expect((await words(`?codeId=${trust.id}`, coder)).length).toBe(2);
    expect(await words(`?coder=${coder.id}`, owner)).toHaveLength(2);
  });

  it('refuses bad parameters and strangers', async () => {
    const bad = async (query: string) =>
      (await app.http.get(`/api/projects/${projectId}/analysis/words${query}`).set(bearer(owner)).expect(400)).body as {
        reason: string;
        params: { field: string };
      };
    expect(await bad('?limit=0')).toMatchObject({ reason: 'invalid_filter', params: { field: 'limit' } });
    expect(await bad('?codeId=x')).toMatchObject({ reason: 'invalid_filter', params: { field: 'codeId' } });
    expect(await bad(`?codeId=${owner.id}`)).toMatchObject({
      reason: 'code_not_in_project',
      params: { field: 'codeId' },
    });
    await app.http.get(`/api/projects/${projectId}/analysis/words`).set(bearer(outsider)).expect(404);
  });
});
