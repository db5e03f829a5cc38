import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { checkZip, type ZipLimits, ZipProblem } from './zip-guard.js';

const LIMITS: ZipLimits = { maxEntries: 10, maxUncompressedBytes: 10_000 };

async function zip(
  files: Record<string, string | Buffer>,
  compression: 'DEFLATE' | 'STORE' = 'DEFLATE',
): Promise<Buffer> {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: 'nodebuffer', compression });
}

/** Offsets of an entry's central directory record and local header, for patching. */
function offsetsOf(bytes: Buffer, name: string): { central: number; local: number } {
  for (
    let at = bytes.indexOf('PK\u0001\u0002', 0, 'latin1');
    at >= 0;
    at = bytes.indexOf('PK\u0001\u0002', at + 4, 'latin1')
  ) {
    if (bytes.toString('latin1', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) === name) {
      return { central: at, local: bytes.readUInt32LE(at + 42) };
    }
  }
  throw new Error(`no entry ${name}`);
}

type Patch = (bytes: Buffer, at: { central: number; local: number }) => void;

const setSize =
  (size: number): Patch =>
  (b, at) => {
    b.writeUInt32LE(size, at.central + 24);
    b.writeUInt32LE(size, at.local + 22);
  };

function problemOf(run: () => unknown): ZipProblem | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipProblem) return error;
    throw error;
  }
  return undefined;
}

describe('checkZip', () => {
  it('lists the entries of a sound archive, deflated or stored', async () => {
    for (const compression of ['DEFLATE', 'STORE'] as const) {
      const bytes = await zip({ 'word/document.xml': '<w:document>æøå</w:document>', 'a/': '' }, compression);
      expect(
        checkZip(bytes, LIMITS)
          .map((e) => e.name)
          .sort(),
      ).toEqual(['a/', 'word/', 'word/document.xml']);
    }
  });

  it('accepts an empty archive', async () => {
    expect(checkZip(await zip({}), LIMITS)).toEqual([]);
  });

  it.each<[string, () => Promise<Buffer>, 'broken' | 'too_large', RegExp]>([
    ['not a zip', async () => Buffer.from('Intervjuer: Hei'), 'broken', /not a zip archive/],
    ['empty bytes', async () => Buffer.alloc(0), 'broken', /not a zip archive/],
    [
      'a truncated archive',
      async () => {
        const bytes = await zip({ 'word/document.xml': 'x'.repeat(500) });
        return bytes.subarray(0, bytes.length - 30);
      },
      'broken',
      /incomplete \(truncated/,
    ],
    [
      'too many entries',
      async () => zip(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`e${i}`, '']))),
      'too_large',
      /holds 11 entries \(at most 10/,
    ],
    [
      'too much unpacked',
      async () => zip({ a: 'x'.repeat(6000), b: 'y'.repeat(6000) }),
      'too_large',
      /unpacks to more than/,
    ],
    [
      'a declared size far beyond the limit',
      async () => {
        const bytes = await zip({ 'word/document.xml': 'kort' });
        setSize(3 * 1024 ** 3)(bytes, offsetsOf(bytes, 'word/document.xml'));
        return bytes;
      },
      'too_large',
      /unpacks to more than/,
    ],
  ])('refuses %s', async (_, make, kind, message) => {
    const bytes = await make();
    expect(problemOf(() => checkZip(bytes, LIMITS))).toMatchObject({ kind, message: expect.stringMatching(message) });
  });

  it.each<[string, Patch, RegExp]>([
    [
      'an entry that unpacks to more than it declares (a lying bomb)',
      setSize(10),
      /unpacks to more than the size it declares/,
    ],
    ['an entry that unpacks to less than it declares', setSize(5000), /does not have the size it declares/],
    [
      'a checksum mismatch',
      (b, at) => b.writeUInt32LE((b.readUInt32LE(at.central + 16) ^ 1) >>> 0, at.central + 16),
      /checksum/,
    ],
    ['an encrypted entry', (b, at) => b.writeUInt16LE(b.readUInt16LE(at.central + 8) | 1, at.central + 8), /encrypted/],
    ['an unknown compression method', (b, at) => b.writeUInt16LE(12, at.central + 10), /compression method/],
    ['a broken local header', (b, at) => b.writeUInt32LE(0, at.local), /"word\/document.xml" is damaged/],
    [
      'deflate data that does not unpack',
      (b, at) => b.fill(0xff, at.local + 30 + 17, at.local + 30 + 17 + 8),
      /does not unpack|declares|checksum/,
    ],
  ])('refuses %s', async (_, patch, message) => {
    const bytes = await zip({ 'word/document.xml': 'Intervjuer: Hei. '.repeat(100) });
    patch(bytes, offsetsOf(bytes, 'word/document.xml'));
    expect(problemOf(() => checkZip(bytes, LIMITS))).toMatchObject({
      kind: 'broken',
      message: expect.stringMatching(message),
    });
  });
});

describe('checkZip compression ratio (XML made to be slow to parse, issue #17)', () => {
  const limits: ZipLimits = { maxEntries: 10, maxUncompressedBytes: 50 * 1024 * 1024, maxRatio: 100 };

  it('refuses an entry that packs far tighter than real documents, before unpacking it', async () => {
    const paragraphs = Buffer.from('<w:p/>'.repeat((3 * 1024 * 1024) / 6));
    const bytes = await zip({ 'word/document.xml': paragraphs });
    const refused = problemOf(() => checkZip(bytes, limits));
    expect(refused?.kind).toBe('too_large');
    expect(refused?.message).toMatch(/unpacks to \d+ times its packed size \(at most 100 times/);
  });

  it('lets small entries and ordinary text through whatever their ratio', async () => {
    const small = await zip({ 'a.xml': ' '.repeat(500_000) });
    expect(() => checkZip(small, limits)).not.toThrow();
    const text = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `ord${(i * 7919) % 100_003} `).join(''));
    const ordinary = await zip({ 'b.txt': text });
    expect(() => checkZip(ordinary, limits)).not.toThrow();
  });
});
