import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/**
 * The blobs of one snapshot being written: each part is hashed, and only
 * hashes the project does not have yet are inserted (ON CONFLICT DO
 * NOTHING), so an unchanged document state, text or codebook costs nothing.
 */
export class BlobBatch {
  private readonly pending = new Map<string, Buffer>();

  constructor(private readonly projectId: string) {}

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

  async write(manager: EntityManager): Promise<void> {
    const entries = [...this.pending.entries()];
    // A few rows per statement: blobs can be large (a transcript's Yjs state).
    for (let i = 0; i < entries.length; i += 20) {
      const chunk = entries.slice(i, i + 20);
      const values: unknown[] = [this.projectId];
      const rows = chunk.map(([hex, bytes], j) => {
        values.push(Buffer.from(hex, 'hex'), bytes);
        return `($1, $${j * 2 + 2}, $${j * 2 + 3})`;
      });
      await manager.query(
        `INSERT INTO snapshot_blobs (project_id, hash, bytes) VALUES ${rows.join(', ')} ON CONFLICT (project_id, hash) DO NOTHING`,
        values,
      );
    }
    this.pending.clear();
  }
}

/** Reads blobs of one project by hash, each once. */
export async function readBlobs(
  manager: EntityManager,
  projectId: string,
  hashes: Buffer[],
): Promise<Map<string, Buffer>> {
  const unique = [...new Set(hashes.map((h) => h.toString('hex')))];
  if (unique.length === 0) return new Map();
  const rows: { hash: Buffer; bytes: Buffer }[] = await manager.query(
    'SELECT hash, bytes FROM snapshot_blobs WHERE project_id = $1 AND hash = ANY($2::bytea[])',
    [projectId, unique.map((h) => Buffer.from(h, 'hex'))],
  );
  return new Map(rows.map((r) => [r.hash.toString('hex'), r.bytes]));
}

export function blobJson<T>(blobs: Map<string, Buffer>, hash: Buffer): T {
  return JSON.parse(blobText(blobs, hash)) as T;
}

export function blobText(blobs: Map<string, Buffer>, hash: Buffer): string {
  const bytes = blobs.get(hash.toString('hex'));
  if (!bytes) throw new Error(`snapshot blob ${hash.toString('hex')} is missing`);
  return bytes.toString('utf8');
}
