import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage, Code, Coding, EditSession, PseudonymList } from '@tolk/contracts';
import pg from 'pg';
import { type CollabClient, connectCollab, eventually } from './support/collab-client.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

const TEXT = 'Intervjuer: Hvor jobbet du?\nOla Nordmann: Jeg jobbet på Kiwi Storo. Der mistet vi kontakten med Åse.';
const LIST = [
  { real: 'Ola Nordmann', pseudonym: 'Informant 1' },
  { real: 'Kiwi Storo', pseudonym: '[arbeidsplass]' },
  { real: 'Åse', pseudonym: 'Informant 2' },
];

describe('pseudonymisation', () => {
  let app: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let documentId: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    [owner, supervisor, outsider] = await Promise.all(
      ['Sara Student', 'Viktor Veileder', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Anonymt' }).expect(201)).body.id;
    await addMember(app, owner, projectId, supervisor, 'supervisor');
    documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 1', text: TEXT })
        .expect(201)
    ).body.id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await app.close();
  });

  it('keeps the key list encrypted, for the owner only', async () => {
    const saved = (
      await app.http.put(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).send({ entries: LIST }).expect(200)
    ).body as PseudonymList;
    expect(saved.entries).toEqual(LIST);
    expect(saved.updatedAt).not.toBeNull();
    expect(
      (
        (await app.http.get(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).expect(200))
          .body as PseudonymList
      ).entries,
    ).toEqual(LIST);
    await app.http.get(`/api/projects/${projectId}/pseudonyms`).set(bearer(supervisor)).expect(403);
    await app.http
      .put(`/api/projects/${projectId}/pseudonyms`)
      .set(bearer(supervisor))
      .send({ entries: [] })
      .expect(403);
    const outsiders = await app.http.get(`/api/projects/${projectId}/pseudonyms`).set(bearer(outsider)).expect(404);
    const missing = await app.http
      .get('/api/projects/00000000-0000-4000-8000-000000000000/pseudonyms')
      .set(bearer(owner))
      .expect(404);
    expect(outsiders.body).toEqual(missing.body);

    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ ciphertext: Buffer; nonce: Buffer }>(
        'SELECT ciphertext, nonce FROM pseudonym_lists WHERE project_id = $1',
        [projectId],
      );
      expect(rows).toHaveLength(1);
      const stored = rows[0].ciphertext.toString('latin1');
      for (const { real } of LIST) expect(stored).not.toContain(real);
      // Nothing about the names in the audit log either.
      const audit = await db.query<{ text: string }>(
        `SELECT string_agg(details::text, ' ') AS text FROM audit_entries WHERE action LIKE 'pseudonyms.%'`,
      );
      expect(audit.rows[0].text).not.toMatch(/Ola|Kiwi|Åse/);
    } finally {
      await db.end();
    }
  });

  it('refuses a bad list with a 400 and keeps the saved one', async () => {
    for (const entries of [
      [
        { real: 'Ola', pseudonym: 'A' },
        { real: 'Ola', pseudonym: 'B' },
      ],
      [{ real: ' ', pseudonym: 'A' }],
      [{ real: 'Ola' }],
      'x',
      Array.from({ length: 501 }, (_, i) => ({ real: `N${i}`, pseudonym: `P${i}` })),
    ]) {
      await app.http.put(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).send({ entries }).expect(400);
    }
    expect(
      (
        (await app.http.get(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).expect(200))
          .body as PseudonymList
      ).entries,
    ).toEqual(LIST);
  });

  it('applies the list live: a connected editor sees it, codings stay on their words, the history names the owner', async () => {
    const code = (
      await app.http.post(`/api/projects/${projectId}/codes`).set(bearer(owner)).send({ name: 'Arbeid' }).expect(201)
    ).body as Code;
    const place = (quote: string) => ({
      codeId: code.id,
      start: TEXT.indexOf(quote),
      end: TEXT.indexOf(quote) + quote.length,
    });
    const onName = (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(supervisor))
        .send(place('Ola Nordmann: Jeg jobbet'))
        .expect(201)
    ).body as Coding;
    const around = (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(supervisor))
        .send(place('Jeg jobbet på Kiwi Storo.'))
        .expect(201)
    ).body as Coding;
    const apart = (
      await app.http
        .post(`/api/documents/${documentId}/codings`)
        .set(bearer(supervisor))
        .send(place('mistet vi kontakten'))
        .expect(201)
    ).body as Coding;

    const editor = connectCollab(app.url, documentId, supervisor.token);
    clients.push(editor);
    await editor.synced;
    expect(editor.text.toString()).toBe(TEXT);

    const result = await app.http.post(`/api/projects/${projectId}/pseudonyms/apply`).set(bearer(owner)).expect(200);
    expect(result.body).toEqual({ documentsChanged: 1, replacements: 3 });
    const expected =
      'Intervjuer: Hvor jobbet du?\nInformant 1: Jeg jobbet på [arbeidsplass]. Der mistet vi kontakten med Informant 2.';
    await eventually(() => editor.text.toString() === expected, 'the connected editor sees the pseudonyms');
    expect((await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body.text).toBe(
      expected,
    );

    const codings = (await app.http.get(`/api/documents/${documentId}/codings`).set(bearer(owner)).expect(200))
      .body as Coding[];
    const quote = (id: string) => codings.find((c) => c.id === id)!.quote;
    expect(quote(onName.id)).toBe('Informant 1: Jeg jobbet');
    expect(quote(around.id)).toBe('Jeg jobbet på [arbeidsplass].');
    expect(quote(apart.id)).toBe('mistet vi kontakten');

    const history = (await app.http.get(`/api/documents/${documentId}/history`).set(bearer(owner)).expect(200))
      .body as EditSession[];
    expect(history[0]).toMatchObject({ userId: owner.id });
    // Applying again finds nothing left to replace.
    expect(
      (await app.http.post(`/api/projects/${projectId}/pseudonyms/apply`).set(bearer(owner)).expect(200)).body,
    ).toEqual({ documentsChanged: 0, replacements: 0 });
    await app.http.post(`/api/projects/${projectId}/pseudonyms/apply`).set(bearer(supervisor)).expect(403);
  });

  it('destroys the key list on its own, and says so in the audit log', async () => {
    await app.http.delete(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).expect(204);
    expect((await app.http.get(`/api/projects/${projectId}/pseudonyms`).set(bearer(owner)).expect(200)).body).toEqual({
      entries: [],
      updatedAt: null,
    });
    await app.http.post(`/api/projects/${projectId}/pseudonyms/apply`).set(bearer(owner)).expect(409);
    // The transcripts keep their pseudonyms.
    expect((await app.http.get(`/api/documents/${documentId}`).set(bearer(owner)).expect(200)).body.text).toContain(
      'Informant 1',
    );
    const page = (
      await app.http
        .get(`/api/projects/${projectId}/audit`)
        .query({ action: 'pseudonyms.*' })
        .set(bearer(owner))
        .expect(200)
    ).body as AuditPage;
    expect(page.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['pseudonyms.update', 'pseudonyms.apply', 'pseudonyms.destroy']),
    );
    // Newest first: the second application found nothing left.
    expect(page.entries.filter((e) => e.action === 'pseudonyms.apply').map((e) => e.details)).toEqual([
      { documentsChanged: 0, replacements: 0 },
      { documentsChanged: 1, replacements: 3 },
    ]);
  });
});
