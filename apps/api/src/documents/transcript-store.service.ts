import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EditSession } from '@tolk/contracts';
import type pg from 'pg';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import * as Y from 'yjs';
import { ClusterBus } from '../cluster/cluster-bus.service.js';
import { encodeDocumentMessage, UPDATES_CHANNEL } from '../cluster/document-message.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { DocumentStateEntity } from './document-state.entity.js';
import { DocumentEntity } from './document.entity.js';
import { COMMITTED_ELSEWHERE, CONTENT, docFromUpdates, initialState, textOf } from './yjs-text.js';
import { type PendingUpdate, UpdateLogWriter } from './update-log-writer.js';

export interface LoadedTranscript {
  doc: Y.Doc;
  /** Updates stored after the merged state; compaction folds them in. */
  updatesSinceState: number;
}

/** A row whose document was deleted meanwhile (PostgreSQL 23503), from TypeORM or pg directly. */
const isForeignKeyViolation = (error: unknown) => {
  const code =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string }).code
      : (error as { code?: string })?.code;
  return code === '23503';
};

/** A pooled connection a writer lane keeps for itself. */
interface KeptConnection {
  client: pg.PoolClient;
  /** Given back to the pool: never use or release it again. */
  broken: boolean;
}

/** Batches up to this many rows use a prepared statement each. */
const PREPARED_BATCH_SIZES = 8;
/** Update-log writers side by side, each holding one pooled connection (of 10). */
const WRITER_LANES = 3;

/**
 * Where transcript text lives in PostgreSQL: a merged Yjs state per document
 * plus the update log after it. The collab rooms attach the documents they
 * hold in memory, so the REST api reads live text without a round trip.
 */
@Injectable()
export class TranscriptStore implements BeforeApplicationShutdown {
  private readonly live = new Map<string, Y.Doc>();
  private readonly writer: UpdateLogWriter;
  /** Each writer lane's kept connection. */
  private readonly writerConnections: (Promise<KeptConnection> | undefined)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: ClusterBus,
    private readonly metrics: MetricsService,
  ) {
    this.writer = new UpdateLogWriter((batch, lane) => this.insert(batch, lane), isForeignKeyViolation, WRITER_LANES);
    metrics.gauge('tolk_update_log_pending', 'Live-text updates waiting for their commit', () => this.writer.pending);
  }

  /** Stores the initial state of a new document (made from `text`, or the given update), inside the caller's transaction. */
  async createState(manager: EntityManager, documentId: string, text: string, state?: Uint8Array): Promise<void> {
    await manager.insert(DocumentStateEntity, {
      documentId,
      state: Buffer.from(state ?? initialState(text)),
      lastUpdateId: '0',
    });
  }

  /**
   * Merged state plus newer updates, or undefined when the document does not
   * exist. With `manager`, read inside that transaction (a snapshot reads
   * every document as of one instant).
   */
  async load(
    documentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedTranscript | undefined> {
    let state = await manager.getRepository(DocumentStateEntity).findOneBy({ documentId });
    if (!state) {
      // A document from before the update log: make its state from its text,
      // once; ON CONFLICT lets a concurrent loader's state win.
      const document = await manager.getRepository(DocumentEntity).findOneBy({ id: documentId });
      if (!document) return undefined;
      await manager
        .createQueryBuilder()
        .insert()
        .into(DocumentStateEntity)
        .values({ documentId, state: Buffer.from(initialState(document.text)), lastUpdateId: '0' })
        .orIgnore()
        .execute();
      state = await manager.getRepository(DocumentStateEntity).findOneByOrFail({ documentId });
    }
    const rows: { update: Buffer }[] = await manager.query(
      'SELECT "update" FROM document_updates WHERE document_id = $1 AND id > $2 ORDER BY id',
      [documentId, state.lastUpdateId],
    );
    const doc = docFromUpdates([state.state, ...rows.map((r) => r.update)]);
    return { doc, updatesSinceState: rows.length };
  }

  attach(documentId: string, doc: Y.Doc): void {
    this.live.set(documentId, doc);
  }

  detach(documentId: string, doc: Y.Doc): void {
    if (this.live.get(documentId) === doc) this.live.delete(documentId);
  }

  /** The document in memory, when a room holds it. */
  liveDoc(documentId: string): Y.Doc | undefined {
    return this.live.get(documentId);
  }

  /**
   * Runs `work` on the document as it is now: the live one when it is open
   * (do not keep it), else one loaded for the call. Undefined when the
   * document does not exist.
   */
  async withDoc<T>(documentId: string, work: (doc: Y.Doc) => T): Promise<T | undefined> {
    const live = this.live.get(documentId);
    if (live) return work(live);
    const loaded = await this.load(documentId);
    if (!loaded) return undefined;
    try {
      return work(loaded.doc);
    } finally {
      loaded.doc.destroy();
    }
  }

  /** The text as it is now: from memory when the document is open, else from the store. */
  async currentText(documentId: string): Promise<string | undefined> {
    const live = this.live.get(documentId);
    if (live) return textOf(live);
    const loaded = await this.load(documentId);
    if (!loaded) return undefined;
    const text = textOf(loaded.doc);
    loaded.doc.destroy();
    return text;
  }

  /**
   * Changes the text on a person's behalf from the server (a restore), so
   * that everyone sees it: on the live document when a room holds it (the
   * room stores and broadcasts the update, attributed through the origin),
   * else on a loaded copy whose update is appended to the log here. False
   * when the document does not exist.
   */
  async edit(documentId: string, userId: string, change: (text: Y.Text) => void): Promise<boolean> {
    const origin = { userId };
    const live = this.live.get(documentId);
    if (live) {
      live.transact(() => change(live.getText(CONTENT)), origin);
      return true;
    }
    const loaded = await this.load(documentId);
    if (!loaded) return false;
    const updates: Uint8Array[] = [];
    loaded.doc.on('update', (update: Uint8Array) => updates.push(update));
    try {
      loaded.doc.transact(() => change(loaded.doc.getText(CONTENT)), origin);
      for (const update of updates) {
        await this.append({ documentId, update, userId });
        // Rooms of other instances apply it as any committed update.
        if (this.bus.enabled) {
          this.bus.publish(
            UPDATES_CHANNEL,
            encodeDocumentMessage({ instanceId: this.bus.instanceId, documentId, sentAt: Date.now(), payload: update }),
          );
        }
        // A room opened meanwhile may have loaded the log before this update:
        // give it the update too, as already stored (applying it twice changes nothing).
        const opened = this.live.get(documentId);
        if (opened) Y.applyUpdate(opened, update, COMMITTED_ELSEWHERE);
      }
      if (updates.length > 0) await this.saveText(documentId, textOf(loaded.doc));
      return true;
    } finally {
      loaded.doc.destroy();
    }
  }

  /** Resolves once the update is committed (group commit, see UpdateLogWriter). */
  append(update: PendingUpdate): Promise<void> {
    return this.writer.append(update);
  }

  /**
   * Folds the updates after the merged state into it, in one transaction.
   * The log rows stay: they are the edit history; loading skips them.
   *
   * Loading skips every row up to `last_update_id`, so no row below it may
   * commit later. One instance writes a document's rows in id order (one
   * writer lane per document). With several instances, two may write one
   * document at once and ids may commit out of order: then the merge stops
   * at a horizon below which everything has committed.
   */
  async compact(documentId: string): Promise<void> {
    const horizon = this.bus.enabled ? await this.committedHorizon(documentId) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const [state] = await manager.query(
        'SELECT state, last_update_id FROM document_states WHERE document_id = $1 FOR UPDATE',
        [documentId],
      );
      if (!state) return;
      const rows: { id: string; update: Buffer }[] = await manager.query(
        `SELECT id, "update" FROM document_updates
          WHERE document_id = $1 AND id > $2 AND ($3::bigint IS NULL OR id <= $3::bigint) ORDER BY id`,
        [documentId, state.last_update_id, horizon ?? null],
      );
      if (rows.length === 0) return;
      const merged = Y.mergeUpdates([state.state as Buffer, ...rows.map((r) => r.update)]);
      await manager.query(
        'UPDATE document_states SET state = $2, last_update_id = $3, updated_at = now() WHERE document_id = $1',
        [documentId, Buffer.from(merged), rows[rows.length - 1]!.id],
      );
    });
  }

  /**
   * The document's largest update id below which no insert is still in
   * flight. A SHARE lock on the log waits for every open insert (they hold
   * ROW EXCLUSIVE from the moment their ids are drawn) and is let go at once.
   */
  private async committedHorizon(documentId: string): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE document_updates IN SHARE MODE');
      const [row] = await manager.query('SELECT max(id)::text AS id FROM document_updates WHERE document_id = $1', [
        documentId,
      ]);
      return (row?.id as string | null) ?? null;
    });
  }

  /**
   * The edit history: runs of updates by one person without a pause of more
   * than five minutes, newest first (at most `limit`), in one query.
   */
  async editSessions(documentId: string, limit = 200): Promise<EditSession[]> {
    const rows: { user_id: string | null; name: string | null; from: Date; to: Date; updates: number }[] =
      await this.dataSource.query(
        `WITH marked AS (
           SELECT id, user_id, created_at,
                  CASE WHEN lag(user_id) OVER w IS DISTINCT FROM user_id
                         OR created_at - lag(created_at) OVER w > interval '5 minutes'
                       THEN 1 ELSE 0 END AS starts
             FROM document_updates WHERE document_id = $1
           WINDOW w AS (ORDER BY id)
         ), sessions AS (
           SELECT *, sum(starts) OVER (ORDER BY id) AS session FROM marked
         )
         SELECT s.user_id, u.name, min(s.created_at) AS "from", max(s.created_at) AS "to", count(*)::int AS updates
           FROM sessions s LEFT JOIN users u ON u.id = s.user_id
          GROUP BY s.session, s.user_id, u.name
          ORDER BY min(s.id) DESC
          LIMIT $2`,
        [documentId, limit],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      from: new Date(r.from).toISOString(),
      to: new Date(r.to).toISOString(),
      updates: r.updates,
    }));
  }

  /** Keeps `documents.text` (lengths in lists, search later) in step with the live text. */
  async saveText(documentId: string, text: string): Promise<void> {
    // Unchanged text is not written: no new row version, no search index work (a trigger re-indexes changed text).
    await this.dataSource.query(
      'UPDATE documents SET text = $2, updated_at = now() WHERE id = $1 AND text IS DISTINCT FROM $2',
      [documentId, text],
    );
  }

  /** Everything appended is committed before the pool closes (TypeORM closes it after this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writer.drain();
    for (const pending of this.writerConnections.splice(0)) {
      const kept = await pending?.catch(() => undefined);
      if (kept) this.giveBack(kept);
    }
  }

  /**
   * One statement per batch on a connection kept for the writer: no pool
   * round trip per commit, and prepared statements for the common small
   * batches (the hot path of every live edit).
   */
  private async insert(batch: PendingUpdate[], lane: number): Promise<void> {
    const values: unknown[] = [];
    const rows = batch.map((u, i) => {
      values.push(u.documentId, Buffer.from(u.update), u.userId);
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    const text = `INSERT INTO document_updates (document_id, "update", user_id) VALUES ${rows.join(', ')}`;
    const kept = await this.writerClient(lane);
    const started = performance.now();
    try {
      await kept.client.query(
        batch.length <= PREPARED_BATCH_SIZES ? { name: `tolk-append-${batch.length}`, text, values } : { text, values },
      );
      this.metrics.commitSeconds.observe((performance.now() - started) / 1000);
      this.metrics.batchSize.observe(batch.length);
    } catch (error) {
      if (!isForeignKeyViolation(error)) {
        this.metrics.errors.inc({ kind: 'update_store' });
        // The connection may be broken: give it back as such and take a new one next time.
        this.giveBack(kept, error instanceof Error ? error : true);
      }
      throw error;
    }
  }

  /** The lane's kept connection, connecting (again) when there is none or it broke. */
  private async writerClient(lane: number): Promise<KeptConnection> {
    for (;;) {
      const pending = (this.writerConnections[lane] ??= this.connectKept());
      let kept: KeptConnection;
      try {
        kept = await pending;
      } catch (error) {
        this.writerConnections[lane] = undefined;
        throw error;
      }
      if (!kept.broken) return kept;
      if (this.writerConnections[lane] === pending) this.writerConnections[lane] = undefined;
    }
  }

  private async connectKept(): Promise<KeptConnection> {
    const client = await ((this.dataSource.driver as PostgresDriver).master as pg.Pool).connect();
    // A kept connection that breaks while idle (the database restarts, the
    // network drops) says so with an 'error' event, which nobody else
    // listens to on a checked-out client: unheard, it would end the process.
    const kept: KeptConnection = { client, broken: false };
    client.on('error', (error: Error) => this.giveBack(kept, error));
    return kept;
  }

  /**
   * Returns a kept connection to the pool, once: as broken after an error
   * (the next batch connects anew), or as healthy at shutdown.
   */
  private giveBack(kept: KeptConnection, error?: Error | true): void {
    // Our error listener stays on the client (a client without one would end
    // the process on its next error); once given back, it does nothing.
    if (kept.broken) return;
    kept.broken = true;
    kept.client.release(error);
  }
}
