import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Code, CodebookHistoryEntry, CodeProposal } from '@tolk/contracts';
import { addMember, bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/**
 * A code's definition beyond its description: when to use it, when not to,
 * and an example quote taken from a coding; who may set it, who may only
 * propose it, and what the codebook's history keeps.
 */
describe('code definitions', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let documentId: string;
  let loss: Code;
  let trust: Code;

  const TEXT = 'Informant 2: Vi mistet kontakten med familiene.\nInformant 2: Tilliten kom tilbake etter hvert.';

  const code = async (id: string) =>
    ((await app.http.get(`/api/projects/${projectId}/codes`).set(bearer(viewer)).expect(200)).body as Code[]).find(
      (c) => c.id === id,
    );
  const patch = (id: string, body: object, user = owner) =>
    app.http.patch(`/api/codes/${id}`).set(bearer(user)).send(body);
  const codeText = async (user: TestUser, codeId: string, start: number, end: number) =>
    (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(user))
        .send({ codeId, start, end })
        .expect(201)
    ).body as { id: string; quote: string };
  const history = async () =>
    (await app.http.get(`/api/projects/${projectId}/codebook/history`).set(bearer(viewer)).expect(200))
      .body as CodebookHistoryEntry[];
  const propose = (body: object, user: TestUser) =>
    app.http.post(`/api/projects/${projectId}/code-proposals`).set(bearer(user)).send(body);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Definisjoner' }).expect(201))
      .body.id;
    await addMember(app, owner, projectId, coder, 'coder');
    await addMember(app, owner, projectId, supervisor, 'supervisor');
    await addMember(app, owner, projectId, viewer, 'viewer');
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 2', text: TEXT })
        .expect(201)
    ).body.id;
    loss = (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(owner))
        .send({ name: 'Tap av kontakt', whenToUse: 'Kontakt som brøt', whenNotToUse: 'Planlagte pauser' })
        .expect(201)
    ).body;
    trust = (await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Tillit' })).body;
  });
  afterAll(async () => {
    await app.close();
  });

  it('a new code carries its definition; every code has the fields, empty until written', async () => {
    expect(loss).toMatchObject({
      whenToUse: 'Kontakt som brøt',
      whenNotToUse: 'Planlagte pauser',
      exampleCodingId: null,
      exampleQuote: '',
    });
    expect(await code(trust.id)).toMatchObject({ whenToUse: '', whenNotToUse: '', exampleCodingId: null });
  });

  it('codebook editors set when to use and when not to; the supervisor and viewer get 403, outsiders 404', async () => {
    const changed = (
      await patch(trust.id, { whenToUse: 'Når tillit nevnes', whenNotToUse: 'Tillit til NAV' }, coder).expect(200)
    ).body as Code;
    expect(changed).toMatchObject({ whenToUse: 'Når tillit nevnes', whenNotToUse: 'Tillit til NAV', version: 2 });
    for (const user of [supervisor, viewer]) {
      expect((await patch(trust.id, { whenToUse: 'Nei' }, user).expect(403)).body.reason).toBe('role_forbidden');
    }
    await patch(trust.id, { whenToUse: 'Nei' }, outsider).expect(404);
    expect((await patch(trust.id, { whenToUse: 'x'.repeat(5001) }).expect(400)).body.reason).toBe('invalid_input');
    expect(await code(trust.id)).toMatchObject({ whenToUse: 'Når tillit nevnes', version: 2 });
  });

  it('an example quote comes from a current coding of the code and stays as chosen', async () => {
    const start = TEXT.indexOf('Vi mistet');
    const coding = await codeText(owner, loss.id, start, start + 'Vi mistet kontakten'.length);
    const chosen = (await patch(loss.id, { exampleCodingId: coding.id }).expect(200)).body as Code;
    expect(chosen).toMatchObject({ exampleCodingId: coding.id, exampleQuote: 'Vi mistet kontakten' });

    // Resizing the coding later leaves the chosen words as they were.
    const full = (await app.http.get(`/api/documents/${documentId}/codings`).set(bearer(owner))).body as {
      id: string;
      version: number;
    }[];
    const version = full.find((c) => c.id === coding.id)!.version;
    await app.http
      .patch(`/api/codings/${coding.id}`)
      .set(bearer(owner))
      .send({ start, end: start + 'Vi mistet kontakten med familiene'.length, version })
      .expect(200);
    expect((await code(loss.id))?.exampleQuote).toBe('Vi mistet kontakten');

    // Another code's coding, a removed one, or no coding at all: 400, nothing changes.
    const other = await codeText(owner, trust.id, TEXT.indexOf('Tilliten'), TEXT.indexOf('Tilliten') + 8);
    const removed = await codeText(owner, loss.id, 0, 11);
    await app.http.delete(`/api/codings/${removed.id}`).set(bearer(owner)).expect(204);
    for (const id of [other.id, removed.id, '00000000-0000-4000-8000-000000000000']) {
      expect((await patch(loss.id, { exampleCodingId: id }).expect(400)).body.reason).toBe('example_not_of_code');
    }
    expect((await patch(loss.id, { exampleCodingId: 'nope' }).expect(400)).body.reason).toBe('invalid_input');
    expect(await code(loss.id)).toMatchObject({ exampleCodingId: coding.id, exampleQuote: 'Vi mistet kontakten' });

    // null takes the example away.
    expect((await patch(loss.id, { exampleCodingId: null }).expect(200)).body).toMatchObject({
      exampleCodingId: null,
      exampleQuote: '',
    });
    await patch(loss.id, { exampleCodingId: coding.id }).expect(200);
  });

  it('with blind coding on, a coder cannot make another person’s coding an example', async () => {
    const owners = await codeText(owner, trust.id, TEXT.indexOf('Tilliten'), TEXT.indexOf('Tilliten') + 20);
    await app.http
      .patch(`/api/projects/${projectId}`)
      .set(bearer(owner))
      .send({ settings: { blindCoding: true } })
      .expect(200);
    try {
      const refused = await patch(trust.id, { exampleCodingId: owners.id }, coder).expect(400);
      expect(refused.body.reason).toBe('example_not_of_code');
      const own = await codeText(coder, trust.id, TEXT.indexOf('Tilliten'), TEXT.indexOf('Tilliten') + 8);
      expect((await patch(trust.id, { exampleCodingId: own.id }, coder).expect(200)).body.exampleQuote).toBe(
        'Tilliten',
      );
    } finally {
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { blindCoding: false } })
        .expect(200);
    }
  });

  it('the supervisor proposes a definition with an example; only the owner accepts; it lands as proposed', async () => {
    const start = TEXT.indexOf('Tilliten kom');
    const coding = await codeText(supervisor, trust.id, start, start + 'Tilliten kom tilbake'.length);
    const incomplete = await propose({ kind: 'describe', codeId: trust.id, note: 'Bare en tanke' }, supervisor);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ reason: 'proposal_incomplete', params: { field: 'description' } });
    const foreignExample = await propose({ kind: 'describe', codeId: loss.id, exampleCodingId: coding.id }, supervisor);
    expect(foreignExample.status).toBe(400);
    expect(foreignExample.body.reason).toBe('example_not_of_code');
    expect((await propose({ kind: 'describe', codeId: trust.id, whenToUse: 'x' }, viewer)).status).toBe(403);

    const made = (
      await propose(
        {
          kind: 'describe',
          codeId: trust.id,
          whenToUse: 'Tillit som vokser igjen',
          whenNotToUse: 'Tillit som aldri brøt',
          exampleCodingId: coding.id,
        },
        supervisor,
      ).expect(201)
    ).body as CodeProposal;
    expect(made).toMatchObject({
      kind: 'describe',
      description: null,
      whenToUse: 'Tillit som vokser igjen',
      whenNotToUse: 'Tillit som aldri brøt',
      exampleCodingId: coding.id,
      exampleQuote: 'Tilliten kom tilbake',
    });
    const before = await code(trust.id);
    for (const user of [supervisor, coder, viewer]) {
      expect((await app.http.post(`/api/code-proposals/${made.id}/accept`).set(bearer(user))).status).toBe(403);
    }
    expect(await code(trust.id)).toEqual(before);

    const accepted = (await app.http.post(`/api/code-proposals/${made.id}/accept`).set(bearer(owner)).expect(200))
      .body as CodeProposal;
    expect(accepted.status).toBe('accepted');
    expect(await code(trust.id)).toMatchObject({
      description: before!.description,
      whenToUse: 'Tillit som vokser igjen',
      whenNotToUse: 'Tillit som aldri brøt',
      exampleCodingId: coding.id,
      exampleQuote: 'Tilliten kom tilbake',
    });

    // A proposed new code may carry its definition too.
    const create = (
      await propose({ kind: 'create', name: 'Ensomhet', whenToUse: 'Alene', whenNotToUse: 'Valgt alenetid' }, coder)
    ).body as CodeProposal;
    await app.http.post(`/api/code-proposals/${create.id}/accept`).set(bearer(owner)).expect(200);
    const lonely = ((await app.http.get(`/api/projects/${projectId}/codes`).set(bearer(owner))).body as Code[]).find(
      (c) => c.name === 'Ensomhet',
    );
    expect(lonely).toMatchObject({ whenToUse: 'Alene', whenNotToUse: 'Valgt alenetid' });
  });

  it('the history keeps each definition change with its field, the example with its words, and the proposer', async () => {
    const entries = (await history()).filter((h) => h.action === 'defined' || h.action === 'exemplified');
    const trustEntries = entries.filter((h) => h.codeId === trust.id);
    expect(trustEntries.map((h) => [h.action, h.data['field'] ?? null, h.actor?.name, h.proposedBy?.name])).toEqual([
      ['defined', 'whenToUse', 'Kari Koder', undefined],
      ['defined', 'whenNotToUse', 'Kari Koder', undefined],
      ['exemplified', null, 'Kari Koder', undefined],
      ['defined', 'whenToUse', 'Sara Student', 'Viktor Veileder'],
      ['defined', 'whenNotToUse', 'Sara Student', 'Viktor Veileder'],
      ['exemplified', null, 'Sara Student', 'Viktor Veileder'],
    ]);
    expect(trustEntries[0].data).toEqual({ field: 'whenToUse', from: '', to: 'Når tillit nevnes' });
    expect(trustEntries[5].data).toMatchObject({ quote: 'Tilliten kom tilbake' });
    const lossExamples = entries.filter((h) => h.codeId === loss.id).map((h) => h.data['quote']);
    // Chosen again after the resize, the example takes the coding's words as they are then.
    expect(lossExamples).toEqual(['Vi mistet kontakten', '', 'Vi mistet kontakten med familiene']);
  });
});
