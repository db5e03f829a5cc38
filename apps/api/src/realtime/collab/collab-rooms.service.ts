import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import * as Y from 'yjs';
import { MetricsService } from '../../metrics/metrics.service.js';
import { DocumentRoom } from './document-room.js';
import { LIVE_EXTENSIONS, type LiveExtension, type LiveHost } from './live-extension.js';
import { LivePipeline } from './live-pipeline.js';

/** Documents kept in memory at most; beyond it new documents are refused for a while. */
export const MAX_ROOMS = 1_000;
/** A document stays in memory this long after its last client left. */
export const UNLOAD_AFTER_MS = 10_000;

export class TooManyRoomsError extends Error {}

/**
 * The transcripts held in memory, one room each: the only owner of live
 * Y.Docs (the rest of the server reads and edits them through
 * LiveDocuments). Loads a document once even when several clients open it
 * at the same instant, and unloads it a short while after its last client
 * left (after the extensions stored what is left).
 *
 * Changes committed by another instance come in through the LiveHost
 * methods (the cluster fan-out extension calls them); what arrives while a
 * document loads is applied once it is loaded.
 */
@Injectable()
export class CollabRooms implements OnModuleInit, LiveHost {
  private readonly logger = new Logger('Collab');
  readonly pipeline: LivePipeline;
  private readonly rooms = new Map<string, DocumentRoom>();
  private readonly loading = new Map<string, Promise<DocumentRoom | undefined>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being stored on unload; a new load of the same document waits for it. */
  private readonly closing = new Map<string, Promise<void>>();
  /** Updates from other instances for documents still loading. */
  private readonly arrivedWhileLoading = new Map<string, Uint8Array[]>();
  private shuttingDown = false;

  constructor(
    @Inject(LIVE_EXTENSIONS) extensions: LiveExtension[],
    private readonly metrics: MetricsService,
  ) {
    this.pipeline = new LivePipeline(extensions, this.logger);
  }

  async onModuleInit(): Promise<void> {
    this.metrics.gauge(
      'tolk_documents_in_memory',
      'Transcripts held in memory (open, or closed a moment ago)',
      () => this.rooms.size,
    );
    this.logger.log(`Live path extensions: ${this.pipeline.names.join(', ')}`);
    await this.pipeline.configure(this);
  }

  /**
   * The room of a document, loading it if needed; undefined when the
   * document does not exist. `evenIfFull`: a server-side edit, which holds
   * the room for a moment only, is not refused for the limit on rooms.
   */
  async open(documentId: string, projectId: string, evenIfFull = false): Promise<DocumentRoom | undefined> {
    this.cancelUnload(documentId);
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    let loading = this.loading.get(documentId);
    if (!loading) {
      if (!evenIfFull && this.rooms.size + this.loading.size >= MAX_ROOMS) throw new TooManyRoomsError();
      loading = this.load(documentId, projectId).finally(() => {
        this.loading.delete(documentId);
        this.arrivedWhileLoading.delete(documentId);
      });
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  get(documentId: string): DocumentRoom | undefined {
    return this.rooms.get(documentId);
  }

  ofProject(projectId: string): DocumentRoom[] {
    return [...this.rooms.values()].filter((room) => room.projectId === projectId);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Called when a connection left a room: unload it later if nobody is left. */
  released(room: DocumentRoom): void {
    if (this.shuttingDown || room.connections.size > 0 || this.rooms.get(room.documentId) !== room) return;
    this.cancelUnload(room.documentId);
    const timer = setTimeout(() => void this.unload(room), UNLOAD_AFTER_MS);
    timer.unref();
    this.unloadTimers.set(room.documentId, timer);
  }

  /** The document was deleted: drop it without saving. */
  discard(documentId: string): DocumentRoom | undefined {
    this.cancelUnload(documentId);
    const room = this.rooms.get(documentId);
    if (!room) return undefined;
    this.rooms.delete(documentId);
    room.discard();
    return room;
  }

  /** On shutdown: store and unload everything, connected or not. */
  async closeAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.allSettled([...this.loading.values()]);
    for (const id of [...this.unloadTimers.keys()]) this.cancelUnload(id);
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room, true)));
  }

  private async load(documentId: string, projectId: string): Promise<DocumentRoom | undefined> {
    await this.closing.get(documentId);
    const loaded = await this.pipeline.load({ documentId, projectId });
    if (!loaded) return undefined;
    const room = new DocumentRoom(documentId, projectId, loaded.doc, this.pipeline, this.logger);
    this.rooms.set(documentId, room);
    for (const update of this.arrivedWhileLoading.get(documentId) ?? []) room.applyCommittedElsewhere(update);
    this.arrivedWhileLoading.delete(documentId);
    return room;
  }

  /** LiveHost: a change another instance committed. */
  applyCommittedElsewhere(documentId: string, update: Uint8Array): void {
    const room = this.rooms.get(documentId);
    if (room) {
      room.applyCommittedElsewhere(update);
    } else if (this.loading.has(documentId)) {
      // Committed after our read of PostgreSQL, or before it (Yjs skips what it has).
      const waiting = this.arrivedWhileLoading.get(documentId) ?? [];
      waiting.push(update.slice());
      this.arrivedWhileLoading.set(documentId, waiting);
    }
  }

  /** LiveHost: cursors of another instance's clients. */
  applyAwarenessElsewhere(documentId: string, update: Uint8Array): void {
    this.rooms.get(documentId)?.applyAwarenessElsewhere(update);
  }

  /** LiveHost: after missed messages (a Redis outage), what other instances committed meanwhile, read from storage. */
  async catchUpAll(): Promise<void> {
    for (const room of [...this.rooms.values()]) {
      try {
        const stored = await this.pipeline.load(room);
        if (!stored) continue;
        const missing = Y.encodeStateAsUpdate(stored.doc, Y.encodeStateVector(room.doc));
        stored.doc.destroy();
        room.applyCommittedElsewhere(missing);
      } catch (error) {
        this.logger.error(`Could not catch up document ${room.documentId}: ${String(error)}`);
      }
    }
  }

  private async unload(room: DocumentRoom, evenIfConnected = false): Promise<void> {
    this.unloadTimers.delete(room.documentId);
    if ((room.connections.size > 0 && !evenIfConnected) || this.rooms.get(room.documentId) !== room) return;
    this.rooms.delete(room.documentId);
    const closing = room.close().finally(() => this.closing.delete(room.documentId));
    this.closing.set(room.documentId, closing);
    await closing;
  }

  private cancelUnload(documentId: string): void {
    clearTimeout(this.unloadTimers.get(documentId));
    this.unloadTimers.delete(documentId);
  }
}
