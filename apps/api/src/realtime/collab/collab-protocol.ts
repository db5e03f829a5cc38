import { COLLAB_MESSAGE } from '@tolk/contracts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** y-websocket message types (docs/api.md, "Live text: Yjs at /collab"). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type CollabMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  /** Tolk's own: a fresh access token for this connection (COLLAB_MESSAGE.renewToken). */
  | { type: 'renew-token'; token: string };

/** What a document room handles (everything but the connection's own business). */
export type RoomMessage = Exclude<CollabMessage, { type: 'renew-token' }>;

/** Reads one message; throws on anything that is not exactly one known message. */
export function decodeMessage(data: Uint8Array): CollabMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: CollabMessage;
  switch (type) {
    case MESSAGE_SYNC: {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === SYNC_STEP_1) message = { type: 'sync-step-1', stateVector: payload };
      else if (subtype === SYNC_STEP_2) message = { type: 'sync-step-2', update: payload };
      else if (subtype === SYNC_UPDATE) message = { type: 'update', update: payload };
      else throw new Error(`unknown sync message ${subtype}`);
      break;
    }
    case MESSAGE_AWARENESS:
      message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      break;
    case MESSAGE_QUERY_AWARENESS:
      message = { type: 'query-awareness' };
      break;
    case COLLAB_MESSAGE.renewToken:
      message = { type: 'renew-token', token: decoding.readVarString(decoder) };
      break;
    default:
      throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the message');
  return message;
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const encodeSyncStep2 = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
