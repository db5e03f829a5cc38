import { Injectable } from '@nestjs/common';
import type * as Y from 'yjs';
import { TranscriptStore } from '../../documents/transcript-store.js';
import { CONTENT, textOf } from '../../documents/yjs-text.js';
import { CollabRooms } from './collab-rooms.service.js';
import type { ServerOrigin } from './document-room.js';

/**
 * Transcript text for the rest of the server (REST reads, anchors,
 * snapshots, restore, pseudonyms): the live document when a room holds it,
 * else a copy loaded from the store for the call. Server-side edits go
 * through a room like a client's, so they take the same path: persisted,
 * broadcast, fanned out to other instances, announced after the commit.
 */
@Injectable()
export class LiveDocuments {
  constructor(
    private readonly rooms: CollabRooms,
    private readonly store: TranscriptStore,
  ) {}

  /** The document in memory, when a room holds it (do not keep it, do not change it). */
  liveDoc(documentId: string): Y.Doc | undefined {
    const room = this.rooms.get(documentId);
    return room && !room.closed ? room.doc : undefined;
  }

  /**
   * Runs `work` on the document as it is now: the live one when it is open
   * (do not keep it), else one loaded for the call. Undefined when the
   * document does not exist.
   */
  async withDoc<T>(documentId: string, work: (doc: Y.Doc) => T): Promise<T | undefined> {
    const live = this.liveDoc(documentId);
    if (live) return work(live);
    const loaded = await this.store.load(documentId);
    if (!loaded) return undefined;
    try {
      return work(loaded.doc);
    } finally {
      loaded.doc.destroy();
    }
  }

  /** The text as it is now: from memory when the document is open, else from the store. */
  currentText(documentId: string): Promise<string | undefined> {
    return this.withDoc(documentId, textOf);
  }

  /** Stores the plain text of the document now if it is open (it may be ahead of `documents.text` by a moment). */
  async storeText(documentId: string): Promise<void> {
    await this.rooms.get(documentId)?.store();
  }

  /**
   * Changes the text on a person's behalf from the server (a restore,
   * pseudonymisation), so that everyone sees it: in the document's room,
   * opened for the call if nobody has it open. Resolves once the change is
   * committed and the plain text stored. False when the document does not
   * exist.
   */
  async edit(documentId: string, projectId: string, userId: string, change: (text: Y.Text) => void): Promise<boolean> {
    const room = await this.rooms.open(documentId, projectId, true);
    if (!room) return false;
    try {
      const origin: ServerOrigin = { userId };
      room.doc.transact(() => change(room.doc.getText(CONTENT)), origin);
      await room.store();
      return true;
    } finally {
      this.rooms.released(room);
    }
  }
}
