/**
 * Offsets that cannot become an anchor: not integers, out of the text, an
 * empty or reversed range, or an offset between the two halves of a
 * surrogate pair. It is the caller's input that is wrong, so the api maps
 * `code` to a 400 with this message; the message names the bad value.
 */
export class AnchorRangeError extends RangeError {
  readonly code = 'anchor_range' as const;

  constructor(message: string) {
    super(message);
    this.name = 'AnchorRangeError';
  }
}

/**
 * An encoded anchor that is not one: not a string, too long, not standard
 * base64, or bytes that are not exactly one `Y.encodeRelativePosition`.
 * Anchors arrive from clients (POST codings with `startAnchor`/`endAnchor`),
 * so this is also a 400, never a crash deep inside Yjs.
 */
export class AnchorDecodeError extends Error {
  readonly code = 'anchor_decode' as const;

  constructor(message: string) {
    super(message);
    this.name = 'AnchorDecodeError';
  }
}
