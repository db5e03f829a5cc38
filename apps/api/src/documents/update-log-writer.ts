import { Logger } from '@nestjs/common';

export interface PendingUpdate {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
}

/** Writes a batch in one statement (one commit); throws if nothing was written. */
export type InsertBatch = (batch: PendingUpdate[]) => Promise<void>;

/** Thrown for a batch row whose document no longer exists. */
export class DocumentGoneError extends Error {
  constructor(readonly documentId: string) {
    super(`Document ${documentId} no longer exists`);
  }
}

/** Largest batch written in one statement. */
const MAX_BATCH = 500;
const MAX_BACKOFF_MS = 5_000;

interface Entry extends PendingUpdate {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Group commit for the update log. `append` resolves once the update is
 * committed; callers forward an update to other clients only after that.
 * While one batch is being written, new updates queue and go together in the
 * next, so latency stays one commit at low load and throughput grows with
 * load. Batches are written one after another, so updates commit, and their
 * promises resolve, in the order they were appended.
 *
 * When the database fails, the batch is retried with backoff (nothing
 * accepted is dropped); a row whose document was deleted meanwhile is
 * rejected with `DocumentGoneError` instead.
 */
export class UpdateLogWriter {
  private readonly logger = new Logger(UpdateLogWriter.name);
  private queue: Entry[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly insertBatch: InsertBatch,
    private readonly isDocumentGone: (error: unknown) => boolean,
  ) {}

  append(update: PendingUpdate): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...update, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  /** Resolves when everything appended so far is committed (or rejected). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  get pending(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.write(batch);
    }
  }

  private async write(batch: Entry[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.insertBatch(batch);
        for (const entry of batch) entry.resolve();
        return;
      } catch (error) {
        if (this.isDocumentGone(error)) {
          // A document was deleted while its updates waited: keep the other
          // rows, reject the orphans.
          if (batch.length === 1) batch[0]!.reject(new DocumentGoneError(batch[0]!.documentId));
          else for (const entry of batch) await this.write([entry]);
          return;
        }
        const wait = Math.min(MAX_BACKOFF_MS, 50 * 2 ** attempt);
        this.logger.error(`Could not store ${batch.length} update(s), retrying in ${wait} ms: ${String(error)}`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
