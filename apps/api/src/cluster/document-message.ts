/**
 * What instances send each other about one live document (a committed Yjs
 * update, an awareness update): the sender's instance id (a UUID in its
 * 36-character text form), when it was sent (milliseconds since the epoch, a
 * float64, for the Redis lag metric), the document's key (a transcript's
 * UUID, or `memo:<UUID>`) after one byte giving its length, then the bytes
 * as they are.
 */
const ID_LENGTH = 36;
const MAX_KEY_LENGTH = 64;
const FIXED_HEADER_LENGTH = ID_LENGTH + 8 + 1;

/** Redis channel of committed Yjs updates of documents (collab rooms, and server-side edits such as a restore). */
export const UPDATES_CHANNEL = 'tolk:collab:updates';

export interface DocumentMessage {
  instanceId: string;
  documentId: string;
  sentAt: number;
  payload: Uint8Array;
}

export function encodeDocumentMessage({ instanceId, documentId, sentAt, payload }: DocumentMessage): Buffer {
  if (instanceId.length !== ID_LENGTH || documentId.length < ID_LENGTH || documentId.length > MAX_KEY_LENGTH)
    throw new Error('ids must be UUIDs in text form (or memo keys)');
  const header = Buffer.alloc(FIXED_HEADER_LENGTH + documentId.length);
  header.write(instanceId, 0, 'latin1');
  header.writeDoubleBE(sentAt, ID_LENGTH);
  header.writeUInt8(documentId.length, ID_LENGTH + 8);
  header.write(documentId, FIXED_HEADER_LENGTH, 'latin1');
  return Buffer.concat([header, payload]);
}

/** Undefined for a message too short to hold its header. */
export function decodeDocumentMessage(message: Buffer): DocumentMessage | undefined {
  if (message.length < FIXED_HEADER_LENGTH) return undefined;
  const keyLength = message.readUInt8(ID_LENGTH + 8);
  const headerLength = FIXED_HEADER_LENGTH + keyLength;
  if (message.length < headerLength) return undefined;
  return {
    instanceId: message.toString('latin1', 0, ID_LENGTH),
    sentAt: message.readDoubleBE(ID_LENGTH),
    documentId: message.toString('latin1', FIXED_HEADER_LENGTH, headerLength),
    payload: new Uint8Array(message.buffer, message.byteOffset + headerLength, message.length - headerLength),
  };
}
