/**
 * What instances send each other about one document (a committed Yjs update,
 * an awareness update): the sender's instance id and the document id, both
 * UUIDs in their 36-character text form, when it was sent (milliseconds
 * since the epoch, a float64, for the Redis lag metric), then the bytes as
 * they are.
 */
const ID_LENGTH = 36;
const HEADER_LENGTH = 2 * ID_LENGTH + 8;

/** Redis channel of committed Yjs updates of documents (collab rooms, and server-side edits such as a restore). */
export const UPDATES_CHANNEL = 'tolk:collab:updates';

export interface DocumentMessage {
  instanceId: string;
  documentId: string;
  sentAt: number;
  payload: Uint8Array;
}

export function encodeDocumentMessage({ instanceId, documentId, sentAt, payload }: DocumentMessage): Buffer {
  if (instanceId.length !== ID_LENGTH || documentId.length !== ID_LENGTH)
    throw new Error('ids must be UUIDs in text form');
  const header = Buffer.alloc(HEADER_LENGTH);
  header.write(instanceId + documentId, 0, 'latin1');
  header.writeDoubleBE(sentAt, 2 * ID_LENGTH);
  return Buffer.concat([header, payload]);
}

/** Undefined for a message too short to hold its header. */
export function decodeDocumentMessage(message: Buffer): DocumentMessage | undefined {
  if (message.length < HEADER_LENGTH) return undefined;
  return {
    instanceId: message.toString('latin1', 0, ID_LENGTH),
    documentId: message.toString('latin1', ID_LENGTH, 2 * ID_LENGTH),
    sentAt: message.readDoubleBE(2 * ID_LENGTH),
    payload: new Uint8Array(message.buffer, message.byteOffset + HEADER_LENGTH, message.length - HEADER_LENGTH),
  };
}
