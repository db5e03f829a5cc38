import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real WAV file (16-bit PCM, mono): a tone that glides, so that no two
 * stretches of the file are alike (a test can look for any slice of it).
 */
export function wav(seconds: number, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    data.writeInt16LE(Math.round(12_000 * Math.sin(2 * Math.PI * (220 + 40 * t) * t)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A recording encoded by Debian's ffmpeg (installed by .ci/run): `mp3`, `ogg` (Opus) … */
export function encoded(extension: 'mp3' | 'ogg', seconds: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-audio-'));
  try {
    const file = join(dir, `tone.${extension}`);
    const codec = extension === 'mp3' ? ['-b:a', '64k'] : ['-c:a', 'libopus'];
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=330:duration=${seconds}`,
      ...codec,
      file,
    ]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
