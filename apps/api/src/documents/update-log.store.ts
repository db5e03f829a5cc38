import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { type LoadedTranscript, TranscriptStore } from './transcript-store.js';
import { isForeignKeyViolation, UpdateLogRepository } from './update-log.repository.js';
import { type PendingUpdate, UpdateLogWriter } from './update-log-writer.js';
import { docFromUpdates, initialState } from './yjs-text.js';

/** Update-log writers side by side, each holding one pooled connection (of 10). */
const WRITER_LANES = 3;

/**
 * TranscriptStore on PostgreSQL: a merged Yjs state per document plus the
 * update log after it (queries in UpdateLogRepository), appended with group
 * commit (UpdateLogWriter).
 */
@Injectable()
export class UpdateLogStore extends TranscriptStore implements BeforeApplicationShutdown {
  private readonly writer: UpdateLogWriter;

  constructor(
    private readonly log: UpdateLogRepository,
    private readonly metrics: MetricsService,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {
    super();
    this.writer = new UpdateLogWriter((batch, lane) => this.insert(batch, lane), isForeignKeyViolation, WRITER_LANES);
    metrics.gauge('tolk_update_log_pending', 'Live-text updates waiting for their commit', () => this.writer.pending);
  }

  async createState(manager: EntityManager, documentId: string, text: string, state?: Uint8Array): Promise<void> {
    await this.log.createState(documentId, state ?? initialState(text), manager);
  }

  async load(documentId: string, manager?: EntityManager): Promise<LoadedTranscript | undefined> {
    const stored = await this.log.read(documentId, initialState, manager);
    if (!stored) return undefined;
    return { doc: docFromUpdates([stored.state, ...stored.updates]), updatesSinceState: stored.updates.length };
  }

  /** Resolves once the update is committed (group commit, see UpdateLogWriter). */
  append(update: PendingUpdate): Promise<void> {
    return this.writer.append(update);
  }

  /**
   * Loading skips every row up to the merged state's `last_update_id`, so no
   * row below it may commit later. One instance writes a document's rows in
   * id order (one writer lane per document). With several instances, two
   * may write one document at once and ids may commit out of order: then
   * the merge stops at a horizon below which everything has committed.
   */
  async compact(documentId: string): Promise<void> {
    const severalInstances = this.settings.redisUrl !== undefined;
    const horizon = severalInstances ? await this.log.committedHorizon(documentId) : null;
    await this.log.compact(documentId, horizon, (state, updates) => Y.mergeUpdates([state, ...updates]));
  }

  saveText(documentId: string, text: string): Promise<void> {
    return this.log.saveText(documentId, text);
  }

  /** Everything appended is committed before the pool closes (TypeORM closes it after this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writer.drain();
    await this.log.releaseKept();
  }

  private async insert(batch: PendingUpdate[], lane: number): Promise<void> {
    try {
      const ms = await this.log.insertBatch(batch, lane);
      this.metrics.commitSeconds.observe(ms / 1000);
      this.metrics.batchSize.observe(batch.length);
    } catch (error) {
      if (!isForeignKeyViolation(error)) this.metrics.errors.inc({ kind: 'update_store' });
      throw error;
    }
  }
}
