import * as Y from 'yjs';
import type { Anchor } from './create-anchor.js';

/**
 * Where an anchored segment is in the text now.
 *
 * - `ok`: UTF-16 offsets, `end` exclusive, and the words there.
 * - `deleted`: every character between the two ends is gone. The coding is
 *   not moved to whatever is nearby, and it stays deleted when the same words
 *   are typed again (they are new characters), also after an undo (see
 *   {@link resolveAnchor}).
 * - `unknown`: the document does not know a character the anchor names:
 *   the anchor belongs to another document or text, or to changes that have
 *   not reached this replica yet.
 */
export type ResolvedAnchor =
  | { readonly status: 'ok'; readonly start: number; readonly end: number; readonly quote: string }
  | { readonly status: 'deleted' }
  | { readonly status: 'unknown' };

/**
 * Resolves `anchor` against `text`, the root `Y.Text` of `doc`.
 *
 * A deleted end character still has a place in the CRDT sequence, so a
 * position on it resolves to where it was: deleting the first or last words
 * of a segment shrinks it to the words that remain. When no character
 * between the ends is left, both ends resolve to the same offset, which is
 * reported as `deleted` rather than an empty segment.
 *
 * Undone deletions are not followed: Yjs only knows on the replica that
 * pressed undo which new characters replaced the deleted ones, so following
 * them would make the server and the other clients disagree.
 *
 * For many anchors on one text use {@link resolveAnchors}, which reads the
 * text once.
 */
export function resolveAnchor(doc: Y.Doc, text: Y.Text, anchor: Anchor): ResolvedAnchor {
  return resolveIn(doc, text, anchor, lazyContent(text));
}

/**
 * {@link resolveAnchor} for every anchor, in order, reading the text once
 * (a transcript is up to ~100k characters and a document can hold a few
 * thousand codings).
 */
export function resolveAnchors(doc: Y.Doc, text: Y.Text, anchors: readonly Anchor[]): ResolvedAnchor[] {
  const content = lazyContent(text);
  return anchors.map((anchor) => resolveIn(doc, text, anchor, content));
}

function resolveIn(doc: Y.Doc, text: Y.Text, anchor: Anchor, content: () => string): ResolvedAnchor {
  if (text.doc !== doc) throw new TypeError('the Y.Text does not belong to the Y.Doc');
  const start = indexOf(doc, text, anchor.start);
  const end = indexOf(doc, text, anchor.end);
  if (start === null || end === null) return { status: 'unknown' };
  if (start >= end) return { status: 'deleted' };
  return { status: 'ok', start, end, quote: content().slice(start, end) };
}

/** The offset of `position` in `text`, or null when it is not a position in `text`. */
function indexOf(doc: Y.Doc, text: Y.Text, position: Y.RelativePosition): number | null {
  // A position that names a root type by name (not a character) makes Yjs
  // call doc.get(name), which would create that root type as a side effect.
  if (position.item === null && position.tname !== null && (doc.share.get(position.tname) as unknown) !== text) {
    return null;
  }
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc, false);
  if (absolute === null || absolute.type !== text) return null;
  return absolute.index;
}

function lazyContent(text: Y.Text): () => string {
  let content: string | undefined;
  return () => (content ??= text.toString());
}
