import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
// Angular's packages are partially compiled; outside the CLI the JIT compiler finishes them (before any of them loads).
import '@angular/compiler';
import { decodeAnchor, resolveAnchor } from '@tolk/anchoring';
import type { Comment, CommentThread } from '@tolk/contracts';
import type { CollabSession } from '../core/collab/collab-session';
import { CommentStore } from './comment.store';
import {
  DOCUMENT_ID,
  PROJECT,
  comment,
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

let test: StoreCase<CommentStore>;
let bed: StoreTestBed;
let server: YjsServer;
let session: CollabSession;
let store: CommentStore;
/** On "koster mye", with one reply. */
let t1: CommentThread;
/** On the whole document. */
let t2: CommentThread;
/** On "liker å reise", resolved. */
let t3: CommentThread;

const ids = (list: readonly { thread: Comment }[]) => list.map((p) => p.thread.id);
const event = (c: Comment) => ({ ...c, projectId: PROJECT });

beforeEach(async () => {
  test = await startStore(CommentStore, TEXT);
  ({ bed, server, session, store } = test);
  t1 = {
    ...comment('t-1', 'Hvor mye?', { server, from: 27, to: 37 }),
    replies: [comment('r-1', 'Mye.', { parentId: 't-1' }, '2026-12-07T10:01:00.000Z')],
  };
  t2 = { ...comment('t-2', 'Godt intervju.', null, '2026-12-07T10:05:00.000Z'), replies: [] };
  t3 = { ...comment('t-3', 'Reise hvor?', { server, from: 4, to: 17 }), resolved: true, replies: [] };
  (await request(bed.http, 'GET', `/api/documents/${DOCUMENT_ID}/comments`)).flush([t1, t2, t3]);
  await until(() => store.state() === 'ready', 'the threads');
});

afterEach(() => endStore(test));

describe('CommentStore: threads in the live text', () => {
  it('loads the threads: whole-document ones first, resolved ones apart and unmarked until shown', () => {
    expect(ids(store.open())).toEqual(['t-2', 't-1']);
    expect(ids(store.resolved())).toEqual(['t-3']);
    expect(store.open()[1]).toMatchObject({ status: 'ok', from: 27, to: 37, quote: 'koster mye' });
    expect(store.open()[0]).toMatchObject({ status: 'none', quote: null });
    expect(store.open()[1].thread.replies.map((r) => r.body)).toEqual(['Mye.']);
    expect(store.marks()).toEqual([{ threadId: 't-1', from: 27, to: 37, resolved: false }]);
    store.showResolved.set(true);
    expect(store.marks()).toEqual([
      { threadId: 't-1', from: 27, to: 37, resolved: false },
      { threadId: 't-3', from: 4, to: 17, resolved: true },
    ]);
  });

  it('moves the marks with remote typing and keeps a card while only its offsets moved', async () => {
    const card = store.card(store.open()[1]);
    server.edit((text) => text.insert(0, 'Ja. '));
    await until(() => session.text.toString().startsWith('Ja. '), 'the remote edit');
    store.flushText();
    expect(store.marks()).toEqual([{ threadId: 't-1', from: 31, to: 41, resolved: false }]);
    expect(store.card(store.open()[1])).toBe(card);

    // An edit inside the passage changes its quote: a new card.
    server.edit((text) => text.insert(38, 'veldig '));
    await until(() => session.text.toString().includes('veldig'), 'the second edit');
    store.flushText();
    const next = store.card(store.open()[1]);
    expect(next).not.toBe(card);
    expect(next.quote).toBe('koster veldig mye');
  });
});

describe('CommentStore: the event socket', () => {
  it('asks for the threads again after the socket came back (events were lost meanwhile)', async () => {
    bed.socket(true);
    expect(bed.http.match(`/api/documents/${DOCUMENT_ID}/comments`)).toHaveLength(0);
    bed.socket(false);
    // Meanwhile t-1 and t-3 were deleted and t-2 got a reply.
    bed.socket(true);
    const reply = comment('r-9', 'Ja!', { parentId: 't-2' });
    (await request(bed.http, 'GET', `/api/documents/${DOCUMENT_ID}/comments`)).flush([{ ...t2, replies: [reply] }]);
    await until(() => store.threads().length === 1, 'the reload');
    expect(ids(store.open())).toEqual(['t-2']);
    expect(store.open()[0].thread.replies.map((r) => r.body)).toEqual(['Ja!']);
    expect(store.marks()).toEqual([]);
  });
});

describe('CommentStore: writing', () => {
  it('comments on a passage anchored when it was picked, though the text moved before posting', async () => {
    const target = store.target({ from: 19, to: 22 });
    expect(target?.quote).toBe('Men');
    server.edit((text) => text.insert(0, 'Ja. '));
    await until(() => session.text.toString().startsWith('Ja. '), 'the remote edit');

    const posting = store.create('Hvem er «men»?', target);
    const req = await request(bed.http, 'POST', `/api/documents/${DOCUMENT_ID}/comments`);
    const body = req.request.body as { body: string; startAnchor: string; endAnchor: string };
    expect(body.body).toBe('Hvem er «men»?');
    expect(resolveAnchor(server.doc, server.text, decodeAnchor(body))).toMatchObject({
      status: 'ok',
      start: 23,
      end: 26,
      quote: 'Men',
    });
    req.flush({ ...comment('t-4', body.body, null, '2026-12-07T11:00:00.000Z'), ...body, quote: 'Men' });
    await expect(posting).resolves.toMatchObject({ id: 't-4' });
    store.flushText();
    expect(store.open().find((p) => p.thread.id === 't-4')).toMatchObject({ status: 'ok', from: 23, to: 26 });
    expect(bed.announced).toEqual(['Kommentaren er lagt til.']);
  });

  it('adds a reply once, though its event follows the answer, and takes an edit of it', async () => {
    const replying = store.reply(t1, 'Enig.');
    const req = await request(bed.http, 'POST', `/api/documents/${DOCUMENT_ID}/comments`);
    expect(req.request.body).toEqual({ body: 'Enig.', parentId: 't-1' });
    const reply = comment('r-2', 'Enig.', { parentId: 't-1' }, '2026-12-07T10:02:00.000Z');
    req.flush(reply);
    await expect(replying).resolves.toBe(true);
    bed.emit('comment:created', event(reply));
    bed.emit('comment:updated', event({ ...reply, body: 'Helt enig.' }));
    const thread = store.threads().find((t) => t.id === 't-1')!;
    expect(thread.replies.map((r) => r.body)).toEqual(['Mye.', 'Helt enig.']);
    expect(bed.announced).toEqual(['Svaret er lagt til.']);
  });

  it('resolves a thread: it leaves the open list and the text, its replies kept', async () => {
    const resolving = store.setResolved(t1, true);
    const req = await request(bed.http, 'PATCH', '/api/comments/t-1');
    expect(req.request.body).toEqual({ resolved: true });
    const { replies: _replies, ...root } = t1;
    req.flush({ ...root, resolved: true, resolvedBy: { id: 'u-ada', name: 'Ada' } });
    await resolving;
    expect(ids(store.open())).toEqual(['t-2']);
    expect(ids(store.resolved())).toEqual(['t-3', 't-1']);
    expect(store.resolved()[1].thread.replies.map((r) => r.id)).toEqual(['r-1']);
    expect(store.marks()).toEqual([]);
    expect(bed.announced).toEqual(['Tråden er markert som løst.']);
  });

  it('says why a reply or an edit was refused in Norwegian, never in the English sentence', async () => {
    const replying = store.reply(t1, 'Enig.');
    refuse(
      await request(bed.http, 'POST', `/api/documents/${DOCUMENT_ID}/comments`),
      400,
      'invalid_reply_parent',
      'parentId is not a thread of this document',
    );
    await expect(replying).resolves.toBe(false);
    const editing = store.edit(t2, 'Endret');
    refuse(
      await request(bed.http, 'PATCH', '/api/comments/t-2'),
      403,
      'not_comment_author',
      'Only the author may edit',
    );
    await expect(editing).resolves.toBe(false);
    expect(bed.shown.map((s) => s.message)).toEqual([
      'Kunne ikke legge til kommentaren. Kommentaren du svarer på, finnes ikke lenger her.',
      'Kunne ikke lagre kommentaren. Bare den som skrev en kommentar, kan endre den.',
    ]);
    expect(store.threads().find((t) => t.id === 't-1')!.replies).toHaveLength(1);
    expect(store.threads().find((t) => t.id === 't-2')!.body).toBe('Godt intervju.');
  });

  it('deletes only after a yes', async () => {
    bed.confirmAnswer.value = false;
    await expect(store.remove(t2)).resolves.toBe(false);
    // No DELETE went out (afterEach verifies there is no open request).
    expect(bed.http.match({ method: 'DELETE' })).toHaveLength(0);

    bed.confirmAnswer.value = true;
    const removing = store.remove(t2);
    (await request(bed.http, 'DELETE', '/api/comments/t-2')).flush(null);
    await expect(removing).resolves.toBe(true);
    expect(store.threads().map((t) => t.id)).toEqual(['t-1', 't-3']);
    expect(bed.announced).toEqual(['Kommentaren er slettet.']);
  });
});

describe('CommentStore: events', () => {
  it('applies new threads, deleted replies and threads, and ignores other documents and unknown ids', () => {
    bed.emit('comment:created', event(comment('t-5', 'Ny tråd', { server, from: 0, to: 3 })));
    bed.emit('comment:created', event({ ...comment('t-6', 'Annet dokument', null), documentId: 'd-2' }));
    bed.emit('comment:deleted', { id: 'r-1', documentId: DOCUMENT_ID, parentId: 't-1', projectId: PROJECT });
    bed.emit('comment:deleted', { id: 't-2', documentId: DOCUMENT_ID, parentId: null, projectId: PROJECT });
    const before = store.threads().map((t) => ({ id: t.id, replies: t.replies.length }));
    bed.emit('comment:deleted', { id: 't-unknown', documentId: DOCUMENT_ID, parentId: null, projectId: PROJECT });
    expect(store.threads().map((t) => ({ id: t.id, replies: t.replies.length }))).toEqual(before);
    expect(before).toEqual([
      { id: 't-1', replies: 0 },
      { id: 't-3', replies: 0 },
      { id: 't-5', replies: 0 },
    ]);
    expect(ids(store.open())).toEqual(['t-5', 't-1']);
    expect(store.open()[0]).toMatchObject({ status: 'ok', from: 0, to: 3, quote: 'Jeg' });
  });
});
