import { describe, expect, it } from '@jest/globals';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { stampAwareness } from './awareness-identity.js';

const sara = { id: 'user-1', name: 'Sara Student' };

function updateWith(state: unknown): { update: Uint8Array; clientId: number } {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state as Record<string, unknown> | null);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return { update, clientId: doc.clientID };
}

function decode(update: Uint8Array) {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test');
  const states = new Map(awareness.getStates());
  awareness.destroy();
  return states;
}

describe('stampAwareness', () => {
  it('overwrites user.id and user.name, keeping the rest (cursor, colour)', () => {
    const { update, clientId } = updateWith({
      user: { id: 'someone-else', name: 'Viktor', color: '#0a0' },
      cursor: { anchor: 1 },
    });
    const stamped = stampAwareness(update, sara, () => true);
    expect(stamped.clientIds).toEqual([clientId]);
    expect(decode(stamped.update).get(clientId)).toEqual({
      user: { id: 'user-1', name: 'Sara Student', color: '#0a0' },
      cursor: { anchor: 1 },
    });
  });

  it('adds the identity to a state without a user', () => {
    const { update, clientId } = updateWith({ cursor: null });
    expect(decode(stampAwareness(update, sara, () => true).update).get(clientId)).toEqual({ cursor: null, user: sara });
  });

  it('drops states for client ids owned by another connection', () => {
    const { update } = updateWith({ user: { name: 'x' } });
    expect(stampAwareness(update, sara, () => false).clientIds).toEqual([]);
  });

  it("lets an echo of a large room through (others' ids dropped), but not 17 states of its own", () => {
    const doc = new Y.Doc();
    const room = new awarenessProtocol.Awareness(doc);
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    for (const id of ids) room.states.set(id, { user: { name: `Person ${id}` } });
    for (const id of ids) room.meta.set(id, { clock: 1, lastUpdated: 0 });
    const echo = awarenessProtocol.encodeAwarenessUpdate(room, ids);
    room.destroy();
    // One of the 40 is the sender's own; the rest belong to other connections.
    const stamped = stampAwareness(echo, sara, (id) => id === 7);
    expect(stamped.clientIds).toEqual([7]);
    expect(() => stampAwareness(echo, sara, (id) => id <= 17)).toThrow('too many awareness states');
    expect(stampAwareness(echo, sara, (id) => id <= 16).clientIds).toHaveLength(16);
  });

  it('throws on malformed updates and on states that are not objects', () => {
    expect(() => stampAwareness(new Uint8Array([5, 1]), sara, () => true)).toThrow();
    expect(() => stampAwareness(updateWith(['array']).update, sara, () => true)).toThrow('must be an object');
    expect(() => stampAwareness(new Uint8Array([200]), sara, () => true)).toThrow();
  });
});
