import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { checkUpdate } from './update-guard.js';

/** A server document and a client synced with it. */
function pair(text = 'Intervjuer: Hei.') {
  const server = new Y.Doc();
  server.getText('content').insert(0, text);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What the client's change sends (an incremental update). */
function change(client: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe('checkUpdate', () => {
  it('accepts inserts and deletes in the content text, also from a new client', () => {
    const { server, client } = pair();
    const insert = change(client, (d) => d.getText('content').insert(3, 'æøå 😅'));
    // æ, ø and å take 2 bytes of UTF-8 each, the emoji 4: what the size limit counts.
    expect(checkUpdate(server, insert)).toEqual({ ok: true, insertedBytes: 11 });
    Y.applyUpdate(server, insert);
    const remove = change(client, (d) => d.getText('content').delete(0, 5));
    expect(checkUpdate(server, remove)).toEqual({ ok: true, insertedBytes: 0 });
    Y.applyUpdate(server, remove);
    expect(server.getText('content').toString()).toBe(client.getText('content').toString());
  });

  it('accepts a full state that overlaps what the server has (a reconnecting client)', () => {
    const { server, client } = pair();
    client.getText('content').insert(0, 'offline ');
    // The whole state counts, also the text the server already has.
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client))).toEqual({ ok: true, insertedBytes: 24 });
  });

  it('refuses random bytes quickly, and what it lets through changes nothing', () => {
    const { server } = pair();
    const started = performance.now();
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytes(1 + (i % 80));
      if (!checkUpdate(server, bytes).ok) {
        refused++;
        continue;
      }
      // A few random bytes are a valid empty update (e.g. a single 0x00): harmless.
      Y.applyUpdate(server, bytes);
      expect(server.store.pendingStructs).toBeNull();
    }
    expect(refused).toBeGreaterThan(1900);
    expect(server.getText('content').toString()).toBe('Intervjuer: Hei.');
    // Generous bound: the point is no pathological case, not speed.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it.each([
    ['a map', (d: Y.Doc) => d.getMap('evil').set('x', 1)],
    ['another root text', (d: Y.Doc) => d.getText('other').insert(0, 'x')],
    ['an embed', (d: Y.Doc) => d.getText('content').insertEmbed(0, { image: 'x' })],
    ['formatting', (d: Y.Doc) => d.getText('content').format(0, 3, { bold: true })],
  ])('refuses %s', (_name, edit) => {
    const { server, client } = pair();
    const verdict = checkUpdate(server, change(client, edit));
    expect(verdict.ok).toBe(false);
    expect(verdict).not.toEqual({ ok: false, reason: 'the update depends on changes the server does not have' });
  });

  it('refuses an update with a gap (it depends on changes the server never got)', () => {
    const { server, client } = pair();
    change(client, (d) => d.getText('content').insert(0, 'first '));
    const second = change(client, (d) => d.getText('content').insert(0, 'second '));
    expect(checkUpdate(server, second)).toEqual({
      ok: false,
      reason: 'the update depends on changes the server does not have',
    });
  });

  it('refuses anchoring to text from another document', () => {
    const { server } = pair();
    const stranger = new Y.Doc();
    stranger.getText('content').insert(0, 'Fremmed tekst');
    // An insert by a fresh client, between characters of text the server never had.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(stranger));
    const insert = change(other, (d) => d.getText('content').insert(4, 'X'));
    expect(checkUpdate(server, insert)).toEqual({ ok: false, reason: 'the update refers to unknown text' });
  });

  it('refuses deleting text the server never had', () => {
    const { server } = pair();
    const stranger = new Y.Doc();
    stranger.getText('content').insert(0, 'Fremmed');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(stranger));
    const remove = change(other, (d) => d.getText('content').delete(0, 3));
    expect(checkUpdate(server, remove)).toEqual({ ok: false, reason: 'the update deletes unknown text' });
  });
});
