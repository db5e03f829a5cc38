import { Injectable, Logger } from '@nestjs/common';
import { TranscriptStore } from '../../documents/transcript-store.service.js';
import { DomainEvents } from '../../platform/domain-events.js';
import { DocumentRoom } from './document-room.js';

/** Documents kept in memory at most; beyond it new documents are refused for a while. */
export const MAX_ROOMS = 1_000;
/** A document stays in memory this long after its last client left. */
export const UNLOAD_AFTER_MS = 10_000;

export class TooManyRoomsError extends Error {}

/**
 * The transcripts held in memory, one room each. Loads a document once even
 * when several clients open it at the same instant, and unloads it a short
 * while after its last client left (after storing and compacting).
 */
@Injectable()
export class CollabRooms {
  private readonly logger = new Logger('Collab');
  private readonly rooms = new Map<string, DocumentRoom>();
  private readonly loading = new Map<string, Promise<DocumentRoom | undefined>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being stored on unload; a new load of the same document waits for it. */
  private readonly closing = new Map<string, Promise<void>>();
  private shuttingDown = false;

  constructor(
    private readonly store: TranscriptStore,
    private readonly events: DomainEvents,
  ) {}

  /** The room of a document, loading it if needed; undefined when the document does not exist. */
  async open(documentId: string, projectId: string): Promise<DocumentRoom | undefined> {
    this.cancelUnload(documentId);
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    let loading = this.loading.get(documentId);
    if (!loading) {
      if (this.rooms.size + this.loading.size >= MAX_ROOMS) throw new TooManyRoomsError();
      loading = this.load(documentId, projectId).finally(() => this.loading.delete(documentId));
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
    const room = new DocumentRoom(documentId, projectId, loaded.doc, loaded.updatesSinceState, this.store, this.logger, () =>
      this.events.emit('document.textChanged', { projectId, documentId }),
    );
    this.rooms.set(documentId, room);
    return room;
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
