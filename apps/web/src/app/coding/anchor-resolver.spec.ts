import { describe, expect, it } from '@jest/globals';
import { createAnchor, encodeAnchor } from '@tolk/anchoring';
import * as Y from 'yjs';
import { AnchorResolver } from './anchor-resolver';

/** Two replicas of one transcript that exchange every update, as two browsers through the server. */
function replicas(initial: string) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
  b.on('update', (u: Uint8Array) => Y.applyUpdate(a, u));
  a.getText('content').insert(0, initial);
  return { a, b, textA: a.getText('content'), textB: b.getText('content') };
}

/** A coding (or comment) on `start..end` of the text, as the stores hold it. */
function anchored(id: string, text: Y.Text, start: number, end: number) {
  return { id, ...encodeAnchor(createAnchor(text, start, end)) };
}

describe('AnchorResolver (what the coding and comment stores place on the text)', () => {
  it('follows the words through another replica’s edits before them and inside them', () => {
    const { a, textA, textB } = replicas('Vi jobber hjemmefra tre dager i uka.');
    const coding = anchored('c1', textA, 10, 19); // "hjemmefra"
    textB.insert(0, 'Ja, ');
    textB.insert(4 + 10 + 6, '-');
    const [placed] = new AnchorResolver().resolve(a, textA, [coding]);
    expect(placed).toEqual({ status: 'ok', start: 14, end: 24, quote: 'hjemme-fra' });
  });

  it('reports deleted words, and unknown for a missing or unreadable anchor, in the order asked', () => {
    const { a, textA, textB } = replicas('en to tre');
    const gone = anchored('gone', textA, 3, 5); // "to"
    const kept = anchored('kept', textA, 6, 9); // "tre"
    textB.delete(3, 3);
    const resolved = new AnchorResolver().resolve(a, textA, [
      gone,
      { id: 'none', startAnchor: null, endAnchor: null },
      { id: 'bad', startAnchor: 'not base64!', endAnchor: 'x' },
      kept,
    ]);
    expect(resolved.map((r) => r.status)).toEqual(['deleted', 'unknown', 'unknown', 'ok']);
    expect(resolved[3]).toMatchObject({ start: 3, end: 6, quote: 'tre' });
  });

  it('decodes again when an item’s anchors change (a resize), not before', () => {
    const { a, textA } = replicas('alpha beta gamma');
    const resolver = new AnchorResolver();
    const first = anchored('c', textA, 0, 5);
    expect(resolver.resolve(a, textA, [first])[0]).toMatchObject({ quote: 'alpha' });
    const resized = anchored('c', textA, 6, 16);
    expect(resolver.resolve(a, textA, [resized])[0]).toMatchObject({ quote: 'beta gamma' });
    resolver.forget('c');
    expect(resolver.resolve(a, textA, [first])[0]).toMatchObject({ quote: 'alpha' });
  });
});
