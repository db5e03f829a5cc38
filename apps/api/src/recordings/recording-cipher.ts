import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { loadKey } from '../platform/key-file.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for recording chunks, under a key that never enters the
 * database: `TOLK_RECORDING_KEY` (base64 of 32 bytes; the same on every
 * instance), else `recording.key` in the data directory, made on first use.
 * Each chunk has its own random nonce (a rewritten chunk gets a new one), and
 * the recording id and the chunk's number are bound in as associated data,
 * so a chunk moved to another place or recording does not decrypt.
 */
@Injectable()
export class RecordingCipher {
  private key: Promise<Buffer> | undefined;

  constructor(@InjectSettings() private readonly settings: Pick<RuntimeSettings, 'recordingKey' | 'dataDir'>) {}

  async seal(recordingId: string, seq: number, plaintext: Uint8Array): Promise<{ nonce: Buffer; data: Buffer }> {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), nonce);
    cipher.setAAD(associated(recordingId, seq));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { nonce, data: Buffer.concat([body, cipher.getAuthTag()]) };
  }

  /** The chunk's plaintext; throws when the key or the place is wrong or the bytes were changed. */
  async open(recordingId: string, seq: number, nonce: Buffer, data: Buffer): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), nonce);
    decipher.setAAD(associated(recordingId, seq));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= loadKey(this.settings.recordingKey, this.settings.dataDir, 'recording.key');
    return this.key;
  }
}

const associated = (recordingId: string, seq: number) => Buffer.from(`recording:${recordingId}:${seq}`, 'utf8');
