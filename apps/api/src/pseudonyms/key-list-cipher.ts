import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadKey } from '../platform/key-file.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class KeyListUnreadable extends Error {}

/**
 * AES-256-GCM for the pseudonym key lists, under a key that never enters
 * the database: `TOLK_PSEUDONYM_KEY` (base64 of 32 bytes; the same on every
 * instance), else a file `pseudonym.key` in the data directory, made on
 * first use (mode 0600). The project id is bound in as associated data, so
 * a list copied to another project's row does not decrypt.
 */
export class KeyListCipher {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly configured: string | undefined,
    private readonly dataDir: string,
  ) {}

  async seal(projectId: string, plaintext: string): Promise<{ nonce: Buffer; ciphertext: Buffer }> {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), nonce);
    cipher.setAAD(Buffer.from(projectId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { nonce, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
  }

  async open(projectId: string, nonce: Buffer, ciphertext: Buffer): Promise<string> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), nonce);
      decipher.setAAD(Buffer.from(projectId, 'utf8'));
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new KeyListUnreadable(
        'The pseudonym key list cannot be decrypted with this server’s key (TOLK_PSEUDONYM_KEY must be the same on every instance)',
      );
    }
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= loadKey(this.configured, this.dataDir, 'pseudonym.key');
    return this.key;
  }
}
