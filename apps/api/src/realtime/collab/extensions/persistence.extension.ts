import { Injectable, Logger } from '@nestjs/common';
import type * as Y from 'yjs';
import { TranscriptStore } from '../../../documents/transcript-store.js';
import { textOf } from '../../../documents/yjs-text.js';
import type { DocumentContext, LiveChange, LiveExtension, LoadedDocument, RoomView } from '../live-extension.js';

/** Fold the update log into the merged state after this many updates. */
const COMPACT_EVERY = 500;
/** Write the plain text back to `documents.text` this long after the last change. */
const SAVE_TEXT_AFTER_MS = 2_000;

interface Upkeep {
  updatesSinceCompaction: number;
  saveTextTimer: NodeJS.Timeout | undefined;
}

/**
 * Persistence on the live path: loads a document from the TranscriptStore,
 * appends every change before it is broadcast, compacts the log every
 * COMPACT_EVERY changes and on unload, and keeps the plain-text copy in step
 * a moment after the last change.
 */
@Injectable()
export class PersistenceExtension implements LiveExtension {
  readonly name = 'persistence';
  readonly priority = 0;
  private readonly logger = new Logger('Collab');
  /** Per document in memory (keyed by its Y.Doc, so a reloaded document starts afresh). */
  private readonly upkeep = new WeakMap<Y.Doc, Upkeep>();

  constructor(private readonly store: TranscriptStore) {}

  async onLoad({ documentId }: DocumentContext): Promise<LoadedDocument | undefined> {
    const loaded = await this.store.load(documentId);
    if (loaded)
      this.upkeep.set(loaded.doc, { updatesSinceCompaction: loaded.updatesSinceState, saveTextTimer: undefined });
    return loaded;
  }

  onPersist({ documentId, update, origin }: LiveChange): Promise<void> {
    const userId =
      origin.kind === 'client' ? origin.connection.user.id : origin.kind === 'server' ? origin.userId : null;
    return this.store.append({ documentId, update, userId });
  }

  afterCommit(_change: LiveChange, room: RoomView): void {
    const upkeep = this.upkeep.get(room.doc);
    if (!upkeep) return;
    if (++upkeep.updatesSinceCompaction >= COMPACT_EVERY) {
      upkeep.updatesSinceCompaction = 0;
      this.store.compact(room.documentId).catch((error: unknown) => {
        this.logger.error(`Could not compact document ${room.documentId}: ${String(error)}`);
      });
    }
    clearTimeout(upkeep.saveTextTimer);
    upkeep.saveTextTimer = setTimeout(() => {
      if (room.closed) return;
      this.store.saveText(room.documentId, textOf(room.doc)).catch((error: unknown) => {
        this.logger.error(`Could not save the text of ${room.documentId}: ${String(error)}`);
      });
    }, SAVE_TEXT_AFTER_MS);
    upkeep.saveTextTimer.unref();
  }

  async onStore(room: RoomView): Promise<void> {
    await this.store.saveText(room.documentId, textOf(room.doc));
  }

  async onUnload(room: RoomView): Promise<void> {
    const upkeep = this.upkeep.get(room.doc);
    clearTimeout(upkeep?.saveTextTimer);
    try {
      if (!upkeep || upkeep.updatesSinceCompaction > 0) await this.store.compact(room.documentId);
      await this.store.saveText(room.documentId, textOf(room.doc));
    } catch (error) {
      this.logger.error(`Could not compact document ${room.documentId}: ${String(error)}`);
    }
  }
}
