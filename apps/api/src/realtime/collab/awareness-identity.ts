import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The identity the server stamps on every awareness state a connection sends. */
export interface Identity {
  id: string;
  name: string;
}

export interface StampedAwareness {
  /** The update with `user.id` and `user.name` set to the identity, ready to apply. */
  update: Uint8Array;
  /** The awareness client ids the update speaks for. */
  clientIds: number[];
}

/** More states than any one browser tab speaks for; beyond it, a client is misbehaving. */
const MAX_OWN_STATES_PER_MESSAGE = 16;
/**
 * States one message may list at all. The stock client sends back every
 * awareness update it applies, so a message can echo the whole room (the
 * roster a newcomer receives, a batch of renewals): those are others' ids,
 * dropped unread, and only the sender's own count against the limit above.
 */
const MAX_STATES_PER_MESSAGE = 4096;
/** A cursor, a name and a colour fit easily; anything larger is not an awareness state. */
const MAX_STATE_BYTES = 16 * 1024;

/**
 * Rewrites an awareness update (y-protocols format: count, then per client
 * id, clock and JSON state) so that nobody can pose as someone else: each
 * non-null state gets `user.id` and `user.name` from the authenticated user.
 * States for client ids that `mayUse` refuses (ids another connection owns)
 * are dropped. Throws on malformed input.
 */
export function stampAwareness(
  update: Uint8Array,
  identity: Identity,
  mayUse: (clientId: number) => boolean,
): StampedAwareness {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_STATES_PER_MESSAGE) throw new Error(`too many awareness states (${count})`);
  const entries: { clientId: number; clock: number; json: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (raw.length > MAX_STATE_BYTES) throw new Error('awareness state too large');
    if (!mayUse(clientId)) continue;
    if (entries.length >= MAX_OWN_STATES_PER_MESSAGE) throw new Error('too many awareness states of one client');
    const state: unknown = JSON.parse(raw);
    entries.push({ clientId, clock, json: JSON.stringify(stamp(state, identity)) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');

  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: entries.map((e) => e.clientId) };
}

function stamp(state: unknown, identity: Identity): unknown {
  // null means "this client left"; keep it.
  if (state === null) return null;
  if (typeof state !== 'object' || Array.isArray(state)) throw new Error('an awareness state must be an object');
  const fields = state as Record<string, unknown>;
  const user =
    typeof fields.user === 'object' && fields.user !== null && !Array.isArray(fields.user) ? fields.user : {};
  return { ...fields, user: { ...user, id: identity.id, name: identity.name } };
}
