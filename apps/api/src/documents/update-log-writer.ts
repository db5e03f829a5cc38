import { Logger } from '@nestjs/common';

export interface PendingUpdate {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
}

/** Writes a batch in one statement (one commit) on the lane's own connection; throws if nothing was written. */
export type InsertBatch = (batch: PendingUpdate[], lane: number) => Promise<void>;

/** Thrown for a batch row whose document no longer exists. */
export class DocumentGoneError extends Error {
  constructor(readonly documentId: string) {
    super(`Document ${documentId} no longer exists`);
  }
}

/** Largest batch written in one statement. */
const MAX_BATCH = 500;
/**
 * Retries wait at most this long: editors are waiting for the database to
 * come back, and a retry is one connection attempt, cheap to make.
 */
const MAX_BACKOFF_MS = 1_000;
/** While the database stays away, say so once every this many attempts. */
const LOG_EVERY_ATTEMPTS = 20;

interface Entry extends PendingUpdate {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One writer lane: its queue and the batch it has in flight. */
interface Lane {
  index: number;
  queue: Entry[];
  flushing: Promise<void> | undefined;
}

/**
 * Group commit for the update log. `append` resolves once the update is
 * committed; callers forward an update to other clients only after that.
 * While one batch is being written, new updates queue and go together in the
 * next, so latency stays one commit at low load and throughput grows with
 * load.
 *
 * Several lanes write side by side, each on its own connection, so an edit
 * of one transcript rarely waits for another transcript's commit. A document
 * always goes to the same lane, whose batches are written one after another:
 * a document's updates commit, get their ids and resolve in the order they
 * were appended. Compaction relies on that (everything of a document up to
 * the largest committed id is in the merged state).
 *
 * When the database fails, the batch is retried with backoff (nothing
 * accepted is dropped); a row whose document was deleted meanwhile is
 * rejected with `DocumentGoneError` instead.
 */
export class UpdateLogWriter {
  private readonly logger = new Logger(UpdateLogWriter.name);
  private readonly lanes: Lane[];

  constructor(
    private readonly insertBatch: InsertBatch,
    private readonly isDocumentGone: (error: unknown) => boolean,
    lanes = 1,
  ) {
    this.lanes = Array.from({ length: lanes }, (_, index) => ({ index, queue: [], flushing: undefined }));
  }

  append(update: PendingUpdate): Promise<void> {
    const lane = this.lanes[laneOf(update.documentId, this.lanes.length)];
    return new Promise<void>((resolve, reject) => {
      lane.queue.push({ ...update, resolve, reject });
      lane.flushing ??= this.flush(lane).finally(() => (lane.flushing = undefined));
    });
  }

  /** Resolves when everything appended so far is committed (or rejected). */
  async drain(): Promise<void> {
    for (const lane of this.lanes) while (lane.flushing) await lane.flushing;
  }

  get pending(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.queue.length, 0);
  }

  private async flush(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, MAX_BATCH);
      await this.write(batch, lane.index);
    }
  }

  private async write(batch: Entry[], lane: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.insertBatch(batch, lane);
        for (const entry of batch) entry.resolve();
        return;
      } catch (error) {
        if (this.isDocumentGone(error)) {
          // A document was deleted while its updates waited: keep the other
          // rows, reject the orphans.
          if (batch.length === 1) batch[0].reject(new DocumentGoneError(batch[0].documentId));
          else for (const entry of batch) await this.write([entry], lane);
          return;
        }
        const wait = Math.min(MAX_BACKOFF_MS, 50 * 2 ** attempt);
        if (attempt % LOG_EVERY_ATTEMPTS === 0) {
          this.logger.error(
            `Could not store ${batch.length} update(s) (attempt ${attempt + 1}), retrying every ${MAX_BACKOFF_MS} ms at most: ${String(error)}`,
          );
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}

/** The lane a document's updates always take (FNV-1a of its id). */
export function laneOf(documentId: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < documentId.length; i++) hash = Math.imul(hash ^ documentId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}
