import * as Y from 'yjs';
import { AnchorRangeError } from './errors.js';

/**
 * A segment of a `Y.Text` held by two Yjs relative positions, so that it
 * stays on the same words while the text is edited concurrently (offsets
 * would drift as soon as someone types before the segment).
 *
 * Create it with {@link createAnchor}, which chooses the association of both
 * ends (see there); store it with `encodeAnchor`; turn it back into offsets
 * with `resolveAnchor`.
 */
export interface Anchor {
  readonly start: Y.RelativePosition;
  readonly end: Y.RelativePosition;
}

/** A segment as UTF-16 code unit offsets, `end` exclusive (docs/api.md, "Conventions"). */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/**
 * `assoc >= 0`: the start is tied to the segment's first character. Text
 * typed exactly at the start offset lands before that character, so it stays
 * outside the segment: a coding does not swallow the words someone adds in
 * front of it.
 */
const START_ASSOC = 0;

/**
 * `assoc < 0`: the end is tied to the segment's last character. Text typed
 * exactly at the end offset lands after that character, outside the segment,
 * even when it continues the last word ("four" → "fourth"): a coding covers
 * what the researcher selected and does not grow at its edges. Text typed
 * strictly inside (between the first and the last character) stays inside.
 */
const END_ASSOC = -1;

/**
 * Anchors the segment `[start, end)` of `text` (UTF-16 offsets, `end`
 * exclusive), with the boundary behaviour described at the two assoc
 * constants: inserts strictly inside stay inside, inserts exactly at either
 * boundary stay outside.
 *
 * Both ends always name a character of the text (never "end of text"), so
 * an anchor can tell when its words were deleted and never resolves against
 * an unrelated document.
 *
 * @throws AnchorRangeError unless `0 <= start < end <= text.length` are
 *   integers that do not split a surrogate pair. A zero-length segment is not
 *   a coding.
 */
export function createAnchor(text: Y.Text, start: number, end: number): Anchor {
  return anchorIn(text, contentOf(text), { start, end });
}

/**
 * {@link createAnchor} for many segments of the same text (an import, a
 * restored snapshot): reads the text once instead of once per segment.
 * Throws on the first invalid range, naming its index.
 */
export function createAnchors(text: Y.Text, ranges: readonly OffsetRange[]): Anchor[] {
  const content = contentOf(text);
  return ranges.map((range, i) => {
    try {
      return anchorIn(text, content, range);
    } catch (error) {
      if (error instanceof AnchorRangeError) throw new AnchorRangeError(`range ${i}: ${error.message}`);
      throw error;
    }
  });
}

function contentOf(text: Y.Text): string {
  // Yjs needs the document to name the root type in the position.
  if (text.doc === null) throw new TypeError('the Y.Text is not part of a Y.Doc');
  return text.toString();
}

function anchorIn(text: Y.Text, content: string, { start, end }: OffsetRange): Anchor {
  checkOffset('start', start, content);
  checkOffset('end', end, content);
  if (start >= end) {
    throw new AnchorRangeError(
      start === end
        ? `empty segment at ${start}: a coding needs at least one character`
        : `start ${start} is after end ${end}`,
    );
  }
  return {
    start: Y.createRelativePositionFromTypeIndex(text, start, START_ASSOC),
    end: Y.createRelativePositionFromTypeIndex(text, end, END_ASSOC),
  };
}

function checkOffset(name: 'start' | 'end', offset: number, content: string): void {
  if (!Number.isInteger(offset)) {
    throw new AnchorRangeError(`${name} must be an integer offset, got ${String(offset)}`);
  }
  if (offset < 0 || offset > content.length) {
    throw new AnchorRangeError(`${name} ${offset} is outside the text (length ${content.length})`);
  }
  if (isHighSurrogate(content.charCodeAt(offset - 1)) && isLowSurrogate(content.charCodeAt(offset))) {
    throw new AnchorRangeError(`${name} ${offset} splits a surrogate pair (an emoji or other astral character)`);
  }
}

// charCodeAt outside the string is NaN, which is neither.
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
