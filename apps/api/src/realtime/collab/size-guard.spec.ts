import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { exceedsSizeLimit } from './size-guard.js';

function pair(text: string) {
  const server = new Y.Doc();
  server.getText('content').insert(0, text);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function change(client: Y.Doc, edit: (text: Y.Text) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  edit(client.getText('content'));
  return Y.encodeStateAsUpdate(client, before);
}

describe('exceedsSizeLimit', () => {
  it('lets small edits through and refuses one that crosses the limit, counting UTF-8 bytes', () => {
    const { server, client } = pair('a'.repeat(90));
    expect(
      exceedsSizeLimit(
        server,
        change(client, (t) => t.insert(0, 'b'.repeat(10))),
        100,
      ),
    ).toBe(false);
    const { server: s2, client: c2 } = pair('a'.repeat(90));
    // Five characters, ten bytes of UTF-8: 100 bytes in all is allowed, 102 is not.
    expect(
      exceedsSizeLimit(
        s2,
        change(c2, (t) => t.insert(0, 'æøåæø')),
        100,
      ),
    ).toBe(false);
    const { server: s3, client: c3 } = pair('a'.repeat(92));
    expect(
      exceedsSizeLimit(
        s3,
        change(c3, (t) => t.insert(0, 'æøåæø')),
        100,
      ),
    ).toBe(true);
  });

  it('measures exactly near the limit: an edit that deletes as much as it inserts passes', () => {
    const { server, client } = pair('a'.repeat(100));
    const replace = change(client, (t) => {
      t.delete(0, 20);
      t.insert(0, 'b'.repeat(20));
    });
    expect(exceedsSizeLimit(server, replace, 100)).toBe(false);
  });

  it('allows deletes, and edits that shrink a text already over the limit', () => {
    const { server, client } = pair('a'.repeat(200));
    expect(
      exceedsSizeLimit(
        server,
        change(client, (t) => t.delete(0, 50)),
        100,
      ),
    ).toBe(false);
    const { server: s2, client: c2 } = pair('a'.repeat(200));
    const shrink = change(c2, (t) => {
      t.delete(0, 50);
      t.insert(0, 'x');
    });
    expect(exceedsSizeLimit(s2, shrink, 100)).toBe(false);
    const { server: s3, client: c3 } = pair('a'.repeat(200));
    expect(
      exceedsSizeLimit(
        s3,
        change(c3, (t) => t.insert(0, 'x')),
        100,
      ),
    ).toBe(true);
  });
});
