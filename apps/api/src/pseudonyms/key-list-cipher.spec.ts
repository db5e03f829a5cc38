import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyListCipher, KeyListUnreadable } from './key-list-cipher.js';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

describe('KeyListCipher', () => {
  it('round-trips under the configured key; the ciphertext does not hold the text', async () => {
    const cipher = new KeyListCipher(randomBytes(32).toString('base64'), '/nonexistent');
    const sealed = await cipher.seal(P1, '[{"real":"Ola Nordmann"}]');
    expect(sealed.ciphertext.toString('utf8')).not.toContain('Ola');
    expect(sealed.nonce).toHaveLength(12);
    expect(await cipher.open(P1, sealed.nonce, sealed.ciphertext)).toBe('[{"real":"Ola Nordmann"}]');
  });

  it('refuses another project, another key and a changed byte', async () => {
    const key = randomBytes(32).toString('base64');
    const cipher = new KeyListCipher(key, '/nonexistent');
    const { nonce, ciphertext } = await cipher.seal(P1, 'hemmelig');
    await expect(cipher.open(P2, nonce, ciphertext)).rejects.toThrow(KeyListUnreadable);
    await expect(
      new KeyListCipher(randomBytes(32).toString('base64'), '/x').open(P1, nonce, ciphertext),
    ).rejects.toThrow(KeyListUnreadable);
    const tampered = Buffer.from(ciphertext);
    tampered[0] ^= 1;
    await expect(cipher.open(P1, nonce, tampered)).rejects.toThrow(KeyListUnreadable);
  });

  it('makes a key file readable by its owner only, and uses the same one next time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tolk-key-'));
    try {
      const sealed = await new KeyListCipher(undefined, dir).seal(P1, 'x');
      expect((await stat(join(dir, 'pseudonym.key'))).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(join(dir, 'pseudonym.key'), 'utf8')).trim(), 'base64')).toHaveLength(32);
      expect(await new KeyListCipher(undefined, dir).open(P1, sealed.nonce, sealed.ciphertext)).toBe('x');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
