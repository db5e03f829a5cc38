/** A stretch of bytes, both ends included (as `Content-Range` writes them). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads an HTTP `Range` header against a resource of `size` bytes: the whole
 * resource when there is none (undefined), one range when it asks for one
 * that overlaps the resource (an end past it is cut to the last byte, a
 * suffix `-n` is the last n bytes), and null when it cannot be served: not
 * `bytes=`, malformed, several ranges (players ask for one at a time),
 * starting past the end, or a suffix of nothing. The caller answers 416.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | undefined | null {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const length = Number(to);
    if (length === 0 || size === 0) return null;
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || (to !== '' && Number(to) < start)) return null;
  return { start, end };
}
