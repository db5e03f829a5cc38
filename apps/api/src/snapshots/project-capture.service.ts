import { Injectable } from '@nestjs/common';
import { decodeAnchor, type ResolvedAnchor, resolveAnchors } from '@tolk/anchoring';
import type { Coding, Comment, ProjectState, ProjectStateDocument } from '@tolk/contracts';
import * as Y from 'yjs';
import { toCode } from '../codebook/code.js';
import { placementAfter, toCoding } from '../codings/coding.js';
import { toComment } from '../comments/comment.js';
import type { Tx } from '../database/transactions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { TranscriptStore } from '../documents/transcript-store.js';
import { CONTENT, textOf } from '../documents/yjs-text.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import { ProjectAnnotations } from '../project-state/project-annotations.js';
import { anchoredMemos, toStateMemo } from '../project-state/project-state.service.js';

/** A project's state plus what only a snapshot keeps: each document's Yjs state. */
export interface Capture {
  state: ProjectState;
  /** Document id → `Y.encodeStateAsUpdate` of its text at the instant. */
  yjsStates: Map<string, Uint8Array>;
}

/**
 * Reads a whole project as at one instant, for a snapshot (what
 * `ProjectStateService.current` gives, plus each document's Yjs state, all
 * from one read of each text): every document's live text (from
 * memory when open, else from the store), codings and comments resolved
 * against that very text, the codebook, memos and the people they name.
 * Run it inside one REPEATABLE READ transaction, so every row comes from
 * the same database snapshot; documents held in memory are copied in one
 * synchronous pass right after that snapshot begins.
 */
@Injectable()
export class ProjectCapture {
  constructor(
    private readonly transcripts: TranscriptStore,
    private readonly live: LiveDocuments,
    private readonly projects: ProjectsRepository,
    private readonly documents: DocumentsRepository,
    private readonly annotations: ProjectAnnotations,
  ) {}

  async capture(tx: Tx, projectId: string, snapshot: { id: string; name: string } | null = null): Promise<Capture> {
    const project = await this.projects.findById(projectId, tx);
    if (!project) throw new Error(`project ${projectId} is gone`);
    const documents = await this.documents.headers(projectId, tx);
    const asOf = new Date().toISOString();
    // The open documents, frozen now (their rooms keep changing them).
    const docs = new Map<string, Y.Doc>();
    for (const d of documents) {
      const live = this.live.liveDoc(d.id);
      if (!live) continue;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
      docs.set(d.id, copy);
    }
    try {
      for (const d of documents) {
        if (docs.has(d.id)) continue;
        const loaded = await this.transcripts.load(d.id, tx);
        if (loaded) docs.set(d.id, loaded.doc);
      }
      const { codes, codings, comments, memos, users } = await this.annotations.read(tx, projectId);
      const names = new Map(users.map((u) => [u.id, u.name]));

      const stateDocuments: ProjectStateDocument[] = [];
      const yjsStates = new Map<string, Uint8Array>();
      const stateCodings: Coding[] = [];
      const stateComments: Comment[] = [];
      const memoPlaces = new Map<string, ResolvedAnchor>();
      for (const d of documents) {
        const doc = docs.get(d.id);
        if (!doc) continue; // deleted since the list was read
        const text = doc.getText(CONTENT);
        yjsStates.set(d.id, Y.encodeStateAsUpdate(doc));
        stateDocuments.push({
          id: d.id,
          title: d.title,
          text: textOf(doc),
          attributes: d.attributes,
          createdAt: d.createdAt.toISOString(),
        });
        const own = codings.filter((c) => c.documentId === d.id);
        const whereCodings = resolveAnchors(
          doc,
          text,
          own.map((c) => decodeAnchor(c)),
        );
        own.forEach((c, i) => stateCodings.push({ ...toCoding(c), ...placementAfter(c, whereCodings[i]) }));
        const ownComments = comments.filter((c) => c.documentId === d.id);
        const anchored = ownComments.filter((c) => c.startAnchor !== null && c.endAnchor !== null);
        const whereComments = resolveAnchors(
          doc,
          text,
          anchored.map((c) => decodeAnchor({ startAnchor: c.startAnchor!, endAnchor: c.endAnchor! })),
        );
        const where = new Map(anchored.map((c, i) => [c.id, whereComments[i]]));
        for (const c of ownComments) stateComments.push(toComment(c, names, where.get(c.id)));
        const segmentMemos = anchoredMemos(memos, d.id);
        const whereMemos = resolveAnchors(
          doc,
          text,
          segmentMemos.map((m) => decodeAnchor({ startAnchor: m.startAnchor!, endAnchor: m.endAnchor! })),
        );
        segmentMemos.forEach((m, i) => memoPlaces.set(m.id, whereMemos[i]));
      }
      return {
        state: {
          project: { id: project.id, name: project.name, description: project.description },
          asOf,
          snapshot,
          users,
          codes: codes.map(toCode),
          documents: stateDocuments,
          codings: stateCodings,
          comments: stateComments,
          memos: memos.map((m) => toStateMemo(m, projectId, names, memoPlaces.get(m.id))),
        },
        yjsStates,
      };
    } finally {
      for (const doc of docs.values()) doc.destroy();
    }
  }
}
