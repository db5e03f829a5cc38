import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { unsafeEntryName } from '@tolk/refi-qda';
import { unpackZip, ZipProblem } from '../documents/import/zip-guard.js';
import { writeZip } from './zip-writer.js';

const FILES = [
  { name: 'project.qde', data: Buffer.from('<Project name="æøå 😀"/>'.repeat(200)) },
  { name: 'sources/Intervju æøå.txt', data: Buffer.from('Intervjuer: Hei\n'.repeat(500)) },
  { name: 'sources/empty.txt', data: Buffer.alloc(0) },
  // Incompressible: stored rather than deflated.
  { name: 'sources/noise.bin', data: randomBytes(4096) },
];

describe('writeZip', () => {
  const bytes = writeZip(FILES);

  it('is read back whole by a stock reader (JSZip), names in UTF-8', async () => {
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(FILES.map((f) => f.name));
    for (const file of FILES) expect(await zip.file(file.name)!.async('nodebuffer')).toEqual(file.data);
  });

  it('passes our own checks (sizes and CRC-32 verified) and keeps what is asked for', () => {
    const { entries, files } = unpackZip(bytes, { maxEntries: 10, maxUncompressedBytes: 1024 * 1024 }, (name) =>
      name.endsWith('.txt'),
    );
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['project.qde', 8],
      ['sources/Intervju æøå.txt', 8],
      ['sources/empty.txt', 0],
      ['sources/noise.bin', 0],
    ]);
    expect([...files.keys()]).toEqual(['sources/Intervju æøå.txt', 'sources/empty.txt']);
    expect(files.get('sources/Intervju æøå.txt')).toEqual(FILES[1].data);
  });

  it('is the same bytes for the same files (a fixed timestamp)', () => {
    expect(writeZip(FILES).equals(bytes)).toBe(true);
  });
});

describe('unpackZip with a name check', () => {
  it('refuses an entry that climbs out before unpacking anything', () => {
    const bytes = writeZip([
      { name: 'project.qde', data: Buffer.from('x') },
      { name: 'sources/../../etc/evil', data: Buffer.from('y') },
    ]);
    let problem: unknown;
    try {
      unpackZip(bytes, { maxEntries: 10, maxUncompressedBytes: 100, refuseName: unsafeEntryName }, () => true);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(ZipProblem);
    expect((problem as ZipProblem).message).toBe(
      'the entry "sources/../../etc/evil" is refused: it climbs out of the archive (..)',
    );
  });
});
