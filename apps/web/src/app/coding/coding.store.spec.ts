import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
// Angular's packages are partially compiled; outside the CLI the JIT compiler finishes them (before any of them loads).
import '@angular/compiler';
import { decodeAnchor, resolveAnchor } from '@tolk/anchoring';
import type { Code, Coding, Member } from '@tolk/contracts';
import type { CollabSession } from '../core/collab/collab-session';
import { CodingStore } from './coding.store';
import {
  DOCUMENT_ID,
  PROJECT,
  code,
  coding,
  endStore,
  refuse,
  request,
  startStore,
  until,
  type StoreCase,
  type StoreTestBed,
  type YjsServer,
} from './store-testing';

const TEXT = 'Jeg liker å reise. Men det koster mye.';
const HOPE = code('k-hope', 'Håp');
const COST = code('k-cost', 'Kostnad');
const MEMBERS: Member[] = [{ userId: 'u-bo', email: 'bo@example.org', name: 'Bo', role: 'coder' }];

let test: StoreCase<CodingStore>;
let bed: StoreTestBed;
let server: YjsServer;
let session: CollabSession;
let store: CodingStore;
let stop: () => void;

/** Answers the three requests of a (re)load: the codebook, the document's codings, the members. */
async function answerLoad(codes: Code[], codings: Coding[]): Promise<void> {
  (await request(bed.http, 'GET', `/api/projects/${PROJECT}/codes`)).flush(codes);
  (await request(bed.http, 'GET', `/api/documents/${DOCUMENT_ID}/codings`)).flush(codings);
  (await request(bed.http, 'GET', `/api/projects/${PROJECT}/members`)).flush(MEMBERS);
  await until(() => store.members().length > 0, 'the members');
}

/** Where each coding is now, as the page draws it: id, status, range and quote. */
function places() {
  return store.placed().map((p) => `${p.coding.id}@v${p.coding.version} ${p.status} ${p.from}-${p.to} «${p.quote}»`);
}

beforeEach(async () => {
  test = await startStore(CodingStore, TEXT);
  ({ bed, server, session, store, stop } = test);
  // "liker å reise" (4–17) is Håp, "koster mye" (27–37) is Kostnad.
  await answerLoad([HOPE, COST], [coding(server, 'c-1', HOPE.id, 4, 17), coding(server, 'c-2', COST.id, 27, 37)]);
});

// No request the test did not expect (and answer) may be left.
afterEach(() => endStore(test));

describe('CodingStore: loading', () => {
  it('loads the codebook and the codings and places them in the live text', () => {
    expect(store.state()).toBe('ready');
    expect(store.codes().map((c) => c.name)).toEqual(['Håp', 'Kostnad']);
    expect(places()).toEqual(['c-1@v1 ok 4-17 «liker å reise»', 'c-2@v1 ok 27-37 «koster mye»']);
    expect(Object.fromEntries(store.counts())).toEqual({ 'k-hope': 1, 'k-cost': 1 });
    expect(store.stripes().map((s) => s.title)).toEqual(['Håp · Bo', 'Kostnad · Bo']);
    // Someone the member list does not know is named in the reader's language.
    expect(store.memberName('u-gone')).toBe('Noen');
  });

  it('moves the codings with what another person types, once the text is resolved again', async () => {
    server.edit((text) => text.insert(0, 'Ja. '));
    await until(() => session.text.toString().startsWith('Ja. '), 'the remote edit');
    store.flushText();
    expect(places()).toEqual(['c-1@v1 ok 8-21 «liker å reise»', 'c-2@v1 ok 31-41 «koster mye»']);

    // Deleting a coded passage leaves the coding without words: drawn no more, counted no more.
    server.edit((text) => text.delete(31, 10));
    await until(() => !session.text.toString().includes('koster mye'), 'the remote deletion');
    store.flushText();
    expect(places()[1]).toMatch(/^c-2@v1 deleted /);
    expect(Object.fromEntries(store.counts())).toEqual({ 'k-hope': 1 });
    expect(store.stripes().map((s) => s.id)).toEqual(['c-1']);
  });

  it('asks for everything again after the event socket came back, not on its first connect', async () => {
    bed.socket(true);
    expect(bed.http.match(`/api/documents/${DOCUMENT_ID}/codings`)).toHaveLength(0);
    bed.socket(false);
    bed.socket(true);
    // Meanwhile (events lost) c-2 was removed and c-1 recoded.
    await answerLoad([HOPE, COST], [coding(server, 'c-1', COST.id, 4, 17, 2)]);
    await until(() => store.codings().length === 1, 'the reload');
    expect(places()).toEqual(['c-1@v2 ok 4-17 «liker å reise»']);
  });

  it('stops following the document: cleared, and later events ignored', () => {
    stop();
    expect(store.codings()).toEqual([]);
    expect(store.codes()).toEqual([]);
    expect(store.state()).toBe('loading');
    bed.emit('coding:created', { ...coding(server, 'c-3', HOPE.id, 0, 3), projectId: PROJECT });
    expect(store.codings()).toEqual([]);
  });
});

describe('CodingStore: events', () => {
  it('adds, updates and deletes codings of this document, and only of this document', () => {
    bed.emit('coding:created', { ...coding(server, 'c-3', HOPE.id, 19, 22), projectId: PROJECT });
    // Another document of the project, and another project: not this page's.
    bed.emit('coding:created', { ...coding(server, 'c-4', HOPE.id, 0, 3), documentId: 'd-2', projectId: PROJECT });
    bed.emit('coding:created', { ...coding(server, 'c-5', HOPE.id, 0, 3), projectId: 'p-2' });
    bed.emit('coding:updated', { ...coding(server, 'c-1', COST.id, 4, 9, 2), projectId: PROJECT });
    bed.emit('coding:deleted', { id: 'c-2', documentId: DOCUMENT_ID, projectId: PROJECT });
    expect(places()).toEqual(['c-1@v2 ok 4-9 «liker»', 'c-3@v1 ok 19-22 «Men»']);
    expect(Object.fromEntries(store.counts())).toEqual({ 'k-hope': 1, 'k-cost': 1 });
  });

  it('never goes back a version when events arrive out of order', () => {
    bed.emit('coding:updated', { ...coding(server, 'c-1', COST.id, 4, 9, 3), projectId: PROJECT });
    bed.emit('coding:updated', { ...coding(server, 'c-1', HOPE.id, 4, 12, 2), projectId: PROJECT });
    expect(places()[0]).toBe('c-1@v3 ok 4-9 «liker»');
    expect(store.codings().find((c) => c.id === 'c-1')?.codeId).toBe(COST.id);
  });

  it('takes the deletion of a coding it never had as a no-op', () => {
    const before = store.codings();
    bed.emit('coding:deleted', { id: 'c-unknown', documentId: DOCUMENT_ID, projectId: PROJECT });
    expect(store.codings()).toBe(before);
    expect(places()).toHaveLength(2);
  });

  it('applies a "code all hits" batch and its undo, keeping only this document\'s codings', () => {
    const batch = [coding(server, 'c-6', HOPE.id, 0, 3), coding(server, 'c-7', HOPE.id, 19, 22)];
    const elsewhere = { ...coding(server, 'c-8', HOPE.id, 0, 3), documentId: 'd-2' };
    bed.emit('coding:batch', { projectId: PROJECT, batchId: 'b-1', kind: 'created', codings: [...batch, elsewhere] });
    expect(store.codings().map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-6', 'c-7']);
    expect(store.counts().get(HOPE.id)).toBe(3);

    bed.emit('coding:batch', {
      projectId: PROJECT,
      batchId: 'b-1',
      kind: 'deleted',
      codings: [...batch, elsewhere].map((c) => ({ id: c.id, documentId: c.documentId })),
    });
    expect(store.codings().map((c) => c.id)).toEqual(['c-1', 'c-2']);
    expect(store.counts().get(HOPE.id)).toBe(1);
  });

  it('follows codebook events: a new code, a rename, and a deleted code that was the filter', () => {
    store.filterCodeId.set(COST.id);
    bed.emit('code:created', { ...code('k-new', 'Ny'), projectId: PROJECT });
    bed.emit('code:updated', { ...code(HOPE.id, 'Håp og tro', 2), projectId: PROJECT });
    // An older version of the rename comes late: ignored.
    bed.emit('code:updated', { ...code(HOPE.id, 'Håp', 1), projectId: PROJECT });
    bed.emit('code:deleted', { id: COST.id, projectId: PROJECT });
    expect(store.codes().map((c) => c.name)).toEqual(['Håp og tro', 'Ny']);
    expect(store.filterCodeId()).toBeNull();
  });
});

describe('CodingStore: changes and refusals', () => {
  it('codes a passage with anchors made in the live text, and an event of the same coding adds nothing', async () => {
    const applying = store.apply(COST.id, { from: 0, to: 3 });
    const req = await request(bed.http, 'POST', `/api/documents/${DOCUMENT_ID}/codings`);
    const body = req.request.body as { codeId: string; startAnchor: string; endAnchor: string };
    expect(body.codeId).toBe(COST.id);
    // The anchors point at "Jeg" in the server's copy too.
    expect(resolveAnchor(server.doc, server.text, decodeAnchor(body))).toMatchObject({
      status: 'ok',
      start: 0,
      end: 3,
    });
    const created: Coding = { ...coding(server, 'c-9', COST.id, 0, 3), ...body };
    req.flush(created);
    await expect(applying).resolves.toBe(true);
    bed.emit('coding:created', { ...created, projectId: PROJECT });
    expect(places()).toEqual(['c-9@v1 ok 0-3 «Jeg»', 'c-1@v1 ok 4-17 «liker å reise»', 'c-2@v1 ok 27-37 «koster mye»']);
    expect(bed.announced).toEqual(['Kodet som «Kostnad».']);
  });

  it('keeps a newer version that an event brought before the REST answer', async () => {
    const recoding = store.recode(coding(server, 'c-1', HOPE.id, 4, 17), COST.id);
    const req = await request(bed.http, 'PATCH', '/api/codings/c-1');
    expect(req.request.body).toEqual({ codeId: COST.id, version: 1 });
    // Someone resized it right after: their event overtakes our answer.
    bed.emit('coding:updated', { ...coding(server, 'c-1', COST.id, 4, 9, 3), projectId: PROJECT });
    req.flush(coding(server, 'c-1', COST.id, 4, 17, 2));
    await expect(recoding).resolves.toBe(true);
    expect(places()[0]).toBe('c-1@v3 ok 4-9 «liker»');
  });

  it('says why the server refused a new coding in Norwegian, never in its English sentence', async () => {
    const applying = store.apply(HOPE.id, { from: 19, to: 22 });
    refuse(
      await request(bed.http, 'POST', `/api/documents/${DOCUMENT_ID}/codings`),
      400,
      'invalid_segment',
      'Anchors do not point at text in this document',
    );
    await expect(applying).resolves.toBe(false);
    expect(store.codings().map((c) => c.id)).toEqual(['c-1', 'c-2']);
    expect(bed.shown.map((s) => s.message)).toEqual([
      'Kunne ikke kode utdraget. Utdraget peker ikke (lenger) på tekst i denne transkripsjonen.',
    ]);
    expect(bed.shown[0].action).toBe('Lukk');
    expect(bed.announced).toEqual([]);
  });

  it('words a duplicate code name in Norwegian, and does not reload for it', async () => {
    const creating = store.createCode('Håp');
    refuse(
      await request(bed.http, 'POST', `/api/projects/${PROJECT}/codes`),
      409,
      'duplicate_name',
      'A code named "Håp" already exists here',
      { name: 'Håp' },
    );
    await expect(creating).resolves.toBeNull();
    const renaming = store.updateCode(COST, { name: 'Håp' });
    refuse(await request(bed.http, 'PATCH', `/api/codes/${COST.id}`), 409, 'duplicate_name', 'exists', {
      name: 'Håp',
    });
    await expect(renaming).resolves.toBeNull();
    expect(bed.shown.map((s) => s.message)).toEqual([
      'Kunne ikke lage koden. Det finnes allerede en kode med dette navnet her.',
      'Kunne ikke lagre koden. Det finnes allerede en kode med dette navnet her.',
    ]);
    expect(bed.shown.some((s) => /already exists/.test(s.message))).toBe(false);
    expect(store.codes().map((c) => c.name)).toEqual(['Håp', 'Kostnad']);
  });

  it('rolls a resize that lost a race (409) back to what the server holds', async () => {
    const c1 = store.codings()[0];
    const resizing = store.resize(c1, { from: 4, to: 9 });
    const req = await request(bed.http, 'PATCH', '/api/codings/c-1');
    expect(req.request.body).toMatchObject({ version: 1 });
    refuse(req, 409, 'stale_version', 'The coding changed since version 1');
    // The store reloads; meanwhile the other person had made it "å reise" (v2).
    await answerLoad([HOPE, COST], [coding(server, 'c-1', HOPE.id, 10, 17, 2), coding(server, 'c-2', COST.id, 27, 37)]);
    await expect(resizing).resolves.toBe(false);
    expect(places()).toEqual(['c-1@v2 ok 10-17 «å reise»', 'c-2@v1 ok 27-37 «koster mye»']);
    expect(bed.shown.map((s) => s.message)).toEqual([
      'Endret av noen andre — lastet inn på nytt. Se over og prøv igjen.',
    ]);
  });

  it('removes a coding with an undo that restores it', async () => {
    const c2 = store.codings()[1];
    const removing = store.removeCoding(c2);
    (await request(bed.http, 'DELETE', '/api/codings/c-2')).flush(null);
    await expect(removing).resolves.toBe(true);
    expect(store.codings().map((c) => c.id)).toEqual(['c-1']);
    expect(bed.shown.map((s) => [s.message, s.action])).toEqual([['Kodingen er fjernet.', 'Angre']]);

    bed.shown[0].press();
    (await request(bed.http, 'POST', '/api/codings/c-2/restore')).flush({ ...c2, version: 2 });
    await until(() => store.codings().length === 2, 'the restored coding');
    expect(places()[1]).toBe('c-2@v2 ok 27-37 «koster mye»');
  });
});
