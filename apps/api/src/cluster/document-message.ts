/**
 * What instances send each other about one document (a committed Yjs update,
 * an awareness update): the sender's instance id and the document id, both
 * UUIDs in their 36-character text form, then the bytes as they are.
 */
const ID_LENGTH = 36;

/** Redis channel of committed Yjs updates of documents (collab rooms, and server-side edits such as a restore). */
export const UPDATES_CHANNEL = 'tolk:collab:updates';

export interface DocumentMessage {
  instanceId: string;
  documentId: string;
  payload: Uint8Array;
}

export function encodeDocumentMessage({ instanceId, documentId, payload }: DocumentMessage): Buffer {
  if (instanceId.length !== ID_LENGTH || documentId.length !== ID_LENGTH) throw new Error('ids must be UUIDs in text form');
  return Buffer.concat([Buffer.from(instanceId + documentId, 'latin1'), payload]);
}

/** Undefined for a message too short to hold the two ids. */
export function decodeDocumentMessage(message: Buffer): DocumentMessage | undefined {
  if (message.length < 2 * ID_LENGTH) return undefined;
  return {
    instanceId: message.toString('latin1', 0, ID_LENGTH),
    documentId: message.toString('latin1', ID_LENGTH, 2 * ID_LENGTH),
    payload: new Uint8Array(message.buffer, message.byteOffset + 2 * ID_LENGTH, message.length - 2 * ID_LENGTH),
  };
}
