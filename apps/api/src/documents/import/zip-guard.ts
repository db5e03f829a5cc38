import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Checks an untrusted zip archive (a .docx is one) before any zip library
 * unpacks it: we read the central directory ourselves, bound the number of
 * entries and their total uncompressed size, and then inflate every entry
 * with an output cap of its declared size, so that an entry that lies about
 * its size (the classic zip bomb) is caught without ever being unpacked in
 * full. What passes here can be handed to mammoth (and its JSZip), which
 * would otherwise inflate whatever the archive contains.
 */

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Why an entry name is refused (e.g. `../` in it), checked before anything is unpacked. */
  refuseName?: (name: string) => string | undefined;
  /**
   * Most an entry of over 1 MiB may unpack to, as a multiple of its packed
   * size. Real Word and REFI-QDA XML packs 5–20 times; XML made to be slow to
   * parse (millions of empty paragraphs) packs hundreds of times.
   */
  maxRatio?: number;
}

/** Entries smaller than this unpacked are not held to `maxRatio` (a small run of spaces packs very well). */
const RATIO_FLOOR = 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

/** Why an archive was refused: it is damaged or not a zip at all, or it unpacks to too much. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: 'broken' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'ZipProblem';
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const END_SIZE = 22;
const STORED = 0;
const DEFLATED = 8;

const broken = (message: string) => new ZipProblem('broken', message);

/** True when the bytes start like a zip archive (a local file header). */
export const looksLikeZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32LE(0) === LOCAL_HEADER;

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - END_SIZE - 0xffff);
  for (let at = bytes.length - END_SIZE; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY && at + END_SIZE + bytes.readUInt16LE(at + 20) <= bytes.length) {
      return at;
    }
  }
  return -1;
}

/** Reads and checks the central directory, then verifies every entry's real size and checksum. */
export function checkZip(
  bytes: Buffer,
  limits: ZipLimits,
  keep?: (name: string) => boolean,
  kept?: Map<string, Buffer>,
): ZipEntry[] {
  const end = bytes.length >= END_SIZE ? findEndOfDirectory(bytes) : -1;
  if (end < 0) {
    throw broken(
      looksLikeZip(bytes)
        ? 'the zip archive is incomplete (truncated: its directory is missing)'
        : 'it is not a zip archive',
    );
  }
  const entryCount = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (
    bytes.readUInt16LE(end + 4) !== 0 ||
    bytes.readUInt16LE(end + 6) !== 0 ||
    bytes.readUInt16LE(end + 8) !== entryCount
  ) {
    throw broken('the zip archive is split across several files');
  }
  const zip64 = end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_LOCATOR;
  if (zip64 || entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    // ZIP64 is for archives beyond 4 GiB or 65,535 entries; no transcript needs it.
    throw new ZipProblem('too_large', 'the zip archive is in ZIP64 format, for archives far larger than a transcript');
  }
  if (entryCount > limits.maxEntries) {
    const [count, most] = [entryCount, limits.maxEntries].map((n) => n.toLocaleString('en'));
    throw new ZipProblem('too_large', `the zip archive holds ${count} entries (at most ${most} are accepted)`);
  }
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > end) throw broken('the zip directory points beyond the end of the file (truncated or damaged)');

  const entries: (ZipEntry & { crc: number; localHeader: number })[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directoryEnd || bytes.readUInt32LE(at) !== CENTRAL_HEADER)
      throw broken('the zip directory is damaged');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > directoryEnd) throw broken('the zip directory is damaged');
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const refused = limits.refuseName?.(name);
    if (refused) throw broken(`the entry "${name.slice(0, 200)}" is refused: ${refused}`);
    if (flags & 0x1) throw broken('it is encrypted (password-protected); save it without a password');
    if (method !== STORED && method !== DEFLATED)
      throw broken(`"${name}" uses a compression method other than deflate`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      throw new ZipProblem(
        'too_large',
        'the zip archive is in ZIP64 format, for archives far larger than a transcript',
      );
    }
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw new ZipProblem(
        'too_large',
        `the zip archive unpacks to more than ${limits.maxUncompressedBytes / (1024 * 1024)} MiB`,
      );
    }
    if (limits.maxRatio && uncompressedSize > RATIO_FLOOR && uncompressedSize > compressedSize * limits.maxRatio) {
      const ratio = compressedSize === 0 ? 'infinitely many' : Math.round(uncompressedSize / compressedSize);
      throw new ZipProblem(
        'too_large',
        `"${name.slice(0, 200)}" unpacks to ${ratio} times its packed size (at most ${limits.maxRatio} times is accepted)`,
      );
    }
    entries.push({ name, method, compressedSize, uncompressedSize, crc, localHeader: bytes.readUInt32LE(at + 42) });
    at = next;
  }

  for (const entry of entries) {
    const data = verifyEntry(bytes, entry, directoryOffset);
    if (keep?.(entry.name)) kept?.set(entry.name, data);
  }
  return entries.map(({ name, method, compressedSize, uncompressedSize }) => ({
    name,
    method,
    compressedSize,
    uncompressedSize,
  }));
}

/**
 * {@link checkZip}, keeping the unpacked bytes of the entries `keep` picks
 * (the others are verified and let go, so memory holds what is kept plus
 * one entry).
 */
export function unpackZip(
  bytes: Buffer,
  limits: ZipLimits,
  keep: (name: string) => boolean,
): { entries: ZipEntry[]; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const entries = checkZip(bytes, limits, keep, files);
  return { entries, files };
}

/** Unpacks one entry with its declared size as the cap, checks size and CRC-32, and returns its bytes. */
function verifyEntry(bytes: Buffer, entry: ZipEntry & { crc: number; localHeader: number }, dataEnd: number): Buffer {
  const { localHeader: at, name } = entry;
  if (at + 30 > dataEnd || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw broken(`"${name}" is damaged`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const compressed = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > dataEnd) throw broken(`"${name}" is cut short (truncated or damaged)`);
  let data: Buffer;
  if (entry.method === STORED) {
    data = compressed;
  } else {
    try {
      // One byte over the declared size is enough to know the declaration is false.
      data = inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (error) {
      const tooLong = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw broken(
        tooLong ? `"${name}" unpacks to more than the size it declares` : `"${name}" is damaged (it does not unpack)`,
      );
    }
  }
  if (data.length !== entry.uncompressedSize) throw broken(`"${name}" does not have the size it declares`);
  if (crc32(data) >>> 0 !== entry.crc) throw broken(`"${name}" is damaged (checksum mismatch)`);
  return data;
}
