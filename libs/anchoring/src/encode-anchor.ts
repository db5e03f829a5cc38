import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { Anchor } from './create-anchor.js';
import { AnchorDecodeError } from './errors.js';

/** An anchor as it travels and is stored (docs/api.md, "Conventions"). */
export interface EncodedAnchor {
  /** Standard base64 of `Y.encodeRelativePosition(anchor.start)`. */
  readonly startAnchor: string;
  /** Standard base64 of `Y.encodeRelativePosition(anchor.end)`. */
  readonly endAnchor: string;
}

/**
 * The longest encoded position {@link decodeAnchor} accepts. A position that
 * names a character is at most ~20 bytes (a tag, a client id, a clock, the
 * assoc), 28 base64 characters; 200 leaves room for one that names a root
 * type by a short name, and keeps a client from making the server decode
 * megabytes per coding.
 */
export const MAX_ENCODED_ANCHOR_LENGTH = 200;

/**
 * The anchor as two base64 strings. lib0's helpers pick `Buffer` in Node and
 * `btoa` in the browser, so both sides produce the same text.
 */
export function encodeAnchor(anchor: Anchor): EncodedAnchor {
  return {
    startAnchor: toBase64(Y.encodeRelativePosition(anchor.start)),
    endAnchor: toBase64(Y.encodeRelativePosition(anchor.end)),
  };
}

/**
 * Reads an anchor back from {@link encodeAnchor}'s form, or from what a
 * client built with `Y.encodeRelativePosition`. Strict, because the input
 * comes from the network: `Buffer` silently skips characters that are not
 * base64 and Yjs silently ignores trailing bytes and unknown tags, so the
 * text must be standard padded base64 and the bytes must re-encode to
 * themselves (allowing the older encoding without the trailing assoc).
 *
 * It checks form only; whether the positions belong to a given text is
 * `resolveAnchor`'s `'unknown'`.
 *
 * @throws AnchorDecodeError naming the field and what is wrong with it.
 */
export function decodeAnchor(encoded: EncodedAnchor): Anchor {
  if (typeof encoded !== 'object' || encoded === null) {
    throw new AnchorDecodeError('an encoded anchor is an object with startAnchor and endAnchor');
  }
  return {
    start: decodePosition('startAnchor', encoded.startAnchor),
    end: decodePosition('endAnchor', encoded.endAnchor),
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodePosition(field: keyof EncodedAnchor, value: unknown): Y.RelativePosition {
  if (typeof value !== 'string' || value.length === 0) {
    throw new AnchorDecodeError(`${field} must be a non-empty base64 string`);
  }
  if (value.length > MAX_ENCODED_ANCHOR_LENGTH) {
    throw new AnchorDecodeError(`${field} is too long (${value.length} > ${MAX_ENCODED_ANCHOR_LENGTH} characters)`);
  }
  if (!BASE64.test(value)) {
    throw new AnchorDecodeError(`${field} is not standard base64`);
  }
  const bytes = fromBase64(value);
  let position: Y.RelativePosition;
  try {
    position = Y.decodeRelativePosition(bytes);
  } catch {
    throw new AnchorDecodeError(`${field} is not an encoded Yjs relative position (truncated)`);
  }
  const kinds = [position.item, position.tname, position.type].filter((part) => part !== null).length;
  if (kinds !== 1) {
    throw new AnchorDecodeError(`${field} is not an encoded Yjs relative position (unknown kind)`);
  }
  const canonical = Y.encodeRelativePosition(position);
  const withoutAssoc = position.assoc === 0 ? canonical.subarray(0, canonical.length - 1) : undefined;
  if (!sameBytes(canonical, bytes) && !(withoutAssoc && sameBytes(withoutAssoc, bytes))) {
    throw new AnchorDecodeError(`${field} is not an encoded Yjs relative position (unexpected bytes)`);
  }
  return position;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
