import * as Y from 'yjs';

/** The root `Y.Text` that holds a transcript (docs/api.md, "Live text: Yjs at /collab"). */
export const CONTENT = 'content';

/**
 * The origin of an update that is already in the update log (another
 * instance committed it, or a server-side edit stored it): a live document
 * applying it forwards it to its clients at once and never stores it again.
 */
export const COMMITTED_ELSEWHERE = Symbol('committed elsewhere');

/** A fresh Yjs state holding `text`, as one update. */
export function initialState(text: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.getText(CONTENT).insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A document rebuilt from stored (trusted) updates. */
export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

export const textOf = (doc: Y.Doc): string => doc.getText(CONTENT).toString();
