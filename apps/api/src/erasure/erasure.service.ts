import { Injectable } from '@nestjs/common';
import type { Coding, ProjectStateMemo } from '@tolk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { PseudonymsService } from '../pseudonyms/pseudonyms.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import { BlobBatch, blobJson, blobText } from '../snapshots/snapshot-blobs.js';
import type { SnapshotExtras } from '../snapshots/snapshot-state.service.js';
import { type Erasure, type KeptSnapshotDocument, SnapshotsRepository } from '../snapshots/snapshots.repository.js';

/**
 * Consent withdrawal: the owner erases one transcript everywhere, in one
 * transaction — the document with its update log, live state, codings and
 * their history, comments, memos on it, notifications about it and its
 * search index (ON DELETE CASCADE); every snapshot's copy, which becomes a
 * tombstone (when, why, by whom) while the snapshot keeps its other
 * documents; the memos a snapshot kept about it; the blobs nobody uses any
 * more; the key-list names that only it held; the title in earlier audit
 * entries. The erasure is audited without title or text. After the commit
 * the live room closes (4410) on every instance.
 *
 * This service alone declares the snapshot erasure path
 * (`tolk.snapshot_erasure`, migration 1796648233217): the trigger lets a
 * tombstone, a new memo list and the removal of unused blobs through in that
 * transaction, and refuses every other change to a snapshot.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: ProjectAccessService,
    private readonly documents: DocumentsRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly live: LiveDocuments,
    private readonly pseudonyms: PseudonymsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async eraseDocument(actor: Actor, documentId: string, reason: string): Promise<void> {
    if (!isUuid(documentId)) throw notFound('Document');
    const id = documentId.toLowerCase();
    // Read before the transaction: the live text may be a moment ahead of the stored one.
    const liveText = await this.live.currentText(id);
    const erased = await this.transactions.run(async (tx) => {
      const document = await this.documents.findById(id, tx);
      const projectId = document?.projectId ?? (await this.snapshots.projectOfDocumentCopies(id, tx));
      if (!projectId) throw notFound('Document');
      // A non-member gets the 404 of a missing document, whatever the project.
      const access = await this.access.find(actor, projectId, tx);
      if (!access) throw notFound('Document');
      this.access.check(access, 'eraseDocuments');
      const copies = await this.snapshots.keptCopies(projectId, id, tx);
      // Nothing left of it: erased before (its tombstones stay as they are).
      if (!document && copies.length === 0) throw notFound('Document');

      await this.snapshots.allowErasure(true, tx);
      const texts = await this.eraseCopies(tx, projectId, id, copies, { at: new Date(), reason, by: actor.userId });
      if (document) texts.push(liveText ?? document.text);
      const remaining = (await this.documents.withText(projectId, tx)).filter((d) => d.id !== id).map((d) => d.text);
      const namesForgotten = await this.pseudonyms.forgetNamesOnlyIn(actor, projectId, texts, remaining, tx);
      await this.snapshots.allowErasure(false, tx);

      await this.audit.anonymiseDocument(tx, projectId, id);
      // Update log, state, codings (and their events), comments, memos, notifications, search index, consent.
      if (document) await this.documents.delete(id, tx);
      await this.audit.log(
        'document.erase',
        { projectId, documentId: id, reason, snapshots: copies.length, namesForgotten },
        { actor, tx },
      );
      return document ? { projectId } : null;
    });
    if (erased) this.events.emit('document.deleted', { projectId: erased.projectId, documentId: id, erased: true });
  }

  /**
   * Tombstones every snapshot's copy, takes the memos about the document out
   * of those snapshots, and deletes the blobs left unused. Returns the
   * copies' texts (read before they go).
   */
  private async eraseCopies(
    tx: Tx,
    projectId: string,
    documentId: string,
    copies: KeptSnapshotDocument[],
    erasure: Erasure,
  ): Promise<string[]> {
    if (copies.length === 0) return [];
    const blobs = await this.snapshots.blobs(
      projectId,
      copies.flatMap((c) => [c.textHash, c.codingsHash]),
      tx,
    );
    const texts = [...new Set(copies.map((c) => blobText(blobs, c.textHash)))];
    const released: Buffer[] = [];
    for (const copy of copies) {
      // Memos about the document or about one of its codings (segment memos) go too.
      const targets = new Set([documentId, ...blobJson<Coding[]>(blobs, copy.codingsHash).map((c) => c.id)]);
      const snapshot = await this.snapshots.findById(copy.snapshotId, tx);
      if (snapshot) {
        const extras = blobJson<SnapshotExtras>(
          await this.snapshots.blobs(projectId, [snapshot.extrasHash], tx),
          snapshot.extrasHash,
        );
        const memos = extras.memos.filter((m: ProjectStateMemo) => !targets.has(m.targetId));
        if (memos.length !== extras.memos.length) {
          const batch = new BlobBatch();
          const hash = batch.add({ ...extras, memos });
          await this.snapshots.writeBlobs(projectId, batch.added, tx);
          await this.snapshots.replaceExtras(snapshot.id, hash, tx);
          released.push(snapshot.extrasHash);
        }
      }
      await this.snapshots.tombstone(copy.snapshotId, documentId, erasure, tx);
      released.push(copy.stateHash, copy.textHash, copy.codingsHash, copy.commentsHash);
    }
    await this.snapshots.deleteUnusedBlobs(projectId, released, tx);
    return texts;
  }
}
