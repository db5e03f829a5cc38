import { createAnchors, encodeAnchor, type OffsetRange } from '@tolk/anchoring';
import * as Y from 'yjs';
import type { Placement } from '../documents/segment-anchors.service.js';
import { CONTENT } from '../documents/yjs-text.js';

/**
 * A new document's live state with segments already anchored in it. The
 * anchors name items of this very Yjs document, so the state stored must
 * be this one (a fresh state made from the same text would not match them).
 */
export function anchoredText(
  text: string,
  ranges: readonly OffsetRange[],
): { state: Uint8Array; placements: Placement[] } {
  const doc = new Y.Doc();
  try {
    const content = doc.getText(CONTENT);
    content.insert(0, text);
    const anchors = createAnchors(content, ranges);
    return {
      state: Y.encodeStateAsUpdate(doc),
      placements: anchors.map((anchor, i) => {
        const { start, end } = ranges[i];
        return { ...encodeAnchor(anchor), start, end, quote: text.slice(start, end) };
      }),
    };
  } finally {
    doc.destroy();
  }
}
