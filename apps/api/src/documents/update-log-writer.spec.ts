import { describe, expect, it } from '@jest/globals';
import { DocumentGoneError, laneOf, type PendingUpdate, UpdateLogWriter } from './update-log-writer.js';

const update = (documentId: string, n: number): PendingUpdate => ({
  documentId,
  update: new Uint8Array([n]),
  userId: null,
});

describe('UpdateLogWriter', () => {
  it('batches what arrives while a write is in flight, and resolves in order', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    let first = true;
    const writer = new UpdateLogWriter(
      async (batch) => {
        batches.push(batch.map((u) => u.update[0]));
        if (first) {
          first = false;
          await new Promise<void>((r) => (release = r));
        }
      },
      () => false,
    );
    const order: number[] = [];
    const done = [1, 2, 3, 4].map((n) => writer.append(update('d', n)).then(() => order.push(n)));
    await new Promise((r) => setTimeout(r, 10));
    release();
    await Promise.all(done);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('retries a failed batch until it is stored, dropping nothing', async () => {
    let attempts = 0;
    const stored: number[] = [];
    const writer = new UpdateLogWriter(
      async (batch) => {
        if (++attempts < 3) throw new Error('database unavailable');
        stored.push(...batch.map((u) => u.update[0]));
      },
      () => false,
    );
    await Promise.all([writer.append(update('d', 1)), writer.append(update('d', 2))]);
    expect(stored).toEqual([1, 2]);
    expect(attempts).toBeGreaterThanOrEqual(3);
  });

  it('rejects only the rows of a deleted document and keeps the others', async () => {
    const stored: string[] = [];
    const gone = new Error('foreign key');
    const writer = new UpdateLogWriter(
      async (batch) => {
        if (batch.some((u) => u.documentId === 'deleted')) throw gone;
        stored.push(...batch.map((u) => `${u.documentId}:${u.update[0]}`));
      },
      (error) => error === gone,
    );
    // The first goes alone; the next three wait and then share one batch.
    const results = await Promise.allSettled([
      writer.append(update('a', 0)),
      writer.append(update('a', 1)),
      writer.append(update('deleted', 2)),
      writer.append(update('a', 3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(DocumentGoneError);
    expect(stored).toEqual(['a:0', 'a:1', 'a:3']);
  });

  it('writes documents of different lanes side by side, each document in order on its own lane', async () => {
    // Two documents that hash to different lanes of two.
    const ids = Array.from({ length: 20 }, (_, i) => `document-${i}`);
    const a = ids.find((id) => laneOf(id, 2) === 0)!;
    const b = ids.find((id) => laneOf(id, 2) === 1)!;
    let releaseA!: () => void;
    const written: string[] = [];
    const writer = new UpdateLogWriter(
      async (batch, lane) => {
        if (lane === 0 && written.length === 0) await new Promise<void>((r) => (releaseA = r));
        written.push(...batch.map((u) => `${lane}:${u.documentId === a ? 'a' : 'b'}${u.update[0]}`));
      },
      () => false,
      2,
    );
    const first = writer.append(update(a, 1));
    const secondOfA = writer.append(update(a, 2));
    // B commits although A's lane is stuck in a write.
    await writer.append(update(b, 1));
    expect(written).toEqual(['1:b1']);
    releaseA();
    await Promise.all([first, secondOfA]);
    expect(written).toEqual(['1:b1', '0:a1', '0:a2']);
    await writer.drain();
    expect(writer.pending).toBe(0);
  });

  it('puts a document on the same lane every time, spread over all lanes', () => {
    const lanes = new Set(
      Array.from({ length: 60 }, (_, i) => laneOf(`9f1c0e4a-0000-4000-8000-${String(i).padStart(12, '0')}`, 3)),
    );
    expect([...lanes].sort()).toEqual([0, 1, 2]);
    expect(laneOf('some-document', 3)).toBe(laneOf('some-document', 3));
  });
});
