import * as Y from 'yjs';
import { CONTENT, textOf } from '../../documents/yjs-text.js';

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Whether applying a client's (already checked) update would make the
 * transcript's text larger than `limitBytes` of UTF-8 — the REST limit, so
 * live edits cannot build a text REST would refuse.
 *
 * Most edits are decided from bounds alone (the text's length in UTF-16
 * units is known without reading it); only near the limit is the update
 * applied to a copy and the result measured. An update that shrinks an
 * already oversized text (from before the limit) is allowed.
 */
export function exceedsSizeLimit(
  doc: Y.Doc,
  update: Uint8Array,
  limitBytes: number,
  inserted = insertedBytes(update),
): boolean {
  if (inserted === 0) return false;
  const text = doc.getText(CONTENT);
  if (MAX_UTF8_PER_UNIT * text.length + inserted <= limitBytes) return false;
  const current = Buffer.byteLength(text.toString());
  if (current + inserted <= limitBytes) return false;
  const trial = new Y.Doc();
  try {
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(trial, update);
    const after = Buffer.byteLength(textOf(trial));
    return after > limitBytes && after > current;
  } finally {
    trial.destroy();
  }
}

/** The UTF-8 size of the text an update inserts (`checkUpdate` gives it for updates it has already decoded). */
function insertedBytes(update: Uint8Array): number {
  let inserted = 0;
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString)
      inserted += Buffer.byteLength(struct.content.str);
  }
  return inserted;
}
