import type { EntityManager } from 'typeorm';
import type * as Y from 'yjs';
import type { PendingUpdate } from './update-log-writer.js';

export interface LoadedTranscript {
  doc: Y.Doc;
  /** Updates stored after the merged state; compaction folds them in. */
  updatesSinceState: number;
}

/**
 * Where transcript text is kept, as the live path sees it: load a document,
 * append an accepted update (resolves once it is durable), fold the log,
 * keep the plain-text copy in step. It knows nothing of rooms, connections
 * or other instances; the live path (realtime/collab) owns the documents in
 * memory and calls it through its persistence extension.
 *
 * An abstract class rather than an interface so that Nest can inject it by
 * type; UpdateLogStore is the implementation (PostgreSQL).
 */
export abstract class TranscriptStore {
  /** Stores the initial state of a new document (made from `text`, or the given update), inside the caller's transaction. */
  abstract createState(manager: EntityManager, documentId: string, text: string, state?: Uint8Array): Promise<void>;

  /**
   * Merged state plus newer updates, or undefined when the document does not
   * exist. With `manager`, read inside that transaction (a snapshot reads
   * every document as of one instant).
   */
  abstract load(documentId: string, manager?: EntityManager): Promise<LoadedTranscript | undefined>;

  /** Resolves once the update is committed; rejects with DocumentGoneError when its document was deleted. */
  abstract append(update: PendingUpdate): Promise<void>;

  /** Folds the stored updates into the merged state (the log rows stay as history). */
  abstract compact(documentId: string): Promise<void>;

  /** Keeps the plain-text copy of the document (lists, search) in step with its Yjs state. */
  abstract saveText(documentId: string, text: string): Promise<void>;
}
