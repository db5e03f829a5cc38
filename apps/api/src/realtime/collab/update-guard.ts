import * as Y from 'yjs';
import { CONTENT } from '../../documents/yjs-text.js';

/** `insertedBytes`: the UTF-8 size of the text the update inserts (for the size limit, without decoding it again). */
export type UpdateVerdict = { ok: true; insertedBytes: number } | { ok: false; reason: string };

/** Bounds no transcript comes near; beyond them an update is garbage or an attack. */
const MAX_CLOCK = 2 ** 30;
const MAX_CLIENT_ID = 2 ** 53;

/**
 * Decides whether an update from a client may be applied to a transcript's
 * document, before it touches it.
 *
 * `Y.applyUpdate` trusts its input: random bytes can keep it busy for a long
 * time, and a well-formed update can reference items the server never saw,
 * leaving structs pending forever. `Y.decodeUpdate` reads lazily and throws
 * quickly on garbage, so we decode first and then check what the update
 * says:
 * - only plain text in the root `Y.Text` named `content` (no other root
 *   types, no maps, embeds, formats or nested types);
 * - no gaps: each client's structs continue from what the document has;
 * - every item it anchors to (origin, right origin) exists in the document
 *   or in the update itself;
 * - deletes only of text that exists;
 * - clocks and lengths within sane bounds.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return fail('not a Yjs update');
  }
  // What the document has of each client (read from its store: encoding and decoding a state vector per update showed in profiles).
  const known = (client: number) => Y.getState(doc.store, client);
  const own = new Map<number, { from: number; to: number }>();

  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (client > MAX_CLIENT_ID || clock + struct.length > MAX_CLOCK || struct.length > MAX_CLOCK) {
      return fail('clock or length out of range');
    }
    const range = own.get(client);
    if (range && clock !== range.to) return fail('structs of one client are not contiguous');
    own.set(client, { from: range?.from ?? clock, to: clock + struct.length });
  }
  for (const [client, { from }] of own) {
    if (from > known(client)) return fail('the update depends on changes the server does not have');
  }
  const exists = (id: Y.ID | null): boolean => {
    // Anchoring to something the document never had would leave it pending forever.
    if (id === null) return true;
    if (id.clock < known(id.client)) return true;
    const range = own.get(id.client);
    return range !== undefined && id.clock >= range.from && id.clock < range.to;
  };

  let insertedBytes = 0;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
    const content = struct.content;
    if (content instanceof Y.ContentString) insertedBytes += Buffer.byteLength(content.str);
    else if (!(content instanceof Y.ContentDeleted)) return fail('only plain text is allowed in a transcript');
    if (struct.parentSub !== null) return fail('only plain text is allowed in a transcript');
    // The encoding names the parent only for an item with no neighbours: a
    // root type by name, or a nested type by id (which plain text never has).
    const parent = struct.parent as unknown;
    if (typeof parent === 'string') {
      if (parent !== CONTENT) return fail(`unknown root type "${parent}"`);
    } else if (parent !== null) {
      return fail('only plain text is allowed in a transcript');
    } else if (struct.origin === null && struct.rightOrigin === null) {
      return fail('item without parent or neighbours');
    }
    if (!exists(struct.origin) || !exists(struct.rightOrigin)) return fail('the update refers to unknown text');
  }

  for (const [client, deletes] of decoded.ds.clients) {
    for (const { clock, len } of deletes) {
      if (len <= 0 || clock + len > MAX_CLOCK) return fail('delete range out of range');
      // Deletes of text the server never had would wait in the document forever.
      if (!exists({ client, clock: clock + len - 1 })) return fail('the update deletes unknown text');
    }
  }
  return { ok: true, insertedBytes };
}

const fail = (reason: string): UpdateVerdict => ({ ok: false, reason });
