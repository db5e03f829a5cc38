import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/**
 * The blobs of one snapshot being written: each part is hashed, and only
 * hashes the project does not have yet are stored (SnapshotsRepository.writeBlobs),
 * so an unchanged document state, text or codebook costs nothing.
 */
export class BlobBatch {
  private readonly pending = new Map<string, Buffer>();

  /** Adds bytes (or JSON) and returns their hash. */
  add(content: Uint8Array | string | object): Buffer {
    const bytes =
      content instanceof Uint8Array
        ? Buffer.from(content)
        : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content), 'utf8');
    const hash = sha256(bytes);
    this.pending.set(hash.toString('hex'), bytes);
    return hash;
  }

  /** What was added: hash (hex) → bytes, for `SnapshotsRepository.writeBlobs`. */
  get added(): Map<string, Buffer> {
    return this.pending;
  }
}

export function blobJson<T>(blobs: Map<string, Buffer>, hash: Buffer): T {
  return JSON.parse(blobText(blobs, hash)) as T;
}

export function blobText(blobs: Map<string, Buffer>, hash: Buffer): string {
  const bytes = blobs.get(hash.toString('hex'));
  if (!bytes) throw new Error(`snapshot blob ${hash.toString('hex')} is missing`);
  return bytes.toString('utf8');
}
