import { Injectable } from '@nestjs/common';
import type { Code, Coding, Locale, ProjectState, RestoreResult } from '@tolk/contracts';
import { CodebookService } from '../codebook/codebook.service.js';
import { CodesRepository } from '../codebook/codes.repository.js';
import { CodingsRepository } from '../codings/codings.repository.js';
import { CodingsService } from '../codings/codings.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { SegmentAnchors } from '../documents/segment-anchors.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import { translate } from '../platform/i18n/translate.js';
import { SnapshotStateService } from './snapshot-state.service.js';
import { SnapshotsService } from './snapshots.service.js';
import { diffText } from './text-diff.js';

interface Announcements {
  codes: Code[];
  retiredCodes: string[];
  codings: Coding[];
  deletedCodings: Coding[];
}

/**
 * Brings a project back to a snapshot as new, attributed changes; nothing
 * in between is destroyed. First a snapshot of the state before; then the
 * text of each document, as the fewest word-level Yjs edits (so people
 * typing in it keep their place and see the change live); then, in one
 * transaction, codings and codebook, each change a new version in their
 * event history. Document titles, attributes, comments and memos are left
 * as they are now (they are discussion, not analysis).
 */
@Injectable()
export class SnapshotRestoreService {
  constructor(
    private readonly transactions: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly snapshots: SnapshotsService,
    private readonly states: SnapshotStateService,
    private readonly transcripts: LiveDocuments,
    private readonly anchors: SegmentAnchors,
    private readonly codings: CodingsService,
    private readonly codingRows: CodingsRepository,
    private readonly codebook: CodebookService,
    private readonly codes: CodesRepository,
    private readonly events: DomainEvents,
  ) {}

  /** `locale`: the restorer's language, in which the snapshot of the state before is named. */
  async restore(actor: Actor, snapshotId: string, locale: Locale = 'en'): Promise<RestoreResult> {
    const { snapshot } = await this.snapshots.loadFor(actor, snapshotId, 'restoreSnapshots');
    const projectId = snapshot.projectId;
    const target = await this.states.fromSnapshot(snapshot.id);
    const before = await this.snapshots.take(projectId, {
      name: translate(locale, 'snapshot.beforeRestore', { name: snapshot.name }),
      kind: 'before-restore',
      createdBy: actor.userId,
    });

    const existing = new Set(await this.documents.idsOf(projectId));
    const present = target.documents.filter((d) => existing.has(d.id));
    let documentsChanged = 0;
    for (const document of present) {
      if (await this.restoreText(actor, projectId, document.id, document.text)) documentsChanged++;
      // Anchors of codings re-resolve against the restored text before they are compared.
      await this.codings.refresh(document.id);
    }

    const announce: Announcements = { codes: [], retiredCodes: [], codings: [], deletedCodings: [] };
    await this.transactions.run(async (tx) => {
      await this.restoreCodings(
        tx,
        actor,
        target,
        present.map((d) => d.id),
        announce,
      );
      await this.restoreCodebook(tx, actor, projectId, target.codes, announce);
    });
    for (const code of announce.codes) this.events.emit('code.updated', { projectId, code });
    for (const codeId of announce.retiredCodes) this.events.emit('code.deleted', { projectId, codeId });
    for (const coding of announce.codings) this.events.emit('coding.updated', { projectId, coding });
    for (const coding of announce.deletedCodings) this.events.emit('coding.deleted', { projectId, coding });
    return {
      before,
      documentsChanged,
      documentsMissing: target.documents.filter((d) => !existing.has(d.id)).map((d) => d.id),
      codingsRestored: announce.codings.length,
      codingsRemoved: announce.deletedCodings.length,
      codesChanged: announce.codes.length + announce.retiredCodes.length,
    };
  }

  /** Applies the word-level diff from the current text to the snapshot's as Yjs edits; true when something changed. */
  private async restoreText(actor: Actor, projectId: string, documentId: string, text: string): Promise<boolean> {
    let changed = false;
    await this.transcripts.edit(documentId, projectId, actor.userId, (ytext) => {
      let at = 0;
      for (const part of diffText(ytext.toString(), text)) {
        if (part.op === 'equal') at += part.text.length;
        else if (part.op === 'delete') {
          ytext.delete(at, part.text.length);
          changed = true;
        } else {
          ytext.insert(at, part.text);
          at += part.text.length;
          changed = true;
        }
      }
    });
    return changed;
  }

  private async restoreCodings(
    manager: Tx,
    actor: Actor,
    target: ProjectState,
    documentIds: string[],
    out: Announcements,
  ) {
    if (documentIds.length === 0) return;
    const wanted = new Map(target.codings.filter((c) => documentIds.includes(c.documentId)).map((c) => [c.id, c]));
    const current = await this.codingRows.lockAllOfDocuments(documentIds, manager);
    for (const coding of current) {
      const want = wanted.get(coding.id);
      if (!want) {
        if (coding.deletedAt) continue;
        coding.deletedAt = new Date();
        out.deletedCodings.push(await this.codings.saveVersion(manager, coding, 'deleted', actor));
        continue;
      }
      const sameCode = coding.codeId === want.codeId;
      const samePlace =
        want.textDeleted || (coding.start === want.start && coding.end === want.end && !coding.textDeleted);
      if (!coding.deletedAt && sameCode && samePlace) continue;
      coding.codeId = want.codeId;
      coding.deletedAt = null;
      if (!samePlace) {
        // The text is the snapshot's again, so its offsets point at the same words.
        Object.assign(coding, await this.anchors.place(coding.documentId, { start: want.start, end: want.end }), {
          textDeleted: false,
        });
      }
      out.codings.push(await this.codings.saveVersion(manager, coding, 'restored', actor));
    }
  }

  /**
   * Codes made after the snapshot are retired (their codings are gone by
   * now); the snapshot's codes get their name, colour, description (with
   * when to use, when not, and the example) and place back, retired ones are
   * brought back.
   */
  private async restoreCodebook(manager: Tx, actor: Actor, projectId: string, codes: Code[], out: Announcements) {
    const wanted = new Map(codes.map((c) => [c.id, c]));
    const current = await this.codes.lockAllInProject(projectId, manager);
    // Codes still used (by documents added after the snapshot) stay.
    const used = await this.codingRows.codeIdsInUse(projectId, manager);
    for (const code of current) {
      if (wanted.has(code.id) || code.retiredAt || used.has(code.id)) continue;
      code.retiredAt = new Date();
      code.mergedIntoId = null;
      await this.codebook.saveVersion(manager, code, 'deleted', actor, {});
      out.retiredCodes.push(code.id);
    }
    for (const code of current) {
      const want = wanted.get(code.id);
      if (!want) continue;
      const definition = definitionOf(want);
      const same =
        !code.retiredAt &&
        code.name === want.name &&
        code.color === want.color &&
        code.description === want.description &&
        code.parentId === want.parentId &&
        code.whenToUse === definition.whenToUse &&
        code.whenNotToUse === definition.whenNotToUse &&
        code.exampleCodingId === definition.exampleCodingId &&
        code.exampleQuote === definition.exampleQuote;
      if (same) continue;
      Object.assign(code, {
        name: want.name,
        color: want.color,
        description: want.description,
        parentId: want.parentId,
        ...definition,
        retiredAt: null,
        mergedIntoId: null,
      });
      out.codes.push(
        await this.codebook.saveVersion(manager, code, 'restored', actor, {
          name: want.name,
          color: want.color,
          description: want.description,
          parentId: want.parentId,
        }),
      );
    }
  }
}

/**
 * A snapshot's code's definition beyond its description; snapshots taken
 * before codes had one hold none (their JSON lacks the fields).
 */
function definitionOf(
  code: Partial<Code>,
): Pick<Code, 'whenToUse' | 'whenNotToUse' | 'exampleCodingId' | 'exampleQuote'> {
  return {
    whenToUse: code.whenToUse ?? '',
    whenNotToUse: code.whenNotToUse ?? '',
    exampleCodingId: code.exampleCodingId ?? null,
    exampleQuote: code.exampleQuote ?? '',
  };
}
