import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import * as Y from 'yjs';
import { ClusterBus } from '../../cluster/cluster-bus.service.js';
import { decodeDocumentMessage, encodeDocumentMessage, UPDATES_CHANNEL } from '../../cluster/document-message.js';
import { TranscriptStore } from '../../documents/transcript-store.service.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import { DomainEvents } from '../../platform/domain-events.js';
import { DocumentRoom } from './document-room.js';

/** Redis channels: committed Yjs updates (UPDATES_CHANNEL), and cursors, of documents held by several instances. */
const AWARENESS_CHANNEL = 'tolk:collab:awareness';

/** Documents kept in memory at most; beyond it new documents are refused for a while. */
export const MAX_ROOMS = 1_000;
/** A document stays in memory this long after its last client left. */
export const UNLOAD_AFTER_MS = 10_000;

export class TooManyRoomsError extends Error {}

/**
 * The transcripts held in memory, one room each. Loads a document once even
 * when several clients open it at the same instant, and unloads it a short
 * while after its last client left (after storing and compacting).
 *
 * With several api instances, clients of one document may sit on different
 * instances: each committed update is published (ClusterBus) and applied by
 * the other instances holding the document; what arrives while a document
 * loads is applied once it is loaded. When Redis comes back after an outage,
 * every room catches up from PostgreSQL.
 */
@Injectable()
export class CollabRooms implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Collab');
  private readonly rooms = new Map<string, DocumentRoom>();
  private readonly loading = new Map<string, Promise<DocumentRoom | undefined>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being stored on unload; a new load of the same document waits for it. */
  private readonly closing = new Map<string, Promise<void>>();
  /** Updates from other instances for documents still loading. */
  private readonly arrivedWhileLoading = new Map<string, Uint8Array[]>();
  private shuttingDown = false;
  private stopCatchingUp: (() => void) | undefined;

  constructor(
    private readonly store: TranscriptStore,
    private readonly events: DomainEvents,
    private readonly bus: ClusterBus,
    private readonly metrics: MetricsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.metrics.gauge(
      'tolk_documents_in_memory',
      'Transcripts held in memory (open, or closed a moment ago)',
      () => this.rooms.size,
    );
    if (!this.bus.enabled) return;
    await this.bus.subscribe(UPDATES_CHANNEL, (message) => this.onElsewhere(message, 'update'));
    await this.bus.subscribe(AWARENESS_CHANNEL, (message) => this.onElsewhere(message, 'awareness'));
    this.stopCatchingUp = this.bus.onReconnected(() => void this.catchUpAll());
  }

  onModuleDestroy(): void {
    this.stopCatchingUp?.();
  }

  /** The room of a document, loading it if needed; undefined when the document does not exist. */
  async open(documentId: string, projectId: string): Promise<DocumentRoom | undefined> {
    this.cancelUnload(documentId);
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    let loading = this.loading.get(documentId);
    if (!loading) {
      if (this.rooms.size + this.loading.size >= MAX_ROOMS) throw new TooManyRoomsError();
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
    const loaded = await this.store.load(documentId);
    if (!loaded) return undefined;
    const room = new DocumentRoom(
      documentId,
      projectId,
      loaded.doc,
      loaded.updatesSinceState,
      this.store,
      this.logger,
      {
        textCommitted: (update, elsewhere) => {
          this.events.emit('document.textChanged', { projectId, documentId, elsewhere });
          if (!elsewhere) this.tellOthers(UPDATES_CHANNEL, documentId, update);
        },
        awarenessChanged: (update) => this.tellOthers(AWARENESS_CHANNEL, documentId, update),
        forwarded: (messages) => this.metrics.broadcastMessages.inc(messages),
      },
    );
    this.rooms.set(documentId, room);
    for (const update of this.arrivedWhileLoading.get(documentId) ?? []) room.applyCommittedElsewhere(update);
    this.arrivedWhileLoading.delete(documentId);
    return room;
  }

  private tellOthers(channel: string, documentId: string, payload: Uint8Array): void {
    if (this.bus.enabled) {
      this.bus.publish(
        channel,
        encodeDocumentMessage({ instanceId: this.bus.instanceId, documentId, sentAt: Date.now(), payload }),
      );
    }
  }

  private onElsewhere(message: Buffer, kind: 'update' | 'awareness'): void {
    const decoded = decodeDocumentMessage(message);
    if (!decoded || decoded.instanceId === this.bus.instanceId) return;
    const room = this.rooms.get(decoded.documentId);
    if (kind === 'update') this.metrics.redisLagSeconds.observe(Math.max(0, Date.now() - decoded.sentAt) / 1000);
    if (kind === 'awareness') {
      room?.applyAwarenessElsewhere(decoded.payload);
      return;
    }
    if (room) {
      room.applyCommittedElsewhere(decoded.payload);
    } else if (this.loading.has(decoded.documentId)) {
      // Committed after our read of PostgreSQL, or before it (Yjs skips what it has).
      const waiting = this.arrivedWhileLoading.get(decoded.documentId) ?? [];
      waiting.push(decoded.payload.slice());
      this.arrivedWhileLoading.set(decoded.documentId, waiting);
    }
  }

  /** After a Redis outage: what other instances committed meanwhile, read from PostgreSQL. */
  async catchUpAll(): Promise<void> {
    for (const room of [...this.rooms.values()]) {
      try {
        const stored = await this.store.load(room.documentId);
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
